import type { Logger } from 'pino';
import type { UnifiedJobLog } from '../schemas/types/unified-job-log';

export type { UnifiedJobLog };

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

/** What a caller asks of one source; adapters push what they can down to the upstream. */
export interface JobLogQuery {
  /** Inclusive lower bound on the record time, RFC 3339. */
  readonly since?: string;
  /** Exclusive upper bound on the record time, RFC 3339. */
  readonly until?: string;
  readonly status?: readonly UnifiedStatus[];
  /** Scene7: read the logs of one asset (getAssetJobLogs) instead of job logs (getJobLogs). */
  readonly assetHandle?: string;
  /** Scene7: the company to read; defaults to the source's configured company. */
  readonly companyHandle?: string;
  /** Most records wanted from this source. */
  readonly limit: number;
}

/** Credentials a SOAP caller presented, for sources that pass them through upstream. */
export interface CallerCredentials {
  readonly user: string;
  readonly password: string;
}

/** Per-call context: cancellation, deadline, identity and logging. */
export interface CallContext {
  /** Aborts when the caller goes away or the gateway's deadline fires. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds by which the call must be over. */
  readonly deadline: number;
  readonly requestId: string;
  readonly logger: Logger;
  /** The SOAP caller's own credentials (used only by sources in `passthrough` mode). */
  readonly credentials?: CallerCredentials;
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

/** One read from a source: unified records plus what could not be used. */
export interface SourcePage {
  readonly records: readonly UnifiedJobLog[];
  /** Records the upstream sent that failed native validation (non-strict mode). */
  readonly invalid: readonly InvalidRecord[];
  /** True when the upstream had more records than `limit`. */
  readonly truncated: boolean;
}

export interface SourceHealth {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly detail?: string;
}

/**
 * The one interface every upstream adapter implements (sources/<system>/index.ts). `list` and
 * `get` are the only I/O; they throw GatewayError only and return validated, normalized records
 * that keep the native record as `raw`.
 */
export interface SourceAdapter {
  readonly id: string;
  readonly type: SourceType;
  list(query: JobLogQuery, context: CallContext): Promise<SourcePage>;
  /** Reads one record by the opaque key part of its unified id; undefined when gone. */
  get(key: string, context: CallContext): Promise<UnifiedJobLog | undefined>;
  /** Cheap reachability check for /readyz and check-upstreams. */
  probe(context: CallContext): Promise<SourceHealth>;
}
