import { Agent, interceptors, type Dispatcher } from 'undici';
import { CallController } from '../contract';
import { GatewayError } from '../errors/gateway-error';
import { fromTransportError, parseRetryAfter, type TimeoutPhase } from '../errors/from-upstream';
import type { CallBudget } from './budget';

export interface HttpExecutorOptions {
  /** Sockets kept per upstream origin and response cap (default 16). */
  readonly connections?: number;
  /** Idle keep-alive time of pooled sockets in ms (default 30 s). */
  readonly keepAliveTimeoutMs?: number;
  /** TCP+TLS connect deadline in ms (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Every wait between attempts goes through it; tests pass one that records (default: timers). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told of every finished upstream call (metrics), failed and cancelled ones included. */
  readonly observe?: UpstreamObserver;
}

/** What the metrics see of upstream calls. */
export type UpstreamObserver = (call: UpstreamObservation) => void;

/** One finished upstream call, as metrics see it. */
export interface UpstreamObservation {
  readonly source: string;
  /**
   * HTTP status; the catalogue code when no response came; `aborted` when the caller's own
   * signal cancelled the call (a hang-up, not an upstream failure).
   */
  readonly outcome: string;
  readonly seconds: number;
  /** Requests sent, retries included, also when the call finally failed (0: none was sent). */
  readonly attempts: number;
}

export interface UpstreamRequest {
  /** The configured source, named in errors and logs. */
  readonly source: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * Deadline of one attempt in ms, over everything it waits for: a pooled socket, the connection,
   * the headers and the whole body (the caller's deadline caps it further).
   */
  readonly timeoutMs: number;
  /** Largest response body read, on the wire and after decompression; more is a 502. */
  readonly maxResponseBytes: number;
  /** A read with no side effects: may be sent again after a reset or a 429/503 (default false). */
  readonly idempotent?: boolean;
  /** Attempts in all, for idempotent requests (default 3). */
  readonly maxAttempts?: number;
  /**
   * Ask for gzip/deflate (default true). False sends no Accept-Encoding, so a loopback upstream
   * answers plain and neither end spends CPU on compression; a body compressed anyway is still
   * decoded and capped.
   */
  readonly compression?: boolean;
}

export interface UpstreamResponse {
  readonly status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, decompressed. */
  readonly body: Buffer;
  /** Attempts made, for logs and tests. */
  readonly attempts: number;
}

/** What send() needs of the caller's call context. */
export interface SendContext {
  readonly signal: AbortSignal;
  readonly deadline: number;
  /**
   * The upstream calls the caller may still make to this source; each attempt takes one, and a
   * retry is not made without one. Absent: no limit.
   */
  readonly budget?: CallBudget;
}

export interface HttpExecutor {
  /** Sends one request with deadlines, size cap and bounded retries; throws GatewayError. */
  send(upstream: UpstreamRequest, context: SendContext): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/** Longest Retry-After the executor waits out itself; longer ones go back to the caller. */
const MAX_RETRY_WAIT_MS = 5_000;

/** Outcome label of calls the caller cancelled (see isCancelledByCaller). */
export const CANCELLED_OUTCOME = 'aborted';

/**
 * True when `error`, thrown by send(), reports that the caller's own signal cancelled the call
 * (a hang-up) rather than an upstream failure: its cause is then `signal.reason`, unchanged.
 */
export function isCancelledByCaller(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted && error instanceof GatewayError && error.cause === signal.reason;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Body failures that are the upstream's bad data, not the transport: never retried, 502. */
function badBodyError(error: unknown, upstream: UpstreamRequest): GatewayError | undefined {
  const { source } = upstream;
  const code = codeOf(error);
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new GatewayError(
      'GW_ERR_UPSTREAM_BAD_RESPONSE',
      `${source} sent a response over ${upstream.maxResponseBytes} bytes.`,
      { source, cause: error },
    );
  }
  // zlib reports Z_DATA_ERROR, Z_BUF_ERROR, ...; brotli ERR__ERROR_FORMAT_...; undici's decompress
  // interceptor refuses more than five stacked codings with a plain Error.
  const stacked = error instanceof Error && error.message.startsWith('too many content-encodings');
  if ((code !== undefined && /^(Z_|ERR__ERROR_)/.test(code)) || stacked) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_BAD_RESPONSE',
      `${source} sent a body that does not decompress.`,
      { source, cause: error },
    );
  }
  return undefined;
}

function isRetryableTransport(error: unknown, idempotent: boolean): boolean {
  const code = codeOf(error);
  // Refused means nothing was sent, so even a non-idempotent request may go again.
  if (code === 'ECONNREFUSED') return true;
  return idempotent && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE');
}

/** A URL as undici's dispatch takes it: origin, and path with query. */
function targetOf(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/**
 * One request through undici's dispatcher, its whole body collected: what `undici.request` and
 * `body.arrayBuffer()` do, without the Readable stream, the AsyncResource and the promise per
 * chunk between them (measured side by side, 2026-11-28: about 45 against 70 µs of CPU a call).
 * The caller's signal aborts it at any point: while it waits for a pooled socket (the caller is
 * answered at once; `request` made it wait for the socket), while the headers are awaited, or
 * mid-body. `progress.phase` turns to 'body' at the headers. Rejects with undici's own errors, or
 * the signal's reason, as `request` does.
 */
function dispatchOnce(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  signal: AbortSignal,
  progress: { phase: 'headers' | 'body' },
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      return true;
    };
    function onAbort(): void {
      if (controller !== undefined) {
        controller.abort(signal.reason as Error);
        return;
      }
      // Still waiting for a socket: the caller is answered now, and onRequestStart aborts the
      // request when undici gets to it.
      if (settle()) reject(signal.reason as Error);
    }
    signal.addEventListener('abort', onAbort, { once: true });
    dispatcher.dispatch(options, {
      onRequestStart(started) {
        controller = started;
        if (signal.aborted) started.abort(signal.reason as Error);
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        // 1xx answers are interim; the final one follows.
        if (statusCode < 200) return;
        status = statusCode;
        headers = flattenHeaders(responseHeaders);
        progress.phase = 'body';
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        if (settle()) resolve({ status, headers, body: Buffer.concat(chunks) });
      },
      onResponseError(_controller, error) {
        if (settle()) reject(error);
      },
    });
  });
}

/**
 * Creates the shared upstream executor: keep-alive undici pools, per-attempt and total deadlines
 * (504 says which fired), a response size cap on the wire and after decompression (undici's
 * maxResponseSize and decompress interceptor), and bounded retries counted in every observation.
 */
export function createHttpExecutor(options: HttpExecutorOptions = {}): HttpExecutor {
  const sleep = options.sleep ?? defaultSleep;
  // undici's maxResponseSize (the wire cap) is an Agent option, so each cap gets its own pool;
  // a source uses one cap, so this is about one pool per source.
  const pools = new Map<number, { agent: Agent; dispatcher: Dispatcher }>();

  function dispatcherFor(maxBytes: number): Dispatcher {
    const known = pools.get(maxBytes);
    if (known !== undefined) return known.dispatcher;
    const agent = new Agent({
      connections: options.connections ?? 16,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connect: { timeout: options.connectTimeoutMs ?? 5_000 },
      maxResponseSize: maxBytes,
    });
    // maxSize is checked before each decompressed chunk is passed on, and the inflater is paused
    // by backpressure, so a gzip bomb stops at the cap without inflating further.
    const dispatcher = agent.compose(
      interceptors.decompress({ maxSize: maxBytes, skipErrorResponses: false }),
    );
    pools.set(maxBytes, { agent, dispatcher });
    return dispatcher;
  }

  /**
   * One attempt, bounded by `signal` (the caller, and one timer over the whole attempt: the wait
   * for a pooled socket, the connection, the headers and the body). `progress.phase` says how far
   * it got, so that a timeout can name the phase.
   */
  async function attempt(
    upstream: UpstreamRequest,
    signal: AbortSignal,
    timeoutMs: number,
    progress: { phase: Exclude<TimeoutPhase, 'total' | 'connect'> },
  ): Promise<Omit<UpstreamResponse, 'attempts'>> {
    // undici's own timers start only once the request has a socket, and its bodyTimeout is an
    // idle timeout that every byte restarts; they stay as a backstop behind the attempt's signal.
    const backstop = timeoutMs + 1_000;
    const { status, headers, body } = await dispatchOnce(
      dispatcherFor(upstream.maxResponseBytes),
      {
        ...targetOf(upstream.url),
        method: upstream.method,
        headers:
          upstream.compression === false
            ? upstream.headers
            : { 'accept-encoding': 'gzip, deflate', ...upstream.headers },
        ...(upstream.body === undefined ? {} : { body: upstream.body }),
        headersTimeout: backstop,
        bodyTimeout: backstop,
      },
      signal,
      progress,
    );
    // The interceptor removes content-encoding from what it decoded; one left is one it cannot.
    const encoding = headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity' && body.length > 0) {
      throw new GatewayError(
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        `${upstream.source} used an unsupported content encoding (${encoding.slice(0, 40)}).`,
        { source: upstream.source },
      );
    }
    return { status, headers, body };
  }

  /**
   * Maps any failure of a call to the catalogue: a deadline first (the request's whole one, or
   * the attempt's in the phase it reached), then the caller's hang-up, then what the error says.
   */
  function failure(
    error: unknown,
    upstream: UpstreamRequest,
    context: SendContext,
    timedOut?: TimeoutPhase,
  ): GatewayError {
    if (error instanceof GatewayError) return error;
    const { source } = upstream;
    if (timedOut === 'total' || Date.now() >= context.deadline) {
      return fromTransportError(error, { source, deadlineHit: 'total' });
    }
    if (timedOut !== undefined) return fromTransportError(error, { source, deadlineHit: timedOut });
    // The caller's reason becomes the cause, so isCancelledByCaller can tell it from a failure.
    if (context.signal.aborted) {
      return fromTransportError(context.signal.reason, { source, cancelled: true });
    }
    return badBodyError(error, upstream) ?? fromTransportError(error, { source });
  }

  async function wait(ms: number, upstream: UpstreamRequest, context: SendContext): Promise<void> {
    try {
      await sleep(ms, context.signal);
    } catch (error) {
      throw failure(error, upstream, context);
    }
  }

  /**
   * One attempt under its own timer (the wait for a socket, the headers and the body; the
   * caller's deadline when that is nearer). A failure comes back mapped to the catalogue, with
   * whether sending the request again could help.
   */
  async function timedAttempt(
    upstream: UpstreamRequest,
    context: SendContext,
    remaining: number,
  ): Promise<
    | { readonly response: Omit<UpstreamResponse, 'attempts'> }
    | { readonly failed: GatewayError; readonly retryable: boolean }
  > {
    const total = remaining <= upstream.timeoutMs;
    const timeoutMs = Math.min(upstream.timeoutMs, remaining);
    // One controller aborted by the attempt's timer or the caller's signal, both removed when
    // the attempt ends (AbortSignal.timeout + AbortSignal.any cost about 2 % of a read's CPU).
    const controller = new CallController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The attempt timed out.', 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = (): void => controller.abort(context.signal.reason);
    if (context.signal.aborted) onCallerAbort();
    else context.signal.addEventListener('abort', onCallerAbort, { once: true });
    const progress: { phase: 'headers' | 'body' } = { phase: 'headers' };
    try {
      return { response: await attempt(upstream, controller.signal, timeoutMs, progress) };
    } catch (error) {
      const phase =
        timedOut && !context.signal.aborted ? (total ? 'total' : progress.phase) : undefined;
      return {
        failed: failure(error, upstream, context, phase),
        retryable:
          !controller.signal.aborted && isRetryableTransport(error, upstream.idempotent === true),
      };
    } finally {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onCallerAbort);
    }
  }

  /** How long to wait before sending a throttled idempotent read again; undefined: do not. */
  function throttleWaitMs(
    upstream: UpstreamRequest,
    response: Omit<UpstreamResponse, 'attempts'>,
    context: SendContext,
  ): number | undefined {
    if (upstream.idempotent !== true || (response.status !== 429 && response.status !== 503)) {
      return undefined;
    }
    const waitMs = (parseRetryAfter(response.headers['retry-after']) ?? 1) * 1000;
    return waitMs <= MAX_RETRY_WAIT_MS && Date.now() + waitMs < context.deadline
      ? waitMs
      : undefined;
  }

  // Retries stay ours. undici's RetryHandler could take our sleep and Retry-After rule through its
  // `retry` callback, but it resumes a body cut off after the headers with a Range request, which
  // none of our upstreams honour (it then fails: "server does not support the range header")
  // where a read must be sent again whole, and it re-dispatches the first attempt's options, so a
  // later attempt's headers/body timeouts cannot shrink to what is left of the caller's deadline.
  async function sendWithRetries(
    upstream: UpstreamRequest,
    context: SendContext,
    made: { attempts: number },
  ): Promise<UpstreamResponse> {
    const maxAttempts = upstream.idempotent === true ? (upstream.maxAttempts ?? 3) : 2;
    const { budget } = context;
    // A retry needs an attempt left and, when the caller has a budget, a call left in it.
    const mayRetry = (): boolean =>
      made.attempts < maxAttempts && (budget === undefined || budget.remaining > 0);
    for (;;) {
      const remaining = context.deadline - Date.now();
      if (remaining <= 0 || context.signal.aborted) {
        throw failure(new Error('no time left for an attempt'), upstream, context);
      }
      // Only a first attempt can find the budget spent: retries are not made without a call left.
      if (budget !== undefined && !budget.take()) throw budget.spent();
      made.attempts += 1;
      const outcome = await timedAttempt(upstream, context, remaining);
      if ('failed' in outcome) {
        if (!outcome.retryable || !mayRetry()) throw outcome.failed;
        const backoff = 50 * 2 ** made.attempts;
        await wait(
          Math.min(backoff, Math.max(0, context.deadline - Date.now())),
          upstream,
          context,
        );
        continue;
      }
      const waitMs = mayRetry() ? throttleWaitMs(upstream, outcome.response, context) : undefined;
      if (waitMs === undefined) return { ...outcome.response, attempts: made.attempts };
      await wait(waitMs, upstream, context);
    }
  }

  return {
    async send(upstream, context) {
      const started = process.hrtime.bigint();
      const made = { attempts: 0 };
      const observe = (outcome: string): void =>
        options.observe?.({
          source: upstream.source,
          outcome,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          attempts: made.attempts,
        });
      try {
        const response = await sendWithRetries(upstream, context, made);
        observe(String(response.status));
        return response;
      } catch (error) {
        if (isCancelledByCaller(error, context.signal)) observe(CANCELLED_OUTCOME);
        else observe(error instanceof GatewayError ? error.code : 'GW_ERR_INTERNAL');
        throw error;
      }
    },
    async close() {
      await Promise.all([...pools.values()].map(({ agent }) => agent.close()));
      pools.clear();
    },
  };
}
