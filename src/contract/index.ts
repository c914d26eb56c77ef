import type { Logger } from 'pino';
import type { GetJobLogDetailsParam } from '../schemas/types/scene7-ips';
import type { UnifiedJobLog } from '../schemas/types/unified-job-log';

export type { UnifiedJobLog };
export { CallController } from './call-signal';

/** The kinds of upstream system the gateway speaks to. */
export type SourceType = UnifiedJobLog['source']['type'];

/** The unified status vocabulary (schemas/unified-job-log.schema.json). */
export type UnifiedStatus = UnifiedJobLog['status'];

// A Record over the union: the compiler refuses it when the schema gains or loses a status.
const STATUS_SET: Readonly<Record<UnifiedStatus, true>> = {
  queued: true,
  running: true,
  succeeded: true,
  warning: true,
  failed: true,
  unknown: true,
};

/** Every unified status, in the schema's order. */
export const UNIFIED_STATUSES = Object.keys(STATUS_SET) as readonly UnifiedStatus[];

/** Credentials a SOAP caller presented, for sources that pass them through upstream. */
export interface CallerCredentials {
  readonly user: string;
  readonly password: string;
}

/** What only a Scene7 source reads: the IPS-specific part of a query. */
export interface Scene7Input {
  /** Read the logs of one asset (getAssetJobLogs) instead of job logs (getJobLogs). */
  readonly assetHandle?: string;
  /** The company to read; defaults to the source's configured company. */
  readonly companyHandle?: string;
  /** The SOAP caller's own IPS credentials (used only by sources in `passthrough` mode). */
  readonly credentials?: CallerCredentials;
  /** With `assetHandle`: the asset's archived job logs (getAssetArchivedJobLogs) instead. */
  readonly archived?: boolean;
  /**
   * Job logs with their detail lines (getJobLogDetails) instead: its parameters but the company,
   * passed upstream as given (IPS pages, filters and sorts the details itself).
   */
  readonly jobLogDetails?: Omit<GetJobLogDetailsParam, 'companyHandle'>;
}

/**
 * Source-specific inputs, one typed place per source type. An adapter is handed only its own
 * type's part. A query that carries a part for one type concerns only sources of that type
 * (an asset handle names a Scene7 asset, which no other system's record is about).
 */
export interface SourceInputs {
  readonly scene7?: Scene7Input;
}

/**
 * Whether a query concerns sources of a type: not when it carries an input for another type (an
 * asset handle names a Scene7 asset, which no other system's record is about).
 */
export function concernsType(type: SourceType, query: JobLogQuery): boolean {
  const inputs = (query.forType ?? {}) as Readonly<Record<string, unknown>>;
  return !Object.keys(inputs).some((other) => other !== type && inputs[other] !== undefined);
}

/** What a caller asks of the sources; adapters push what they can down to the upstream. */
export interface JobLogQuery {
  /** Inclusive lower bound on the record time, RFC 3339. */
  readonly since?: string;
  /** Exclusive upper bound on the record time, RFC 3339. */
  readonly until?: string;
  readonly status?: readonly UnifiedStatus[];
  /**
   * Free text (`q`): keep records whose job name or message contains it, ignoring case (see
   * matchesText). Adapters push it down where the upstream can search both fields.
   */
  readonly text?: string;
  /** Most records wanted from each source. */
  readonly limit: number;
  readonly forType?: SourceInputs;
}

/** Per-call context: cancellation, deadline, identity and logging. */
export interface CallContext {
  /**
   * Aborts when the caller goes away or the gateway's deadline fires. The gateway makes it with
   * CallController (./call-signal); any AbortSignal will do.
   */
  readonly signal: AbortSignal;
  /** Epoch milliseconds by which the call must be over. */
  readonly deadline: number;
  readonly requestId: string;
  readonly logger: Logger;
  /** The caller's locale, passed to upstreams that localize messages. */
  readonly locale?: string;
}

/** An upstream record that failed validation against its native schema. */
export interface InvalidRecord {
  /** Position of the record in the upstream response. */
  readonly index: number;
  /** First schema violation, as a JSON pointer and message. */
  readonly pointer: string;
  readonly message: string;
}

/** One read from a source: records plus what could not be used. */
export interface Page<T> {
  readonly records: readonly T[];
  /** Records the upstream sent that failed native validation (non-strict mode). */
  readonly invalid: readonly InvalidRecord[];
  /** True when the upstream had more records than `limit`. */
  readonly truncated: boolean;
  /**
   * When `truncated`: the oldest record time (RFC 3339 UTC) among every record the read took from
   * the upstream, kept or filtered out. The page holds every matching record of the source newer
   * than that millisecond (up to `limit`) and says nothing of older ones, so a listing never pages
   * past it. It matters where the gateway filters what the upstream could not (a read of many
   * records may keep few) and where a read stopped early (its upstream calls spent).
   */
  readonly readTo?: string;
}

/** A read of unified records, each keeping its native record as `raw`. */
export type SourcePage = Page<UnifiedJobLog>;

/**
 * A read of native records exactly as the upstream sent them, each validated against the
 * source's native schema (for facades that speak the upstream's own protocol).
 */
export type NativePage = Page<unknown>;

export interface SourceHealth {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly detail?: string;
}

/**
 * The one interface every upstream adapter implements; sources/define.ts builds it from an
 * adapter's parts. `list`, `listNative` and `get` are the only I/O; they throw GatewayError only.
 */
export interface SourceAdapter {
  readonly id: string;
  readonly type: SourceType;
  /** Validated, normalized records that keep the native record as `raw`. */
  list(query: JobLogQuery, context: CallContext): Promise<SourcePage>;
  /** The same read and filters, answering the native records themselves (no normalization). */
  listNative(query: JobLogQuery, context: CallContext): Promise<NativePage>;
  /** Reads one record by the opaque key part of its unified id; undefined when gone. */
  get(key: string, context: CallContext): Promise<UnifiedJobLog | undefined>;
  /** Cheap reachability check for /readyz and check-upstreams. */
  probe(context: CallContext): Promise<SourceHealth>;
}

/**
 * Orders records newest first by `time` (records without a time last), ties broken by id so
 * the order is total and stable across calls and sources: the order of every listing, and the
 * order a page position (time, then id) continues in.
 */
export function compareNewestFirst(a: UnifiedJobLog, b: UnifiedJobLog): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time < b.time ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Whether a record's job name or message contains `text`, ignoring case: both sides are folded
 * with `toLowerCase()` (Unicode default case mapping, locale-independent), so `TIMEOUT` finds
 * "Timeout", and `İ` folds as it does everywhere rather than by the Turkish rule. A null name or
 * message is no match on that field.
 */
export function matchesText(record: UnifiedJobLog, text: string): boolean {
  const wanted = text.toLowerCase();
  return [record.job.name, record.message].some(
    (field) => field !== null && field.toLowerCase().includes(wanted),
  );
}

/**
 * Whether a normalized record satisfies a query's status, free text (matchesText) and time range
 * (`since` inclusive, `until` exclusive, on `time`; a record without a time is in no range).
 * Adapters apply it to what the upstream could not filter, and as a safety net behind what they
 * pushed down; the live tail applies it to each new record.
 */
export function matchesQuery(record: UnifiedJobLog, query: JobLogQuery): boolean {
  if (query.status !== undefined && !query.status.includes(record.status)) return false;
  if (query.text !== undefined && !matchesText(record, query.text)) return false;
  if (query.since === undefined && query.until === undefined) return true;
  const time = record.time === null ? Number.NaN : Date.parse(record.time);
  return (
    !Number.isNaN(time) &&
    (query.since === undefined || time >= Date.parse(query.since)) &&
    (query.until === undefined || time < Date.parse(query.until))
  );
}

/**
 * The two parts of a gateway-wide record id (`<source id>.<key>`, see stampRecord in
 * sources/define.ts), or undefined when `id` has no source part.
 */
export function splitRecordId(id: string): { source: string; key: string } | undefined {
  const dot = id.indexOf('.');
  return dot > 0 ? { source: id.slice(0, dot), key: id.slice(dot + 1) } : undefined;
}
