import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error';
import type { Admission, CallerRef } from '../../request/admission';
import { localsOf } from '../../request/context';
import type { Config, RateLimit, SourceScope } from '../../schemas/types/config';
import { rateLimitFields, type RateLimiter } from '../rate-limits';

/** Seconds a shed caller is told to wait: in-flight slots free up as fast as requests finish. */
const SHED_RETRY_AFTER = 1;

export interface AdmissionOptions {
  readonly maxInFlight: number;
  readonly maxInFlightPerCaller: number;
  readonly auth: Readonly<Config['auth']>;
  readonly rateLimiter: RateLimiter;
}

/** The server side of admission control (request/admission.ts is what routes call). */
export interface AdmissionControl extends Admission {
  /** Middleware, first of all: makes admission reachable from the request's locals. */
  readonly install: (req: Request, res: Response, next: NextFunction) => void;
  /** Middleware: counts every request reaching it against server.maxInFlight. */
  readonly gate: (req: Request, res: Response, next: NextFunction) => void;
}

interface Entry {
  readonly sources?: SourceScope;
  readonly rateLimit?: RateLimit;
}

/** What one request holds: a global slot, a caller's slot. Released when its response closes. */
interface Held {
  global: boolean;
  caller: string | undefined;
  closed: boolean;
}

function overloaded(message: string): GatewayError {
  return new GatewayError('GW_ERR_OVERLOADED', message, { retryAfter: SHED_RETRY_AFTER });
}

/**
 * Creates admission control: a cap on requests in flight in all (server.maxInFlight) and per
 * caller (server.maxInFlightPerCaller), answered at once with 503 GW_ERR_OVERLOADED and
 * Retry-After rather than queued, and each caller's rate limit (its own `rateLimit`, else
 * auth.rateLimit), answered 429 GW_ERR_RATE_LIMITED. Callers are counted by config identity
 * (`key:<id>`, `user:<name>`), so one SOAP user shares its slots and limit across endpoints.
 */
export function createAdmission(options: AdmissionOptions): AdmissionControl {
  const apiKeys = new Map<string, Entry>(options.auth.apiKeys.map((key) => [key.id, key]));
  const soapUsers = new Map<string, Entry>(options.auth.soapUsers.map((user) => [user.user, user]));
  const holds = new WeakMap<Response, Held>();
  const perCaller = new Map<string, number>();
  let inFlight = 0;

  function heldBy(res: Response): Held {
    let held = holds.get(res);
    if (held === undefined) {
      held = { global: false, caller: undefined, closed: false };
      holds.set(res, held);
      const mine = held;
      // 'close' is emitted once per response: on() spares once()'s wrapper per request.
      res.on('close', () => {
        mine.closed = true;
        giveBack(mine);
      });
    }
    return held;
  }

  function giveBack(held: Held): void {
    if (held.global) inFlight -= 1;
    held.global = false;
    if (held.caller !== undefined) {
      const left = (perCaller.get(held.caller) ?? 1) - 1;
      if (left === 0) perCaller.delete(held.caller);
      else perCaller.set(held.caller, left);
    }
    held.caller = undefined;
  }

  function enter(res: Response): void {
    const held = heldBy(res);
    if (held.global || held.closed) return;
    if (inFlight >= options.maxInFlight)
      throw overloaded('The gateway has as many requests in process as it takes; retry shortly.');
    inFlight += 1;
    held.global = true;
  }

  async function admitCaller(res: Response, caller: CallerRef): Promise<void> {
    enter(res);
    const [id, entry] =
      'apiKey' in caller
        ? [`key:${caller.apiKey}`, apiKeys.get(caller.apiKey)]
        : [`user:${caller.soapUser}`, soapUsers.get(caller.soapUser)];
    const held = heldBy(res);
    if (held.caller === undefined && !held.closed) {
      const busy = perCaller.get(id) ?? 0;
      // Shed before the rate limit is counted: no Redis round trip for a request we refuse.
      if (busy >= options.maxInFlightPerCaller)
        throw overloaded('This caller has as many requests in process as it may; retry shortly.');
      perCaller.set(id, busy + 1);
      held.caller = id;
    }
    const locals = localsOf(res);
    if (entry?.sources === undefined) delete locals.scope;
    else locals.scope = entry.sources;
    const limit = entry?.rateLimit ?? options.auth.rateLimit;
    if (limit === undefined) return;
    const decision = await options.rateLimiter.consume(id, limit);
    if (!res.headersSent) res.set(rateLimitFields(limit, decision));
    if (!decision.allowed)
      throw new GatewayError(
        'GW_ERR_RATE_LIMITED',
        `Over the limit of ${limit.requests} requests in ${limit.perSeconds} s; retry after ${decision.resetSeconds} s.`,
        { retryAfter: decision.resetSeconds },
      );
  }

  function leave(res: Response): void {
    const held = holds.get(res);
    if (held === undefined) return;
    giveBack(held);
    // Never counted again: a later enter() or admitCaller() on this response is a no-op.
    held.closed = true;
  }

  const admission: Admission = { enter, admitCaller, leave };
  return {
    ...admission,
    install(_req, res, next) {
      localsOf(res).admission = admission;
      next();
    },
    gate(_req, res, next) {
      enter(res);
      next();
    },
  };
}
