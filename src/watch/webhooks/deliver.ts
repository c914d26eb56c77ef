import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { parseRetryAfter } from '../../errors/from-upstream';
import { CLOUDEVENT_CONTENT_TYPE } from './cloudevent';
import { signatureHeader } from './sign';
import { guardedLookup, type LookupFunction } from './urls';

/** One attempt's whole deadline (connect, send, headers, response body): Svix's 15 s. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Response bytes read (and thrown away) before the connection is cut. */
export const RESPONSE_READ_CAP_BYTES = 64 * 1024;
/** The longest Retry-After obeyed; a receiver asking for more gets retried sooner. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60 * 60 * 1_000;
export const USER_AGENT = 'joblog-gateway';

export interface DeliveryAgentOptions {
  /** Sockets per receiver origin. */
  readonly connections?: number;
  /** DNS lookup under the link-local/metadata guard (tests hand in their own). */
  readonly lookup?: LookupFunction;
}

/**
 * The webhooks' own connection pool, apart from the upstream ones: no redirect interceptor (a
 * 3xx is answered, never followed) and a lookup that refuses link-local and metadata addresses.
 */
export function createDeliveryAgent(options: DeliveryAgentOptions = {}): Agent {
  return new Agent({
    connections: options.connections ?? 4,
    keepAliveTimeout: 10_000,
    connect: { lookup: guardedLookup(options.lookup) },
  });
}

export interface DeliveryRequest {
  readonly url: string | URL;
  /** HMAC keys of the endpoint (parseWebhookSecrets), one signature entry each. */
  readonly keys: readonly Uint8Array[];
  /** The event id: `webhook-id`, the same on every attempt. */
  readonly id: string;
  /** The serialized CloudEvent: sent and signed as these exact bytes. */
  readonly body: Uint8Array;
  readonly dispatcher: Dispatcher;
  readonly timeoutMs?: number;
  /** Epoch ms of this attempt: its `webhook-timestamp` and the base of a Retry-After date. */
  readonly now?: number;
  readonly maxRetryAfterMs?: number;
}

/**
 * What one attempt came to. `delivered`: a 2xx; `gone`: a 410, disable the endpoint; `retry`:
 * anything else. `outcome` is the HTTP status, `timeout` or the transport error's code.
 */
export interface AttemptResult {
  readonly result: 'delivered' | 'gone' | 'retry';
  readonly outcome: string;
  /** The receiver's Retry-After (429/503), capped, in ms. */
  readonly retryAfterMs?: number;
  /** The `webhook-timestamp` the attempt was signed with. */
  readonly timestampSeconds: number;
  /** Response body bytes read before the connection was released or cut. */
  readonly responseBytes: number;
}

/** Reads and discards the response, at most the cap (the rest is never read: the socket is cut). */
async function discard(body: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += (chunk as Buffer).length;
    if (bytes >= RESPONSE_READ_CAP_BYTES) {
      body.destroy();
      break;
    }
  }
  return bytes;
}

/** An error's code or name for logs and lastOutcome: a bounded token, never its message. */
function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
    if (typeof name === 'string' && /^\w{1,40}$/.test(name)) return name;
  }
  return 'error';
}

function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: number,
  cap: number,
): number | undefined {
  const raw = headers['retry-after'];
  const seconds = parseRetryAfter(Array.isArray(raw) ? raw[0] : raw, now);
  return seconds === undefined ? undefined : Math.min(seconds * 1_000, cap);
}

/**
 * Makes ONE delivery attempt: POSTs the body signed afresh (new `webhook-timestamp`, same
 * `webhook-id`) under one deadline for the whole exchange, reads at most 64 KiB of the answer,
 * and classifies it. Never throws: transport failures and the deadline are `retry` results.
 */
export async function deliverOnce(delivery: DeliveryRequest): Promise<AttemptResult> {
  const now = delivery.now ?? Date.now();
  const timestampSeconds = Math.floor(now / 1_000);
  const timeoutMs = delivery.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let status: number | undefined;
  let responseBytes = 0;
  let retryAfter: number | undefined;
  try {
    const response = await request(delivery.url, {
      dispatcher: delivery.dispatcher,
      method: 'POST',
      headers: {
        'content-type': CLOUDEVENT_CONTENT_TYPE,
        'user-agent': USER_AGENT,
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestampSeconds),
        'webhook-signature': signatureHeader(
          delivery.keys,
          delivery.id,
          timestampSeconds,
          delivery.body,
        ),
      },
      body: delivery.body,
      signal: controller.signal,
      // undici's own timers are idle timers; they stay a backstop behind the deadline.
      headersTimeout: timeoutMs + 1_000,
      bodyTimeout: timeoutMs + 1_000,
    });
    status = response.statusCode;
    if (status === 429 || status === 503) {
      retryAfter = retryAfterMs(
        response.headers,
        now,
        delivery.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      );
    }
    responseBytes = await discard(response.body);
  } catch (error) {
    // Once the status is known it decides: a 2xx whose body then stalls was still received.
    if (status === undefined) {
      const outcome = controller.signal.aborted ? 'timeout' : errorName(error);
      return { result: 'retry', outcome, timestampSeconds, responseBytes };
    }
  } finally {
    clearTimeout(timer);
  }
  const outcome = String(status);
  if (status >= 200 && status < 300) {
    return { result: 'delivered', outcome, timestampSeconds, responseBytes };
  }
  if (status === 410) return { result: 'gone', outcome, timestampSeconds, responseBytes };
  return {
    result: 'retry',
    outcome,
    timestampSeconds,
    responseBytes,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  };
}
