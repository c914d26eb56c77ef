import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { CallContext } from '../contract';
import type { GatewayError } from '../errors/gateway-error';
import type { RenderedFault } from '../soap/fault';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Per-request state kept on res.locals by the pipeline. */
export interface RequestLocals {
  requestId: string;
  /** Epoch ms by which the whole request must be answered. */
  deadline: number;
  /** Aborted when the client goes away or the deadline passes. */
  signal: AbortSignal;
  /** Which renderer the error handler uses: problem+json, or the SOAP facade's `renderFault`. */
  protocol: 'json' | 'soap';
  /** Set with protocol `soap`: renders an error as the facade's fault in the caller's version. */
  renderFault?: (error: GatewayError) => RenderedFault;
  /** Identity of the authenticated caller (API key id or SOAP user), for logs. */
  caller?: string;
}

/** Typed access to the request's locals. */
export function localsOf(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/**
 * Request-scoped context shared by the server pipeline, the JSON API and the SOAP facades.
 * Gives every request an id (the caller's X-Request-Id when it is safe, else a UUID, echoed
 * back), a total deadline and an AbortSignal that fires when the client disconnects early.
 */
export function requestContext(requestTimeoutMs: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const requestId =
      incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('request deadline passed')),
      requestTimeoutMs,
    );
    timer.unref();
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
    });
    Object.assign(res.locals, {
      requestId,
      deadline: Date.now() + requestTimeoutMs,
      signal: controller.signal,
      protocol: 'json',
    } satisfies RequestLocals);
    res.setHeader('x-request-id', requestId);
    next();
  };
}

/** Public base URL of the gateway: configured, else from the request (scheme + a sane Host). */
export function baseUrlOf(req: Request, configured: string | undefined): string {
  if (configured !== undefined) return configured.replace(/\/+$/, '');
  const host = req.get('host') ?? 'localhost';
  return `${req.protocol}://${/^[A-Za-z0-9.:[\]-]+$/.test(host) ? host : 'localhost'}`;
}

/** The call context handed to the query service for this request. */
export function callContextOf(
  req: Request,
  res: Response,
  extra: Partial<Pick<CallContext, 'locale'>> = {},
): CallContext {
  const locals = localsOf(res);
  const logger = (req as Request & { log?: Logger }).log;
  if (logger === undefined)
    throw new Error('request logger missing: access-log middleware not installed');
  return {
    signal: locals.signal,
    deadline: locals.deadline,
    requestId: locals.requestId,
    logger,
    ...extra,
  };
}
