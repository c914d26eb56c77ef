import type { ValidateFunction } from 'ajv';
import { GatewayError, toGatewayError } from '../errors/gateway-error';
import {
  splitRecordId,
  type CallContext,
  type InvalidRecord,
  type JobLogQuery,
  type NativePage,
  type SourceAdapter,
  type SourceHealth,
  type SourceType,
  type UnifiedJobLog,
} from '../contract';
import { RECORD_LIMITS, jsonLimitExceeded, type JsonLimits } from '../sources/json-limits';
import { isCircuitOpen } from './breaker';
import { isAfter, queryAfter, type PagePosition } from './cursor';
import { mergeNewestFirst } from './merge';

/** Share of the remaining request time a source gets, so the gateway can still answer (lura's 85%). */
const SOURCE_DEADLINE_SHARE = 0.85;

/**
 * What a unified record may be to be answered: its native record (`raw`, held to RECORD_LIMITS by
 * the decoders) two levels down, and the fields normalized from it. Checked again here so that no
 * record, whatever an adapter made of it, can fail the writing of the whole answer.
 */
const ANSWERABLE: JsonLimits = {
  maxDepth: RECORD_LIMITS.maxDepth + 8,
  maxChars: RECORD_LIMITS.maxChars * 4,
};

export interface JobLogServiceOptions {
  /** How long health() reuses its last probe of the sources, in ms (server.readyCacheMs). */
  readonly readyCacheMs?: number;
}

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

/**
 * Where a listing page must end at the latest: the newest `readTo` of the sources (each knows
 * nothing of its records at or before its own), as a UTC time. Undefined when no source set one,
 * or when it would not move past `after` (a read that could not get beyond the millisecond the
 * previous page ended in: more records in one millisecond than a read takes, which cannot be paged
 * by time; the page is then cut as before, by the last record).
 */
function horizonOf(
  readTos: ReadonlyArray<string | undefined>,
  after: PagePosition | undefined,
): string | undefined {
  let newest: number | undefined;
  for (const readTo of readTos) {
    const time = readTo === undefined ? Number.NaN : Date.parse(readTo);
    if (!Number.isNaN(time) && (newest === undefined || time > newest)) newest = time;
  }
  if (newest === undefined) return undefined;
  const horizon = new Date(newest).toISOString();
  return after === undefined || horizon < after.time ? horizon : undefined;
}

/** The records of a newest-first list that are newer than `horizon`'s millisecond. */
function newerThan(list: readonly UnifiedJobLog[], horizon: string): UnifiedJobLog[] {
  return list.filter((record) => record.time !== null && record.time > horizon);
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
  options: JobLogServiceOptions = {},
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

  /**
   * What `unanswerable` found for each record object it checked. A response-cache hit in memory
   * answers the very objects a first read returned (the cache keeps pages by reference and nothing
   * mutates them), so each is checked once, not on every hit: the limits walk and the schema were
   * 8 % of a cached read's CPU. A new object, such as one parsed from a Redis entry, is checked.
   */
  const checked = new WeakMap<UnifiedJobLog, { pointer: string; message: string } | null>();

  /** The first reason a normalized record cannot be answered, or undefined. */
  function unanswerable(record: UnifiedJobLog): { pointer: string; message: string } | undefined {
    const known = checked.get(record);
    if (known !== undefined) return known ?? undefined;
    const problem = firstProblem(record);
    checked.set(record, problem ?? null);
    return problem;
  }

  function firstProblem(record: UnifiedJobLog): { pointer: string; message: string } | undefined {
    const excess = jsonLimitExceeded(record, ANSWERABLE);
    if (excess !== undefined) return { pointer: '', message: `normalized record ${excess}` };
    if (validate(record)) return undefined;
    const first = validate.errors?.[0];
    return {
      pointer: first?.instancePath ?? '',
      message: `normalized record: ${first?.message ?? 'is invalid'}`,
    };
  }

  /**
   * Splits normalized records into ones that can be answered (within the limits, valid against
   * the unified schema) and reported invalid ones; a record that breaks even the checking is
   * reported too, so one record can never fail the answer.
   */
  function checkUnified(
    records: readonly UnifiedJobLog[],
    invalid: InvalidRecord[],
  ): UnifiedJobLog[] {
    return records.filter((record, index) => {
      let problem: { pointer: string; message: string } | undefined;
      try {
        problem = unanswerable(record);
      } catch {
        problem = { pointer: '', message: 'normalized record could not be checked' };
      }
      if (problem === undefined) return true;
      invalid.push({ index, ...problem });
      return false;
    });
  }

  /**
   * Logs a source that failed while the request went on: at warn with its code and the request
   * id (the caller sees it under `errors`; operators need to see it too); at info when its open
   * breaker answered for it (the failures that opened it were logged); at debug when it failed
   * only because the caller went away. Messages never carry credentials.
   */
  function logFailure(context: CallContext, { source, error }: SourceFailure): void {
    const fields = {
      source,
      code: error.code,
      requestId: context.requestId,
      ...(error.upstream?.status === undefined ? {} : { upstreamStatus: error.upstream.status }),
    };
    if (error.code === 'GW_ERR_CLIENT_CLOSED') {
      context.logger.debug(fields, `the caller went away while ${source} was read`);
    } else if (isCircuitOpen(error)) {
      context.logger.info(fields, `${source} not called: its circuit breaker is open`);
    } else {
      context.logger.warn(fields, `${source} failed: ${error.message}`);
    }
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
      if (result.status === 'fulfilled') {
        answers.push({ source, value: result.value });
        return;
      }
      const failure = { source, error: toGatewayError(result.reason) };
      logFailure(context, failure);
      errors.push(failure);
    });
    if (errors.length > 0 && answers.length === 0) throw (errors[0] as SourceFailure).error;
    return { answers, errors };
  }

  type Health = Awaited<ReturnType<JobLogService['health']>>;
  const readyCacheMs = options.readyCacheMs ?? 0;
  let lastHealth: { readonly at: number; readonly sources: Health } | undefined;
  let probing: Promise<Health> | undefined;

  /**
   * Probes every source under the caller's narrowed deadline but not its signal: the answer is
   * shared with other callers and cached, so one caller hanging up must not cut it short.
   */
  async function probeAll(context: CallContext): Promise<Health> {
    const sourceContext = narrowed(context);
    const detached = {
      ...sourceContext,
      signal: AbortSignal.timeout(Math.max(1, sourceContext.deadline - Date.now())),
    };
    const sources = await Promise.all(
      [...adapters.values()].map(async (adapter) => ({
        id: adapter.id,
        type: adapter.type,
        ...(await adapter.probe(detached)),
      })),
    );
    lastHealth = { at: Date.now(), sources };
    return sources;
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
      const horizon = horizonOf(
        answers.map(({ value }) => value.readTo),
        after,
      );
      const known = horizon === undefined ? lists : lists.map((list) => newerThan(list, horizon));
      const limit = request.query.limit;
      const items = mergeNewestFirst(known, limit);
      const more = truncated || lists.flat().length > items.length;
      const last = items.at(-1);
      // A page cut short by a horizon goes on from the horizon's millisecond, whole.
      const next = !more
        ? undefined
        : horizon !== undefined && items.length < limit
          ? { time: horizon, id: '' }
          : last?.time != null
            ? { time: last.time, id: last.id }
            : undefined;
      return { items, errors, invalid, truncated: more, ...(next === undefined ? {} : { next }) };
    },

    async listNative(request, context) {
      const { answers, errors } = await fanOut(request.sources, context, (adapter, call) =>
        adapter.listNative(request.query, call),
      );
      return { pages: answers.map(({ source, value }) => ({ source, ...value })), errors };
    },

    async get(id, context) {
      const parts = splitRecordId(id);
      const adapter = parts === undefined ? undefined : adapters.get(parts.source);
      const record =
        parts === undefined || adapter === undefined
          ? undefined
          : await adapter.get(parts.key, narrowed(context));
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

    health(context) {
      if (lastHealth !== undefined && Date.now() - lastHealth.at < readyCacheMs) {
        return Promise.resolve(lastHealth.sources);
      }
      // One probe of the sources at a time, shared by every caller that arrives meanwhile.
      probing ??= probeAll(context).finally(() => {
        probing = undefined;
      });
      return probing;
    },
  };
}
