import type { Logger } from 'pino';
import type { UnifiedStatus } from '../../contract';
import type { AppendedBusinessCentralEntry, BusinessCentralAppendInput } from './append';
import type { RunningEmulator } from '../shared/emulator';
import type { CommonFault } from '../shared/faults';
import type { ListenOptions } from '../shared/listen';
import type { BusinessCentralSeed, SeedCompany } from './seed-types';

/** An app registration the token endpoint accepts (client credentials grant). */
export interface BusinessCentralClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * A token bucket per client: `capacity` requests at once, refilled at `refillPerSecond`.
 * Beyond it the API answers 429 with `Retry-After` (the seconds until one token is back, or
 * `retryAfterSeconds` when set).
 */
export interface RateLimit {
  readonly capacity: number;
  readonly refillPerSecond: number;
  readonly retryAfterSeconds?: number;
}

/** Options of `startBusinessCentralEmulator`. */
export interface BusinessCentralEmulatorOptions extends ListenOptions {
  /** Default `createBusinessCentralSeed()`. */
  seed?: BusinessCentralSeed;
  /** App registrations; default `gateway-client`/`gateway-secret` and `second-client`/`second-secret`. */
  clients?: readonly BusinessCentralClient[];
  /** Lifetime of issued tokens (`expires_in`); default 3599 as Microsoft Entra ID answers. */
  tokenTtlSeconds?: number;
  /** Throttling per client; default none. `setRateLimit` changes it at run time. */
  rateLimit?: RateLimit;
  /** Server-side page size cap; default 20,000 as BC online (§5). */
  maxPageSize?: number;
  /** Emit `errorCallStack@odata.mediaReadLink` on entities (default true). */
  mediaLinks?: boolean;
  /** Clock of token expiry, rate limiting and append's default time (epoch ms); default Date.now. */
  now?: () => number;
  logger?: Logger;
}

/** What the emulator saw of one HTTP request, for tests that assert on it. */
export interface RecordedBusinessCentralRequest {
  /** `token` for the OAuth endpoint, `api` for everything under /v2.0/. */
  readonly endpoint: 'token' | 'api' | 'other';
  readonly method: string;
  /** Path as sent, not decoded. */
  readonly path: string;
  /** Decoded query parameters (the last one wins when repeated). */
  readonly query: Readonly<Record<string, string>>;
  /** The Prefer header, null if none. */
  readonly prefer: string | null;
  /** Client id of a valid bearer token (or of the token request), null if none. */
  readonly tokenClientId: string | null;
  /** Serial number of the bearer token used (1 = first issued), null if none or unknown. */
  readonly tokenSerial: number | null;
  /** Status answered; 0 until the answer is sent (or forever for a hung or reset request). */
  status: number;
}

/**
 * A fault to inject into the next API requests (the token endpoint is never faulted). Of the
 * common kinds, `http-error` defaults to a BC error for the status and `malformed` is a 200 with
 * the OData content type and a truncated JSON body.
 */
export type BusinessCentralFault =
  | CommonFault
  /**
   * Answer normally, but with one entity changed so that it breaks the native schema: the
   * entity at `index` of the page (default 0), or the single entity, gets `patch` (default
   * `{ status: 'Finished' }`, a Job Queue Entry status that log entries never have).
   */
  | { kind: 'invalid-record'; index?: number; patch?: Readonly<Record<string, unknown>> }
  /** Expire every issued token, then handle the request (which then gets 401). */
  | { kind: 'expire-tokens' }
  /** Answer normally: lets a test aim a fault at a later request. */
  | { kind: 'pass' };

/** A company as the emulator lists it. */
export interface EmulatedCompany {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  /** Number of seeded job queue log entries. */
  readonly entryCount: number;
}

/**
 * A running Business Central API emulator: `url` is a business-central source's `baseUrl`,
 * `requests` holds every request, `inject` faults the API ones.
 */
export interface BusinessCentralEmulator extends RunningEmulator<
  BusinessCentralFault,
  RecordedBusinessCentralRequest,
  BusinessCentralSeed
> {
  /** url + /v2.0/<tenant>/<environment>/api/v2.0 */
  readonly apiUrl: string;
  /** url + /<tenant>/oauth2/v2.0/token */
  readonly tokenUrl: string;
  readonly tenant: string;
  readonly environment: string;
  /** The seeded companies (`entryCount` counts seeded entries, not appended ones). */
  readonly companies: readonly EmulatedCompany[];
  readonly clients: readonly BusinessCentralClient[];
  /** Makes every token issued so far expired. */
  expireTokens(): void;
  /** Sets (or, with undefined, lifts) throttling; buckets start full. */
  setRateLimit(limit: RateLimit | undefined): void;
  /** The unified statuses `append` can write (BUSINESS_CENTRAL_APPEND_STATUS_TABLE). */
  readonly appendableStatuses: readonly UnifiedStatus[];
  /**
   * Appends one log entry while the emulator runs, served like the seeded ones from then on; the
   * same as `POST /__admin/job-logs`. Throws AppendInputError (a RangeError) on bad input.
   */
  append(input: BusinessCentralAppendInput): AppendedBusinessCentralEntry;
}

export type { BusinessCentralSeed, SeedCompany };
