import { GatewayError, type UpstreamFailure } from './gateway-error';

/** Which deadline fired, reported in the 504 detail. */
export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';

const TIMEOUT_CODES: Readonly<Record<string, TimeoutPhase>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
  ETIMEDOUT: 'connect',
};

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return errorCode((error as { cause?: unknown }).cause);
}

/**
 * Maps a transport failure (thrown by undici or by our own deadlines) to the catalogue: the single
 * place that decides refused/reset -> 502, deadline -> 504 and a caller's hang-up -> 499
 * (CONVENTIONS "Errors"). `deadlineHit` names the deadline that fired: the request's whole one
 * (`total`) or one attempt's, in the phase it was in (`headers`: waiting for a socket, connecting
 * or for the headers; `body`: reading the body). `cancelled` says the caller's own signal ended
 * the call: `error` is then the signal's reason, kept as the cause unchanged.
 */
export function fromTransportError(
  error: unknown,
  context: {
    readonly source: string;
    readonly deadlineHit?: TimeoutPhase;
    readonly cancelled?: boolean;
  },
): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = errorCode(error);
  const { deadlineHit } = context;
  if (deadlineHit !== undefined) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_TIMEOUT',
      deadlineHit === 'total'
        ? `${context.source} did not answer within the request deadline (total).`
        : `${context.source} timed out (${deadlineHit}).`,
      { source: context.source, cause: error },
    );
  }
  if (context.cancelled === true) {
    return new GatewayError(
      'GW_ERR_CLIENT_CLOSED',
      `The caller went away while ${context.source} was being read.`,
      { source: context.source, cause: error },
    );
  }
  const phase = code === undefined ? undefined : TIMEOUT_CODES[code];
  if (phase !== undefined) {
    return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', `${context.source} timed out (${phase}).`, {
      source: context.source,
      cause: error,
    });
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_UNREACHABLE',
      `${context.source} could not be reached (${code}).`,
      {
        source: context.source,
        cause: error,
      },
    );
  }
  return new GatewayError(
    'GW_ERR_UPSTREAM_UNREACHABLE',
    `${context.source} could not be reached.`,
    {
      source: context.source,
      cause: error,
    },
  );
}

/**
 * Maps an upstream HTTP status that carries no usable body to the catalogue: 401/403 mean the
 * gateway's own credentials were refused (the caller is not at fault), 429/503 are throttling.
 */
export function fromUpstreamStatus(
  status: number,
  context: {
    readonly source: string;
    readonly retryAfter?: number;
    readonly upstream?: UpstreamFailure;
  },
): GatewayError {
  const upstream: UpstreamFailure = { status, ...context.upstream };
  const base = { source: context.source, upstream };
  if (status === 401 || status === 403) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_REJECTED_CREDS',
      `${context.source} refused the gateway's credentials (HTTP ${status}).`,
      base,
    );
  }
  if (status === 429 || status === 503) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_THROTTLED',
      `${context.source} is throttling or unavailable (HTTP ${status}).`,
      {
        ...base,
        ...(context.retryAfter === undefined ? {} : { retryAfter: context.retryAfter }),
      },
    );
  }
  return new GatewayError(
    'GW_ERR_UPSTREAM_BAD_RESPONSE',
    `${context.source} answered HTTP ${status}.`,
    base,
  );
}

/** Parses a Retry-After header (delta seconds or HTTP date) into whole seconds, if valid. */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 86_400);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.min(Math.ceil((date - now) / 1000), 86_400));
}

/** What an upstream's error body said, in its own words (each adapter reads its own format). */
export interface UpstreamErrorBody {
  readonly code?: string;
  readonly message?: string;
}

/**
 * Maps a non-success upstream answer to the catalogue, the one decision tree every source uses:
 * 400 -> GW_ERR_UPSTREAM_REJECTED_QUERY; 401/403 -> GW_ERR_UPSTREAM_REJECTED_CREDS; 429/503 ->
 * GW_ERR_UPSTREAM_THROTTLED with Retry-After (or `defaultRetryAfter`); 408/504 ->
 * GW_ERR_UPSTREAM_TIMEOUT; any other status with an error body -> GW_ERR_UPSTREAM_FAULT; without
 * one -> GW_ERR_UPSTREAM_BAD_RESPONSE. The upstream's code and message are kept as `upstream`.
 */
export function fromErrorAnswer(
  source: string,
  answer: { readonly status: number; readonly headers: Readonly<Record<string, string>> },
  body: UpstreamErrorBody | undefined,
  options: { readonly defaultRetryAfter?: number } = {},
): GatewayError {
  const { status } = answer;
  const upstream: UpstreamFailure = {
    status,
    ...(body?.code === undefined ? {} : { code: body.code.slice(0, 100) }),
    ...(body?.message === undefined ? {} : { message: body.message.slice(0, 500) }),
  };
  const context = { source, upstream };
  if (status === 400) {
    const said = upstream.message === undefined ? '' : `: ${upstream.message.slice(0, 200)}`;
    return new GatewayError(
      'GW_ERR_UPSTREAM_REJECTED_QUERY',
      `${source} rejected the query${said}`,
      context,
    );
  }
  if (status === 429 || status === 503) {
    const retryAfter = parseRetryAfter(answer.headers['retry-after']) ?? options.defaultRetryAfter;
    return fromUpstreamStatus(status, {
      ...context,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  }
  if (status === 408 || status === 504) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_TIMEOUT',
      `${source} gave up on the request (HTTP ${status}).`,
      context,
    );
  }
  if (body !== undefined && status !== 401 && status !== 403) {
    const code = upstream.code === undefined ? '' : `${upstream.code}, `;
    return new GatewayError(
      'GW_ERR_UPSTREAM_FAULT',
      `${source} reported an error (${code}HTTP ${status}).`,
      context,
    );
  }
  return fromUpstreamStatus(status, context);
}

/** Parses a JSON body, or undefined when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
