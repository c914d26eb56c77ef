import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { CallController, type CallContext } from '../contract';
import type { GatewayError } from '../errors/gateway-error';
import type { RenderedFault } from '../soap/fault';
import type { Admission } from './admission';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Where the gateway's own URLs point (WSDL addresses, problem types). */
export interface HostPolicy {
  /** server.publicUrl, without a trailing slash: always used when set. */
  readonly publicUrl: string | undefined;
  /** server.allowedHosts, lower-cased: Host values that may be reflected. */
  readonly allowedHosts: ReadonlySet<string>;
}

/** Per-request state kept on res.locals by the pipeline. */
export interface RequestLocals {
  requestId: string;
  /** Epoch ms by which the whole request must be answered. */
  deadline: number;
  /** Aborted when the client goes away, the deadline passes or the gateway shuts down. */
  signal: AbortSignal;
  /** Aborts `signal` (the server does, when it has answered for the route, e.g. on shutdown). */
  cancel: (reason: Error) => void;
  /** Which renderer the error handler uses: problem+json, or the SOAP facade's `renderFault`. */
  protocol: 'json' | 'soap';
  /** Set with protocol `soap`: renders an error as the facade's fault in the caller's version. */
  renderFault?: (error: GatewayError) => RenderedFault;
  /** Identity of the authenticated caller (`key:<id>`, `ips:<user>`), for logs and metrics. */
  caller?: string;
  /** The SOAP operation (e.g. `getJobLogs`), set by the SOAP facades, for logs and metrics. */
  operation?: string;
  /** The sources the caller may read, set on admission; undefined: all of them. */
  scope?: readonly string[];
  /** The server's admission control (see request/admission.ts); absent outside the server. */
  admission?: Admission;
  hosts: HostPolicy;
}

/** Typed access to the request's locals. */
export function localsOf(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

/** Builds the host policy once from server.publicUrl and server.allowedHosts. */
export function hostPolicy(
  publicUrl: string | undefined,
  allowedHosts: readonly string[],
): HostPolicy {
  return {
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    allowedHosts: new Set(allowedHosts.map((host) => host.toLowerCase())),
  };
}

export interface RequestContextOptions {
  readonly requestTimeoutMs: number;
  readonly hosts: HostPolicy;
}

/**
 * One request's locals. The signal is a getter of the class, not an accessor defined on each
 * request's object: a getter closure defined per object is held by V8 until a full collection, and
 * with it the whole request (bench/RESULTS.md, 2026-11-28: that alone made 40 % of everything a
 * request allocated survive each young collection).
 */
class Locals implements RequestLocals {
  protocol: 'json' | 'soap' = 'json';
  renderFault?: (error: GatewayError) => RenderedFault;
  caller?: string;
  operation?: string;
  scope?: readonly string[];
  admission?: Admission;
  // The signal, and the timer that aborts it at the deadline, are made when a route first asks
  // for them: /healthz, /metrics and refusals never do. A cancel before that is kept and applied
  // when the signal is made, so no reader can see it unaborted.
  private controller: CallController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private cancelled: Error | undefined;

  constructor(
    readonly requestId: string,
    readonly deadline: number,
    readonly hosts: HostPolicy,
  ) {}

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new CallController();
      this.controller = controller;
      const left = this.deadline - Date.now();
      if (this.cancelled !== undefined) controller.abort(this.cancelled);
      else if (left <= 0) controller.abort(new Error('request deadline passed'));
      else {
        this.timer = setTimeout(() => this.cancel(new Error('request deadline passed')), left);
        this.timer.unref();
      }
    }
    return this.controller.signal;
  }

  cancel(reason: Error): void {
    if (this.controller !== undefined) this.controller.abort(reason);
    else this.cancelled ??= reason;
  }

  /** The response closed: the deadline timer goes, and an unfinished answer cancels the work. */
  closed(finished: boolean): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (!finished) this.cancel(new Error('client closed the connection'));
  }
}

/** One listener for every response (no closure per request): `this` is the response. */
function onResponseClose(this: Response): void {
  (this.locals as Locals).closed(this.writableFinished);
}

/**
 * Request-scoped context shared by the server pipeline, the JSON API and the SOAP facades.
 * Gives every request an id (the caller's X-Request-Id when it is safe, else a UUID, echoed
 * back), a total deadline and an AbortSignal that fires when the client disconnects early.
 */
export function requestContext({ requestTimeoutMs, hosts }: RequestContextOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const requestId =
      incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals = new Locals(requestId, Date.now() + requestTimeoutMs, hosts);
    res.on('close', onResponseClose);
    res.setHeader('x-request-id', requestId);
    next();
  };
}

/** `http://<address>:<port>` of the local end of a connection: the address it came in on. */
export function listeningUrlOf(socket: Socket, scheme = 'http'): string {
  const local = socket.localAddress ?? '127.0.0.1';
  // An IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d.
  const address = local.startsWith('::ffff:') && local.includes('.') ? local.slice(7) : local;
  const host = address.includes(':') ? `[${address}]` : address;
  return `${scheme}://${host}:${socket.localPort ?? 0}`;
}

/**
 * Public base URL of the gateway: server.publicUrl when set, else the request's Host when
 * server.allowedHosts lists it, else the address the connection came in on. A Host header is
 * never reflected otherwise: one request could point a client anywhere.
 */
export function baseUrlOf(req: Request): string {
  const hosts = req.res === undefined ? undefined : localsOf(req.res).hosts;
  if (hosts?.publicUrl !== undefined) return hosts.publicUrl;
  const host = req.get('host')?.toLowerCase();
  if (host !== undefined && hosts?.allowedHosts.has(host) === true)
    return `${req.protocol}://${host}`;
  return listeningUrlOf(req.socket, req.protocol);
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
