import { fromUpstreamStatus, parseJsonBody, parseRetryAfter } from '../errors/from-upstream';
import { GatewayError } from '../errors/gateway-error';
import type { HttpExecutor } from './http';
import type { CallContext } from '../contract';

/** Where and how a source gets its bearer tokens. */
export interface TokenProviderOptions {
  readonly sourceId: string;
  /** OAuth2 token endpoint, e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token. */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  /** Clock in epoch ms; tests pass their own. */
  readonly now?: () => number;
}

/** Bearer tokens for one source: cached, refreshed before they expire. */
export interface TokenProvider {
  /** A token valid for a while yet: the cached one, or a new one (one request for all callers). */
  token(context: CallContext): Promise<string>;
  /** Forgets `token` after the API refused it, so the next `token()` asks for a new one. */
  invalidate(token: string): void;
}

interface CachedToken {
  readonly token: string;
  /** Epoch ms after which the token is not used any more. */
  readonly refreshAt: number;
}

/** Refresh this long before expiry at most; short-lived tokens refresh at 90% of their life. */
const REFRESH_MARGIN_MS = 60_000;
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
const MAX_TOKEN_LENGTH = 16 * 1024;

/** The fields the gateway reads from a token answer; anything else in it is ignored. */
function readTokenAnswer(body: unknown): { token: string; lifetimeMs: number } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const answer = body as Record<string, unknown>;
  const token = Object.hasOwn(answer, 'access_token') ? answer.access_token : undefined;
  const type = Object.hasOwn(answer, 'token_type') ? answer.token_type : undefined;
  // Entra's v2.0 endpoint sends a number; the v1 endpoint sent a numeric string.
  const expiresIn = Object.hasOwn(answer, 'expires_in') ? Number(answer.expires_in) : Number.NaN;
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH)
    return undefined;
  if (!/^[\x21-\x7e]+$/.test(token)) return undefined; // goes into a header verbatim
  if (typeof type !== 'string' || type.toLowerCase() !== 'bearer') return undefined;
  if (!Number.isFinite(expiresIn) || expiresIn <= 0) return undefined;
  return { token, lifetimeMs: expiresIn * 1000 };
}

/** Entra's error answer: `error` (e.g. invalid_client) and `error_description` (AADSTS...). */
function readOAuthError(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const answer = body as Record<string, unknown>;
  const code = Object.hasOwn(answer, 'error') ? answer.error : undefined;
  const message = Object.hasOwn(answer, 'error_description') ? answer.error_description : '';
  if (typeof code !== 'string') return undefined;
  return {
    code: code.slice(0, 100),
    message: typeof message === 'string' ? message.slice(0, 500) : '',
  };
}

/**
 * Creates the OAuth2 client credentials token provider of a source (RFC 6749 §4.4; Business
 * Central's Entra ID grant, business-central.md §7).
 * A refused grant (400/401: invalid_client, unauthorized_client, invalid_scope, ...) means the
 * gateway's own credentials are wrong: GW_ERR_UPSTREAM_REJECTED_CREDS, with Entra's code kept.
 */
export function createTokenProvider(
  options: TokenProviderOptions,
  http: HttpExecutor,
): TokenProvider {
  const now = options.now ?? Date.now;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  async function fetchToken(context: CallContext): Promise<CachedToken> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope,
    });
    const response = await http.send(
      {
        source: options.sourceId,
        method: 'POST',
        url: options.tokenUrl,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        timeoutMs: options.timeoutMs,
        maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
        idempotent: true, // a grant has no side effect but a new token
        maxAttempts: options.maxAttempts,
      },
      context,
    );
    const body = parseJsonBody(response.body);
    if (response.status === 200) {
      const answer = readTokenAnswer(body);
      if (answer === undefined) {
        throw new GatewayError(
          'GW_ERR_UPSTREAM_BAD_RESPONSE',
          `${options.sourceId}: the token endpoint sent an answer without a usable bearer token.`,
          { source: options.sourceId, upstream: { status: 200 } },
        );
      }
      const margin = Math.min(REFRESH_MARGIN_MS, answer.lifetimeMs / 10);
      return { token: answer.token, refreshAt: now() + answer.lifetimeMs - margin };
    }
    const upstream = { status: response.status, ...readOAuthError(body) };
    if (response.status === 400 || response.status === 401) {
      throw new GatewayError(
        'GW_ERR_UPSTREAM_REJECTED_CREDS',
        `${options.sourceId}: the token endpoint refused the gateway's client credentials${upstream.code === undefined ? '' : ` (${upstream.code})`}.`,
        { source: options.sourceId, upstream },
      );
    }
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
    throw fromUpstreamStatus(response.status, {
      source: options.sourceId,
      upstream,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  }

  return {
    async token(context) {
      if (cached !== undefined && now() < cached.refreshAt) return cached.token;
      pending ??= fetchToken(context).finally(() => {
        pending = undefined;
      });
      cached = await pending;
      return cached.token;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
