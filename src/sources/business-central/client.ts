import { GatewayError } from '../../errors/gateway-error';
import type { HttpExecutor, UpstreamResponse } from '../http';
import type { CallContext } from '../../contract';
import type { TokenProvider } from '../oauth2';
import type { BusinessCentralErrorMapper } from './errors';

/** The wire settings of one source. */
export interface BusinessCentralClientOptions {
  readonly sourceId: string;
  /** `<baseUrl>/v2.0/<tenant>/<environment>/api/v2.0`: every URL the client fetches is under it. */
  readonly apiBase: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxAttempts: number;
  /** Ask for gzip/deflate answers (source option `compression`). */
  readonly compression: boolean;
}

/** Per-request options of `getJson`. */
export interface GetOptions {
  /** Sent as `Prefer` (e.g. `odata.maxpagesize=1000`). */
  readonly prefer?: string;
  /** 404 resolves to undefined instead of throwing (reading one record that may be gone). */
  readonly notFoundIsUndefined?: boolean;
}

/** The Business Central wire: authenticated GETs through the shared executor. */
export interface BusinessCentralClient {
  /** GETs an OData JSON answer: the raw 2xx body, undefined for an allowed 404; throws GatewayError. */
  getJson(url: string, context: CallContext, options?: GetOptions): Promise<Buffer | undefined>;
  /** GETs a stream property's bytes as text; undefined when empty (204) or gone (404). */
  getStream(url: string, context: CallContext): Promise<string | undefined>;
  /**
   * Resolves an upstream-supplied URL (`@odata.nextLink`, a media read link) against the URL it
   * came with, and refuses it unless it stays on the API's origin: the bearer token goes with it.
   */
  resolveLink(link: string, base: string): string;
}

/**
 * Creates the client: every request carries a cached bearer token; a 401 drops that token and
 * is retried once with a fresh one (a token can expire or be revoked between the cache check
 * and the call). Reads are idempotent, so the executor retries resets and short Retry-Afters.
 */
export function createBusinessCentralClient(
  options: BusinessCentralClientOptions,
  http: HttpExecutor,
  tokens: TokenProvider,
  toError: BusinessCentralErrorMapper,
): BusinessCentralClient {
  const api = new URL(options.apiBase);

  async function send(
    url: string,
    accept: string,
    context: CallContext,
    prefer?: string,
  ): Promise<UpstreamResponse> {
    const once = async (token: string): Promise<UpstreamResponse> =>
      http.send(
        {
          source: options.sourceId,
          method: 'GET',
          url,
          headers: {
            authorization: `Bearer ${token}`,
            accept,
            ...(prefer === undefined ? {} : { prefer }),
            // BC localizes messages by Accept-Language (§5).
            ...(context.locale === undefined ? {} : { 'accept-language': context.locale }),
          },
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          idempotent: true,
          maxAttempts: options.maxAttempts,
          compression: options.compression,
        },
        context,
      );
    const token = await tokens.token(context);
    const response = await once(token);
    if (response.status !== 401) return response;
    tokens.invalidate(token);
    return once(await tokens.token(context));
  }

  return {
    async getJson(url, context, getOptions = {}) {
      const response = await send(url, 'application/json', context, getOptions.prefer);
      if (response.status === 404 && getOptions.notFoundIsUndefined === true) return undefined;
      if (response.status < 200 || response.status > 299) throw toError(response);
      return response.body;
    },

    async getStream(url, context) {
      const response = await send(url, 'application/octet-stream, text/plain, */*', context);
      if (response.status === 204 || response.status === 404) return undefined;
      if (response.status !== 200) throw toError(response);
      // BC writes the call stack BLOB as text (Windows encoding, §3.3); ASCII in practice.
      return response.body.toString('utf8');
    },

    resolveLink(link, base) {
      let resolved: URL;
      try {
        resolved = new URL(link, base);
      } catch {
        resolved = new URL('invalid:');
      }
      // Same origin is what keeps the token safe; the tenant segment may be echoed in another
      // form (domain vs GUID) [I], so the path is only checked to be an API v2.0 path.
      if (resolved.origin !== api.origin || !resolved.pathname.includes('/api/v2.0/')) {
        throw new GatewayError(
          'GW_ERR_UPSTREAM_BAD_RESPONSE',
          `${options.sourceId} sent a link outside its API base; it is not followed.`,
          { source: options.sourceId },
        );
      }
      return resolved.href;
    },
  };
}
