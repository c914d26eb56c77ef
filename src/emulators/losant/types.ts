import type { Logger } from 'pino';
import type { UnifiedStatus } from '../../contract';
import type { AppendedLosantJobLog, LosantAppendInput } from './append';
import type { RunningEmulator } from '../shared/emulator';
import type { CommonFault } from '../shared/faults';
import type { ListenOptions } from '../shared/listen';
import type { LosantApplication, LosantSeed, LosantToken } from './seed-types';

/** Optional throttling: Losant documents no limit for these routes, so it is off by default. */
export interface LosantRateLimit {
  /** Requests allowed per token (or per client address without one) in each window. */
  readonly requests: number;
  /** Window length in ms; Retry-After says the whole seconds left in it. */
  readonly windowMs: number;
}

/** Options of `startLosantEmulator`. */
export interface LosantEmulatorOptions extends ListenOptions {
  /** Default `createLosantSeed()`. */
  readonly seed?: LosantSeed;
  /** Default none. */
  readonly rateLimit?: LosantRateLimit;
  /** Clock of `append`'s default time (epoch ms); default Date.now. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** What the emulator saw of one request, for tests that assert on it. */
export interface RecordedLosantRequest {
  readonly method: string;
  /** Path without the query string, e.g. /applications/575e.../jobLogs. */
  readonly path: string;
  /** Query-string parameters as sent (the first value of each). */
  readonly query: Readonly<Record<string, string>>;
  /** The `query` parameter parsed as JSON; undefined when absent or not JSON. */
  readonly filter: unknown;
  /** The Bearer token presented, null when none. */
  readonly token: string | null;
  readonly acceptVersion: string | null;
  /** Status answered; 0 until the answer is sent (and for hang and reset). */
  status: number;
}

/**
 * A fault to inject into the next job-log responses. Of the common kinds, `http-error` defaults
 * to a Losant Error body and `malformed` is a 200 application/json cut off mid-record.
 */
export type LosantFault =
  | CommonFault
  /**
   * Answer normally, but with one job log broken: `patch` (default `{ status: 'paused' }`, a
   * value outside the enum) is merged into the item at `index` (default 0) of a collection,
   * or into a single job log.
   */
  | {
      readonly kind: 'invalid-record';
      readonly index?: number;
      readonly patch?: Readonly<Record<string, unknown>>;
    }
  /**
   * Answer normally, but with the `input` of the item at `index` (default 0) of a collection,
   * or of a single job log, nested `depth` objects deep (`{"a":{"a":...}}`): valid JSON that
   * JSON.stringify cannot write back (V8 overflows its stack a few thousand levels down).
   */
  | { readonly kind: 'deep-record'; readonly index?: number; readonly depth: number };

/**
 * A running Losant REST emulator: `url` is a losant source's `baseUrl`, `requests` holds every
 * job-log request, `inject` faults them.
 */
export interface LosantEmulator extends RunningEmulator<
  LosantFault,
  RecordedLosantRequest,
  LosantSeed
> {
  /** The seeded applications (appended job logs are served, not added here). */
  readonly applications: readonly LosantApplication[];
  readonly tokens: readonly LosantToken[];
  /** The unified statuses `append` can write (LOSANT_APPEND_STATUS_TABLE). */
  readonly appendableStatuses: readonly UnifiedStatus[];
  /**
   * Appends one job log while the emulator runs, served by both routes from then on; the same
   * as `POST /__admin/job-logs`. Throws AppendInputError (a RangeError) on bad input.
   */
  append(input: LosantAppendInput): AppendedLosantJobLog;
}
