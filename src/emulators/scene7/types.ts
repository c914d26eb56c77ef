import type { Logger } from 'pino';
import type { AuthVariant } from './auth';
import type { SoapVersion } from './envelope';
import type { Scene7Seed } from './seed-types';

/** Options of `startScene7Emulator`. */
export interface Scene7EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default `createScene7Seed()`. */
  seed?: Scene7Seed;
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

/** A transport fault to inject into the next SOAP responses. */
export type Scene7Fault =
  /** Answer with this status and body instead (e.g. 503 + Retry-After, or 200 with an HTML page). */
  | {
      kind: 'http-error';
      status: number;
      body?: string;
      contentType?: string;
      headers?: Record<string, string>;
    }
  /** Answer normally after a delay. */
  | { kind: 'delay'; ms: number }
  /** Accept the request and never answer (until close). */
  | { kind: 'hang' }
  /** Destroy the socket (TCP RST) without answering. */
  | { kind: 'reset' }
  /** 200 with the version's SOAP content type and a truncated, broken XML body. */
  | { kind: 'malformed' }
  /** 200 with a billion-laughs DOCTYPE body. */
  | { kind: 'doctype' }
  /** Send the normal response, dripping the body at this rate. */
  | { kind: 'slow-body'; bytesPerSecond: number };

/** A running Scene7 IPS SOAP emulator. */
export interface Scene7Emulator {
  /** e.g. http://127.0.0.1:PORT (no trailing slash) */
  readonly url: string;
  /** url + '/scene7/services/IpsApiService' */
  readonly serviceUrl: string;
  /** Every SOAP request seen, oldest first. */
  readonly requests: readonly RecordedScene7Request[];
  readonly seed: Scene7Seed;
  /** Queues a fault for the next `times` SOAP requests (default 1). */
  inject(fault: Scene7Fault, times?: number): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Closes the server and any hung sockets. */
  close(): Promise<void>;
}
