import type { ValidateFunction } from 'ajv';
import { GatewayError, toGatewayError } from '../errors/gateway-error';
import type {
  CallContext,
  InvalidRecord,
  JobLogQuery,
  NativePage,
  SourceAdapter,
  SourceHealth,
  SourceType,
  UnifiedJobLog,
} from '../contract';
import { isAfter, queryAfter, type PagePosition } from './cursor';
import { mergeNewestFirst } from './merge';

/** Share of the remaining request time a source gets, so the gateway can still answer (lura's 85%). */
const SOURCE_DEADLINE_SHARE = 0.85;

export interface JobLogListRequest {
  /** Source ids to read; all configured sources when absent. */
  readonly sources?: readonly string[];
  readonly query: JobLogQuery;
  /** Continue after this position (newest-first order only). */
  readonly after?: PagePosition;
}

export interface SourceFailure {
  readonly source: string;
  readonly error: GatewayError;
}

export interface SourceInvalidRecords {
  readonly source: string;
  readonly records: readonly InvalidRecord[];
}

export interface JobLogList {
  readonly items: readonly UnifiedJobLog[];
  /** Sources that failed; their records are missing from `items`. */
  readonly errors: readonly SourceFailure[];
  /** Records sources sent that failed validation and are not in `items`. */
  readonly invalid: readonly SourceInvalidRecords[];
  /** True when some source had more records than were returned. */
  readonly truncated: boolean;
  /** Where the next page starts, when there is more and the last record has a time. */
  readonly next?: PagePosition;
}

/** A native pass-through read: one page of native records per source that answered. */
export interface NativeJobLogList {
  readonly pages: ReadonlyArray<NativePage & { readonly source: string }>;
  /** Sources that failed; their records are missing. */
  readonly errors: readonly SourceFailure[];
}

export interface JobLogService {
  list(request: JobLogListRequest, context: CallContext): Promise<JobLogList>;
  /**
   * The same fan-out, deadline and per-source errors as `list`, answering each source's native
   * records as the upstream sent them (validated against the native schema, filtered, in the
   * upstream's order, not normalized): for facades that speak an upstream's own protocol.
   */
  listNative(
    request: Pick<JobLogListRequest, 'sources' | 'query'>,
    context: CallContext,
  ): Promise<NativeJobLogList>;
  /** Reads one record by its unified id; throws GW_ERR_NOT_FOUND when there is none. */
  get(id: string, context: CallContext): Promise<UnifiedJobLog>;
  sources(): ReadonlyArray<{ readonly id: string; readonly type: SourceType }>;
  health(
    context: CallContext,
  ): Promise<ReadonlyArray<{ readonly id: string; readonly type: SourceType } & SourceHealth>>;
}

function narrowed(context: CallContext): CallContext {
  const remaining = context.deadline - Date.now();
  return {
    ...context,
    deadline: Date.now() + Math.max(0, Math.floor(remaining * SOURCE_DEADLINE_SHARE)),
  };
}

/**
 * Creates the unified query service: fans a query out to the chosen sources concurrently,
 * validates every normalized record against the unified schema, merges newest first, and
 * reports each failed source instead of silently returning fewer records.
 */
export function createJobLogService(
  adapters: ReadonlyMap<string, SourceAdapter>,
  validate: ValidateFunction<UnifiedJobLog>,
): JobLogService {
  function adapterFor(id: string): SourceAdapter {
    const adapter = adapters.get(id);
    if (adapter === undefined) {
      throw new GatewayError('GW_ERR_INVALID_PARAMETER', `There is no source named "${id}".`, {
        parameter: 'source',
      });
    }
    return adapter;
  }

  /** Splits normalized records into schema-valid ones and reported invalid ones. */
  function checkUnified(
    records: readonly UnifiedJobLog[],
    invalid: InvalidRecord[],
  ): UnifiedJobLog[] {
    return records.filter((record, index) => {
      if (validate(record)) return true;
      const first = validate.errors?.[0];
      invalid.push({
        index,
        pointer: first?.instancePath ?? '',
        message: `normalized record: ${first?.message ?? 'is invalid'}`,
      });
      return false;
    });
  }

  /**
   * Asks every chosen source at once under one narrowed deadline; a failed source is reported,
   * never silently missing. When every source failed, the first failure is the answer.
   */
  async function fanOut<T>(
    sources: readonly string[] | undefined,
    context: CallContext,
    read: (adapter: SourceAdapter, context: CallContext) => Promise<T>,
  ): Promise<{ answers: Array<{ source: string; value: T }>; errors: SourceFailure[] }> {
    const chosen = (sources ?? [...adapters.keys()]).map(adapterFor);
    const sourceContext = narrowed(context);
    const settled = await Promise.allSettled(chosen.map((adapter) => read(adapter, sourceContext)));
    const answers: Array<{ source: string; value: T }> = [];
    const errors: SourceFailure[] = [];
    settled.forEach((result, index) => {
      const source = (chosen[index] as SourceAdapter).id;
      if (result.status === 'rejected')
        errors.push({ source, error: toGatewayError(result.reason) });
      else answers.push({ source, value: result.value });
    });
    if (errors.length > 0 && answers.length === 0) throw (errors[0] as SourceFailure).error;
    return { answers, errors };
  }

  return {
    async list(request, context) {
      const after = request.after;
      const query = after === undefined ? request.query : queryAfter(request.query, after);
      const { answers, errors } = await fanOut(request.sources, context, (adapter, call) =>
        adapter.list(query, call),
      );
      const lists: UnifiedJobLog[][] = [];
      const invalid: SourceInvalidRecords[] = [];
      let truncated = false;
      for (const { source, value } of answers) {
        const bad = [...value.invalid];
        const valid = checkUnified(value.records, bad);
        lists.push(after === undefined ? valid : valid.filter((record) => isAfter(record, after)));
        if (bad.length > 0) invalid.push({ source, records: bad });
        truncated ||= value.truncated;
      }
      const items = mergeNewestFirst(lists, request.query.limit);
      const more = truncated || lists.flat().length > items.length;
      const last = items.at(-1);
      const next = more && last?.time != null ? { time: last.time, id: last.id } : undefined;
      return { items, errors, invalid, truncated: more, ...(next === undefined ? {} : { next }) };
    },

    async listNative(request, context) {
      const { answers, errors } = await fanOut(request.sources, context, (adapter, call) =>
        adapter.listNative(request.query, call),
      );
      return { pages: answers.map(({ source, value }) => ({ source, ...value })), errors };
    },

    async get(id, context) {
      const dot = id.indexOf('.');
      const adapter = dot > 0 ? adapters.get(id.slice(0, dot)) : undefined;
      const record =
        adapter === undefined ? undefined : await adapter.get(id.slice(dot + 1), narrowed(context));
      if (record === undefined)
        throw new GatewayError('GW_ERR_NOT_FOUND', `No job log has the id "${id.slice(0, 200)}".`);
      const bad: InvalidRecord[] = [];
      if (checkUnified([record], bad).length === 0) {
        throw new GatewayError(
          'GW_ERR_UPSTREAM_BAD_RESPONSE',
          'The record could not be normalized into a valid job log.',
          {
            source: (adapter as SourceAdapter).id,
            errors: bad.map(({ pointer, message }) => ({ pointer, message })),
          },
        );
      }
      return record;
    },

    sources: () => [...adapters.values()].map(({ id, type }) => ({ id, type })),

    async health(context) {
      const sourceContext = narrowed(context);
      return Promise.all(
        [...adapters.values()].map(async (adapter) => ({
          id: adapter.id,
          type: adapter.type,
          ...(await adapter.probe(sourceContext)),
        })),
      );
    },
  };
}
