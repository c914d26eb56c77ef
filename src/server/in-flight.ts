import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../errors/gateway-error';

/** A request the server is processing. */
export interface Exchange {
  readonly req: Request;
  readonly res: Response;
}

/** Every request in process, so that shutdown and client errors can still answer them. */
export interface InFlight {
  /** Middleware (first after the request context): tracks the request until its response closes. */
  readonly track: (req: Request, res: Response, next: NextFunction) => void;
  /** From now on answers carry `Connection: close` and /readyz fails (traffic moves elsewhere). */
  drain(): void;
  /** The requests in process, oldest first. */
  exchanges(): readonly Exchange[];
  /** The request in process on a connection whose answer has not started, if any. */
  unansweredOn(socket: Socket): Exchange | undefined;
  /** Resolves true once no request is in process, or false after `ms`. */
  settled(ms: number): Promise<boolean>;
}

/** Creates the tracker of requests in process (one per server). */
export function createInFlight(): InFlight {
  const exchanges = new Set<Exchange>();
  const waiters = new Set<() => void>();
  let draining = false;

  const forget = (exchange: Exchange): void => {
    exchanges.delete(exchange);
    if (exchanges.size === 0) for (const wake of waiters) wake();
  };

  return {
    track(req, res, next) {
      const exchange = { req, res };
      exchanges.add(exchange);
      // 'close' is emitted once per response: on() spares once()'s wrapper per request.
      res.on('close', () => forget(exchange));
      if (draining) {
        res.setHeader('connection', 'close');
        // Readiness fails first, so that a load balancer stops sending while requests finish.
        if (req.path === '/readyz') {
          next(new GatewayError('GW_ERR_SHUTTING_DOWN', 'The gateway is shutting down.'));
          return;
        }
      }
      next();
    },
    drain() {
      draining = true;
      for (const { res } of exchanges) if (!res.headersSent) res.setHeader('connection', 'close');
    },
    exchanges: () => [...exchanges],
    unansweredOn(socket) {
      for (const exchange of exchanges)
        if (exchange.req.socket === socket && !exchange.res.headersSent) return exchange;
      return undefined;
    },
    settled(ms) {
      if (exchanges.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, ms);
        waiters.add(wake);
      });
    },
  };
}
