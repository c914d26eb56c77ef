import {
  compareNewestFirst,
  matchesQuery,
  concernsType,
  type CallContext,
  type JobLogQuery,
  type Page,
  type SourceAdapter,
  type SourceInputs,
  type SourceType,
  type UnifiedJobLog,
} from '../contract';
import { CallBudget } from './budget';
import type { HttpExecutor } from './http';
import type { SchemaRegistry } from '../schemas/registry';

/** What every adapter is built with. */
export interface SourceDeps {
  readonly registry: SchemaRegistry;
  readonly http: HttpExecutor;
  /** Clock in epoch ms (token caches); default Date.now. */
  readonly now?: () => number;
}

/**
 * A record as an adapter's normalize makes it: every unified field but the gateway-wide
 * identity, which the skeleton stamps, plus the opaque key that reads the record again.
 */
export interface NormalizedJobLog extends Omit<UnifiedJobLog, 'id' | 'source'> {
  readonly key: string;
}

/** Stamps a normalized record with its gateway-wide id (`<source id>.<key>`) and source. */
export function stampRecord(
  sourceId: string,
  type: SourceType,
  record: NormalizedJobLog,
): UnifiedJobLog {
  const { key, ...fields } = record;
  return { id: `${sourceId}.${key}`, source: { id: sourceId, type }, ...fields };
}

/** The source-specific input of one source type (undefined for types that take none). */
export type InputOf<T extends SourceType> = T extends keyof SourceInputs ? SourceInputs[T] : never;

/** The query an adapter sees: the shared filters and its own type's input, nothing of others. */
export interface SourceQuery<T extends SourceType> extends Omit<JobLogQuery, 'forType'> {
  readonly input?: InputOf<T>;
}

/**
 * What an adapter's `read` returns: every native record it read (validated against the native
 * schema; the skeleton filters them), the invalid ones, and whether the upstream had more.
 */
export interface NativeRead<N> extends Omit<Page<N>, 'truncated'> {
  /** True when the read stopped before the upstream ran out of records. */
  readonly more: boolean;
}

/**
 * The call context an adapter's parts get: the caller's, plus the budget of upstream calls this
 * one read may make to the source (`maxUpstreamCalls`). Parts pass it unchanged to the executor,
 * which takes one call from it per attempt; paging reads stop early when it is spent (nextPage).
 */
export interface SourceCallContext extends CallContext {
  readonly budget?: CallBudget;
}

/** The parts that make one adapter: the only code that knows a system's wire format. */
export interface SourceParts<T extends SourceType, N> {
  /**
   * Reads native records for a query, pushing down what the upstream can filter and following
   * its paging until `wanted` records pass `accepts` (the skeleton's filter) or records run out.
   */
  read(
    query: SourceQuery<T>,
    context: SourceCallContext,
    accepts: (record: N) => boolean,
  ): Promise<NativeRead<N>>;
  /** Native -> unified, but for the identity (pure; keeps the record as `raw`). */
  normalize(record: N, query: SourceQuery<T>): NormalizedJobLog;
  /** Reads one record by the opaque key part of its unified id; undefined when gone or not ours. */
  get(key: string, context: SourceCallContext): Promise<NormalizedJobLog | undefined>;
  /** A cheap authenticated read; throws when the source cannot be used. */
  ping(context: SourceCallContext): Promise<void>;
}

/** Builds one adapter from its config. */
export type SourceFactory<C> = (config: C, deps: SourceDeps) => SourceAdapter;

/** The part of a query for one source type, or undefined when the query concerns another type. */
function scopedTo<T extends SourceType>(type: T, query: JobLogQuery): SourceQuery<T> | undefined {
  if (!concernsType(type, query)) return undefined;
  const { forType, ...shared } = query;
  const inputs = (forType ?? {}) as Readonly<Record<string, unknown>>;
  const input = inputs[type] as InputOf<T> | undefined;
  return input === undefined ? shared : { ...shared, input };
}

/**
 * The first `limit` records (in listing order) of what a read kept, ending before a millisecond
 * whose records may go on past what was read. A position continues a listing after (time, id); when
 * the upstream has more records, those of the oldest millisecond the read reached (`readTo`) that it
 * did not reach could carry smaller ids, and the next page would skip them. Then the page stops
 * before that millisecond, and the next page reads all of it. A page made only of that millisecond
 * is kept: more than a page of records in one millisecond cannot be paged by time at all.
 */
function endOfPage<N>(
  kept: ReadonlyArray<readonly [N, UnifiedJobLog]>,
  limit: number,
  readTo: string | undefined,
): Array<readonly [N, UnifiedJobLog]> {
  const page = kept.slice(0, limit);
  const last = page.at(-1)?.[1].time;
  if (readTo === undefined || last == null || last !== readTo) return page;
  let end = page.length;
  while (end > 0 && page[end - 1]?.[1].time === last) end -= 1;
  return end === 0 ? page : page.slice(0, end);
}

/** What the skeleton's filter made of one native record: kept (as unified) or not, and its time. */
interface Judgement {
  readonly kept?: UnifiedJobLog;
  readonly time: string | null;
}

const EMPTY = { records: [], invalid: [], truncated: false } as const;

/**
 * The one skeleton of every source adapter: read -> normalize -> filter -> slice -> truncated,
 * for unified and native reads alike, and the probe. An adapter supplies only its parts, so a
 * new system is one folder of copy-and-fill files (README "Adding a source").
 */
export function defineSource<
  T extends SourceType,
  C extends { readonly id: string; readonly maxUpstreamCalls?: number },
  N,
>(type: T, build: (config: C, deps: SourceDeps) => SourceParts<T, N>): SourceFactory<C> {
  return (config, deps) => {
    const parts = build(config, deps);
    const stamp = (record: NormalizedJobLog): UnifiedJobLog => stampRecord(config.id, type, record);
    /** The caller's context with a fresh budget: every operation is one request's read. */
    const budgeted = (context: CallContext): SourceCallContext =>
      config.maxUpstreamCalls === undefined
        ? context
        : { ...context, budget: new CallBudget(config.id, config.maxUpstreamCalls) };

    /** Reads and filters; each kept native record paired with its unified form. */
    async function readMatching(
      query: SourceQuery<T>,
      context: CallContext,
    ): Promise<Page<readonly [N, UnifiedJobLog]> & { readonly sent: readonly N[] }> {
      const kept: Array<readonly [N, UnifiedJobLog]> = [];
      // Each native record normalized once: its unified form when the query keeps it, and its time.
      const judged = new Map<N, Judgement>();
      const judge = (record: N): Judgement => {
        let judgement = judged.get(record);
        if (judgement === undefined) {
          const unified = stamp(parts.normalize(record, query));
          judgement = matchesQuery(unified, query)
            ? { kept: unified, time: unified.time }
            : { time: unified.time };
          judged.set(record, judgement);
        }
        return judgement;
      };
      const read = await parts.read(
        query,
        budgeted(context),
        (record) => judge(record).kept !== undefined,
      );
      // The oldest time read, kept or not: when there is more, what is older was not read.
      let oldest: string | undefined;
      for (const record of read.records) {
        const { kept: unified, time } = judge(record);
        if (unified !== undefined) kept.push([record, unified]);
        if (time !== null && (oldest === undefined || time < oldest)) oldest = time;
      }
      const readTo = read.more ? oldest : undefined;
      // The listing's order (time, then id), so that the page ends where a position continues.
      kept.sort(([, a], [, b]) => compareNewestFirst(a, b));
      return {
        records: endOfPage(kept, query.limit, readTo),
        invalid: read.invalid,
        truncated: read.more || kept.length > query.limit,
        ...(readTo === undefined ? {} : { readTo }),
        sent: read.records,
      };
    }

    return {
      id: config.id,
      type,
      async list(query, context) {
        const scoped = scopedTo(type, query);
        if (scoped === undefined) return EMPTY;
        const { sent: _sent, ...page } = await readMatching(scoped, context);
        return { ...page, records: page.records.map(([, unified]) => unified) };
      },
      async listNative(query, context) {
        const scoped = scopedTo(type, query);
        if (scoped === undefined) return EMPTY;
        const { sent, ...page } = await readMatching(scoped, context);
        // The records of the listing's page, in the order the upstream sent them: a native
        // pass-through (the IPS endpoint) answers what IPS sent, as it sent it.
        const inPage = new Set(page.records.map(([native]) => native));
        return { ...page, records: sent.filter((native) => inPage.has(native)) };
      },
      async get(key, context) {
        const record = await parts.get(key, budgeted(context));
        return record === undefined ? undefined : stamp(record);
      },
      async probe(context) {
        const started = Date.now();
        try {
          await parts.ping(budgeted(context));
          return { ok: true, latencyMs: Date.now() - started };
        } catch (error) {
          return {
            ok: false,
            latencyMs: Date.now() - started,
            detail: error instanceof Error ? error.message : 'unreachable',
          };
        }
      },
    };
  };
}
