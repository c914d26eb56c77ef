import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { Agent, request } from 'undici';
import { GatewayError } from '../errors/gateway-error';
import { fromTransportError, parseRetryAfter } from '../errors/from-upstream';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

export interface HttpExecutorOptions {
  /** Sockets kept per upstream origin (default 16). */
  readonly connections?: number;
  /** Idle keep-alive time of pooled sockets in ms (default 30 s). */
  readonly keepAliveTimeoutMs?: number;
  /** TCP+TLS connect deadline in ms (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Waits between attempts; tests pass a fast one (default: real timers). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told of every finished upstream call (metrics). */
  readonly observe?: (call: UpstreamObservation) => void;
}

/** One finished upstream call, as metrics see it. */
export interface UpstreamObservation {
  readonly source: string;
  /** HTTP status, or the catalogue code when no response came. */
  readonly outcome: string;
  readonly seconds: number;
  readonly attempts: number;
}

export interface UpstreamRequest {
  /** The configured source, named in errors and logs. */
  readonly source: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Deadline of one attempt in ms (the caller's deadline caps it further). */
  readonly timeoutMs: number;
  /** Largest (decompressed) response body read; more is a 502. */
  readonly maxResponseBytes: number;
  /** A read with no side effects: may be sent again after a reset or a 429/503 (default false). */
  readonly idempotent?: boolean;
  /** Attempts in all, for idempotent requests (default 3). */
  readonly maxAttempts?: number;
}

export interface UpstreamResponse {
  readonly status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Attempts made, for logs and tests. */
  readonly attempts: number;
}

export interface HttpExecutor {
  /** Sends one request with deadlines, size cap and bounded retries; throws GatewayError. */
  send(
    upstream: UpstreamRequest,
    context: { readonly signal: AbortSignal; readonly deadline: number },
  ): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/** Longest Retry-After the executor waits out itself; longer ones go back to the caller. */
const MAX_RETRY_WAIT_MS = 5_000;

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
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

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  max: number,
  source: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy();
      throw new GatewayError(
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        `${source} sent a response over ${max} bytes.`,
        { source },
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

async function decode(
  body: Buffer,
  encoding: string | undefined,
  max: number,
  source: string,
): Promise<Buffer> {
  if (encoding === undefined || encoding === '' || encoding === 'identity') return body;
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip')
      return await gunzipAsync(body, { maxOutputLength: max });
    if (encoding === 'deflate') return await inflateAsync(body, { maxOutputLength: max });
  } catch (error) {
    throw new GatewayError(
      'GW_ERR_UPSTREAM_BAD_RESPONSE',
      `${source} sent a body that does not decompress (${encoding}).`,
      { source, cause: error },
    );
  }
  throw new GatewayError(
    'GW_ERR_UPSTREAM_BAD_RESPONSE',
    `${source} used an unsupported content encoding (${encoding}).`,
    { source },
  );
}

function isRetryableTransport(error: unknown, idempotent: boolean): boolean {
  const code = (error as { code?: unknown }).code;
  // Refused means nothing was sent, so even a non-idempotent request may go again.
  if (code === 'ECONNREFUSED') return true;
  return idempotent && (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE');
}

/**
 * Creates the shared upstream executor: one keep-alive undici Agent for all sources, per-attempt
 * and total deadlines (504 says which fired), a response size cap, gzip, and bounded retries.
 */
export function createHttpExecutor(options: HttpExecutorOptions = {}): HttpExecutor {
  const agent = new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connect: { timeout: options.connectTimeoutMs ?? 5_000 },
  });
  const sleep = options.sleep ?? defaultSleep;

  async function attempt(
    upstream: UpstreamRequest,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<Omit<UpstreamResponse, 'attempts'>> {
    const response = await request(upstream.url, {
      dispatcher: agent,
      method: upstream.method,
      headers: { 'accept-encoding': 'gzip, deflate', ...upstream.headers },
      ...(upstream.body === undefined ? {} : { body: upstream.body }),
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const headers = flattenHeaders(response.headers);
    const raw = await readCapped(response.body, upstream.maxResponseBytes, upstream.source);
    const body = await decode(
      raw,
      headers['content-encoding']?.toLowerCase(),
      upstream.maxResponseBytes,
      upstream.source,
    );
    return { status: response.statusCode, headers, body };
  }

  async function sendWithRetries(
    upstream: UpstreamRequest,
    context: { readonly signal: AbortSignal; readonly deadline: number },
  ): Promise<UpstreamResponse> {
    const idempotent = upstream.idempotent === true;
    const maxAttempts = idempotent ? (upstream.maxAttempts ?? 3) : 2;
    for (let attempts = 1; ; attempts += 1) {
      const remaining = context.deadline - Date.now();
      if (remaining <= 0) {
        throw fromTransportError(new Error('deadline passed before the call'), {
          source: upstream.source,
          deadlineHit: true,
        });
      }
      const timeoutMs = Math.min(upstream.timeoutMs, remaining);
      const deadlineSignal = AbortSignal.timeout(remaining);
      const signal = AbortSignal.any([context.signal, deadlineSignal]);
      let response: Omit<UpstreamResponse, 'attempts'>;
      try {
        response = await attempt(upstream, signal, timeoutMs);
      } catch (error) {
        if (attempts < maxAttempts && !signal.aborted && isRetryableTransport(error, idempotent)) {
          await sleep(
            Math.min(50 * 2 ** attempts, Math.max(0, context.deadline - Date.now())),
            context.signal,
          );
          continue;
        }
        throw fromTransportError(error, {
          source: upstream.source,
          deadlineHit: deadlineSignal.aborted,
        });
      }
      if (
        idempotent &&
        attempts < maxAttempts &&
        (response.status === 429 || response.status === 503)
      ) {
        const waitMs = (parseRetryAfter(response.headers['retry-after']) ?? 1) * 1000;
        if (waitMs <= MAX_RETRY_WAIT_MS && Date.now() + waitMs < context.deadline) {
          await sleep(waitMs, context.signal);
          continue;
        }
      }
      return { ...response, attempts };
    }
  }

  return {
    async send(upstream, context) {
      const started = process.hrtime.bigint();
      const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const response = await sendWithRetries(upstream, context);
        options.observe?.({
          source: upstream.source,
          outcome: String(response.status),
          seconds: seconds(),
          attempts: response.attempts,
        });
        return response;
      } catch (error) {
        const outcome = error instanceof GatewayError ? error.code : 'GW_ERR_INTERNAL';
        options.observe?.({ source: upstream.source, outcome, seconds: seconds(), attempts: 0 });
        throw error;
      }
    },
    close: () => agent.close(),
  };
}
