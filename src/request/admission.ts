import type { Response } from 'express';
import { GatewayError } from '../errors/gateway-error';
import { localsOf } from './context';

/** An authenticated caller, named as the config names it. */
export type CallerRef =
  /** The `id` of an auth.apiKeys entry. */
  | { readonly apiKey: string }
  /** The `user` of an auth.soapUsers entry, or a passthrough user the gateway does not know. */
  | { readonly soapUser: string };

/**
 * The server's admission control, put on every request's locals by the server (facades and
 * api reach it through the functions below, never through server/).
 */
export interface Admission {
  /** Counts the request against server.maxInFlight (once per request); see admitRequest. */
  enter(res: Response): void;
  /** Admits an authenticated caller; see admitCaller. */
  admitCaller(res: Response, caller: CallerRef): Promise<void>;
  /** Gives back the request's in-flight slots now (a long-lived stream); see leaveInFlight. */
  leave(res: Response): void;
}

function admissionOf(res: Response): Admission {
  const admission = localsOf(res).admission;
  if (admission === undefined)
    throw new Error('admission control missing: the server installs it on every request');
  return admission;
}

/**
 * Counts this request against the gateway-wide in-flight cap (server.maxInFlight) until its
 * response closes; throws GW_ERR_OVERLOADED (503, Retry-After) over the cap. Call it before any
 * work (a facade: right after setting `renderFault`, before reading the body). Calling it again,
 * or after admitCaller, does nothing more.
 */
export function admitRequest(res: Response): void {
  admissionOf(res).enter(res);
}

/**
 * Admits an authenticated caller before any upstream work: the gateway-wide cap (when
 * admitRequest was not called), the caller's in-flight cap (server.maxInFlightPerCaller, 503
 * GW_ERR_OVERLOADED) and its rate limit (429 GW_ERR_RATE_LIMITED; the RateLimit fields are set on
 * the response either way). Sets the caller's source scope (see sourcesFor).
 */
export async function admitCaller(res: Response, caller: CallerRef): Promise<void> {
  await admissionOf(res).admitCaller(res, caller);
}

/**
 * Gives back this request's slots under server.maxInFlight and maxInFlightPerCaller before its
 * response ends: for a live stream, admitted (and rate-limited) like any request but then open
 * for hours, which has its own cap instead. Its rate-limit count stays spent.
 */
export function leaveInFlight(res: Response): void {
  admissionOf(res).leave(res);
}

/**
 * The sources to read for this request's caller: `requested` when every one is in the caller's
 * scope, the whole scope when nothing was requested (undefined: every source). Throws
 * GW_ERR_FORBIDDEN naming the first requested source outside the scope.
 */
export function sourcesFor(
  res: Response,
  requested: readonly string[] | undefined,
): readonly string[] | undefined {
  const scope = localsOf(res).scope;
  if (scope === undefined) return requested;
  if (requested === undefined) return scope;
  const outside = requested.find((source) => !scope.includes(source));
  if (outside !== undefined)
    throw new GatewayError(
      'GW_ERR_FORBIDDEN',
      `This caller may not read the source "${outside.slice(0, 100)}".`,
    );
  return requested;
}

/** Throws GW_ERR_FORBIDDEN unless this request's caller may read `source`. */
export function assertSourceAllowed(res: Response, source: string): void {
  sourcesFor(res, [source]);
}
