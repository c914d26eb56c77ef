import type { Logger } from 'pino';
import type { LosantApplication, LosantSeed, LosantToken } from './seed-types';

/** Optional throttling: Losant documents no limit for these routes, so it is off by default. */
export interface LosantRateLimit {
  /** Requests allowed per token (or per client address without one) in each window. */
  readonly requests: number;
  /** Window length in ms; Retry-After says the whole seconds left in it. */
  readonly windowMs: number;
}

/** Options of `startLosantEmulator`. */
export interface LosantEmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
  /** Default `createLosantSeed()`. */
  readonly seed?: LosantSeed;
  /** Default none. */
  readonly rateLimit?: LosantRateLimit;
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

/** A fault to inject into the next job-log responses. */
export type LosantFault =
  /** Answer with this status, headers and body instead (default body: a Losant Error). */
  | {
      readonly kind: 'http-error';
      readonly status: number;
      readonly body?: string;
      readonly contentType?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Answer normally after a delay. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Read the request and never answer (until close). */
  | { readonly kind: 'hang' }
  /** Reset the TCP connection without answering. */
  | { readonly kind: 'reset' }
  /** 200 application/json with a body cut off in the middle. */
  | { readonly kind: 'malformed' }
  /**
   * Answer normally, but with one job log broken: `patch` (default `{ status: 'paused' }`, a
   * value outside the enum) is merged into the item at `index` (default 0) of a collection,
   * or into a single job log.
   */
  | {
      readonly kind: 'invalid-record';
      readonly index?: number;
      readonly patch?: Readonly<Record<string, unknown>>;
    };

/** A running Losant REST emulator. */
export interface LosantEmulator {
  /** e.g. http://127.0.0.1:PORT (no trailing slash): the `baseUrl` of a losant source. */
  readonly url: string;
  readonly applications: readonly LosantApplication[];
  readonly tokens: readonly LosantToken[];
  /** Every job-log request seen, oldest first. */
  readonly requests: readonly RecordedLosantRequest[];
  readonly seed: LosantSeed;
  /** Queues a fault for the next `times` job-log requests (default 1). */
  inject(fault: LosantFault, times?: number): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Closes the server and any hung sockets. */
  close(): Promise<void>;
}
