import type { Logger } from 'pino';
import type { UnifiedStatus } from '../../contract';
import type { AppendedScene7JobLog, Scene7AppendInput } from './append';
import type { RunningEmulator } from '../shared/emulator';
import type { CommonFault } from '../shared/faults';
import type { ListenOptions } from '../shared/listen';
import type { AuthVariant } from './auth';
import type { SoapVersion } from './envelope';
import type { Scene7Seed } from './seed-types';

/** Options of `startScene7Emulator`. */
export interface Scene7EmulatorOptions extends ListenOptions {
  /** Default `createScene7Seed()`. */
  seed?: Scene7Seed;
  /** Clock of `append`'s default time (epoch ms); default Date.now. */
  now?: () => number;
  logger?: Logger;
}

/** What the upstream saw of one SOAP request, for tests that assert on it. */
export interface RecordedScene7Request {
  /** `getAssetJobLogs`, `getJobLogs`, another body element name without `Param`, or '' if unreadable. */
  operation: string;
  soapVersion: SoapVersion;
  /** The body element's namespace, '' if unreadable. */
  namespace: string;
  /** The user name presented (authHeader user, AuthUser, or the Basic user), null if none. */
  user: string | null;
  authVariant: AuthVariant;
  /** The SOAPAction header without quotes, else the SOAP 1.2 `action` parameter, else null. */
  soapAction: string | null;
  /** `authHeader/locale` as sent, null if none (Accept-Language is not recorded here). */
  locale: string | null;
}

/**
 * A transport fault to inject into the next SOAP responses. Of the common kinds, `http-error`
 * defaults to a small HTML page (e.g. 503 + Retry-After, or 200 with an HTML page) and
 * `malformed` is a 200 in the version's SOAP content type with a truncated, broken envelope.
 */
export type Scene7Fault =
  | CommonFault
  /** 200 with a billion-laughs DOCTYPE body. */
  | { kind: 'doctype' }
  /** Send the normal response, dripping the body at this rate. */
  | { kind: 'slow-body'; bytesPerSecond: number };

/** A running Scene7 IPS SOAP emulator; `requests` holds every SOAP request, `inject` faults them. */
export interface Scene7Emulator extends RunningEmulator<
  Scene7Fault,
  RecordedScene7Request,
  Scene7Seed
> {
  /** url + '/scene7/services/IpsApiService' */
  readonly serviceUrl: string;
  /** The unified statuses `append` can write (SCENE7_APPEND_STATUS_TABLE). */
  readonly appendableStatuses: readonly UnifiedStatus[];
  /**
   * Appends one job (and, with an asset, its asset entry) while the emulator runs, served like
   * the seeded ones from then on (`seed` keeps the data it started with); the same as
   * `POST /__admin/job-logs`. Throws AppendInputError (a RangeError) on bad input.
   */
  append(input: Scene7AppendInput): AppendedScene7JobLog;
}
