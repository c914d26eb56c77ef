import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** What a helmet middleware does to a response: headers it sets, and headers it removes. */
interface HeaderPlan {
  readonly set: ReadonlyArray<readonly [string, OutgoingHttpHeader]>;
  readonly removed: readonly string[];
}

/**
 * Runs a helmet middleware once against a recorder. helmet's headers depend on its options only
 * (its CSP would depend on the request only with function-valued directives, which the gateway
 * does not configure), so what it does to one response it does to every response.
 */
function recordHelmet(middleware: ReturnType<typeof helmet>): HeaderPlan {
  const set = new Map<string, OutgoingHttpHeader>();
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: OutgoingHttpHeader) {
      set.set(name, value);
      return recorder;
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.push(name);
    },
  };
  let finished = false;
  void middleware(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error !== undefined) throw error instanceof Error ? error : new Error('helmet failed');
      finished = true;
    },
  );
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  return { set: [...set], removed };
}

/**
 * helmet's security headers on every answer (CSP, nosniff, frame and referrer policies, ...).
 * The CSP keeps helmet's defaults (scripts from 'self' only: /docs serves Swagger UI's own
 * files), without `upgrade-insecure-requests`: the gateway itself speaks plain HTTP (TLS ends in
 * front of it), and a browser that upgraded /docs' assets there would fail to load them.
 *
 * helmet computes them from its options at start; they are recorded then and set in one loop per
 * request, instead of through helmet's thirteen nested middleware (a test compares the two).
 */
export function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const { set, removed } = recordHelmet(
    helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }),
  );
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
