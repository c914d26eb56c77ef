import { fromUpstreamStatus, parseRetryAfter } from '../../errors/from-upstream';
import { GatewayError, type UpstreamFailure } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { LosantError } from '../../schemas/types/losant-error';
import type { HttpExecutor, UpstreamResponse } from '../http';
import type { CallContext } from '../../contract';

/** The API version the reference notes describe; clients send it as a range (losant.md §1). */
export const ACCEPT_VERSION = '^1.30.0';

export interface LosantClientOptions {
  readonly sourceId: string;
  /** e.g. https://api.losant.com (no trailing slash needed). */
  readonly baseUrl: string;
  readonly applicationId: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxAttempts: number;
}

export interface LosantClient {
  /** GET /applications/{id}/jobLogs: the parsed JSON body of a 200; throws GatewayError. */
  list(params: URLSearchParams, context: CallContext): Promise<unknown>;
  /** GET /applications/{id}/jobLogs/{jobId}: the parsed body, or undefined on 404. */
  get(jobLogId: string, context: CallContext): Promise<unknown>;
}

/** Reads a Losant Error body ({type, message}, losant.md §4) if the answer carries one. */
function readLosantError(
  body: Buffer,
  validate: (value: unknown) => value is LosantError,
): LosantError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!validate(parsed)) return undefined;
  // The published Error schema requires nothing; an object without either key is not one.
  return typeof parsed.type === 'string' || typeof parsed.message === 'string' ? parsed : undefined;
}

/**
 * Maps a non-200 Losant answer to the catalogue, keeping Losant's own words as `upstream`
 * ({status, code: type, message}). 400 is a refused query; 401/403 the gateway's token refused;
 * 429/503 throttling (with Retry-After); any other status with a Losant Error body is an
 * upstream fault, and without one a bad response.
 */
export function fromLosantAnswer(
  sourceId: string,
  response: Pick<UpstreamResponse, 'status' | 'headers' | 'body'>,
  validateError: (value: unknown) => value is LosantError,
): GatewayError {
  const { status } = response;
  const losant = readLosantError(response.body, validateError);
  const upstream: UpstreamFailure = {
    status,
    ...(losant?.type === undefined ? {} : { code: losant.type.slice(0, 100) }),
    ...(losant?.message === undefined ? {} : { message: losant.message.slice(0, 500) }),
  };
  const retryAfter = parseRetryAfter(response.headers['retry-after']);
  if (status === 400) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_REJECTED_QUERY',
      `${sourceId} rejected the query${losant?.message === undefined ? '' : `: ${losant.message.slice(0, 200)}`}`,
      { source: sourceId, upstream },
    );
  }
  if (losant !== undefined && ![401, 403, 429, 503].includes(status)) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_FAULT',
      `${sourceId} reported an error (HTTP ${status}${losant.type === undefined ? '' : ` ${losant.type.slice(0, 100)}`}).`,
      { source: sourceId, upstream },
    );
  }
  return fromUpstreamStatus(status, {
    source: sourceId,
    upstream,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

/**
 * Creates the Losant REST client: Bearer token, JSON, the API version range, every call a
 * retryable read through the shared executor (bounded retries honouring Retry-After).
 */
export function createLosantClient(
  options: LosantClientOptions,
  registry: SchemaRegistry,
  http: HttpExecutor,
): LosantClient {
  const validateError = registry.validator<LosantError>('losant-error');
  const base = `${options.baseUrl.replace(/\/+$/, '')}/applications/${encodeURIComponent(options.applicationId)}/jobLogs`;
  const headers = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/json',
    'accept-version': ACCEPT_VERSION,
    'user-agent': 'joblog-gateway',
  };

  async function getJson(url: string, context: CallContext, notFound: boolean): Promise<unknown> {
    const response = await http.send(
      {
        source: options.sourceId,
        method: 'GET',
        url,
        headers,
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        idempotent: true, // both endpoints only read (losant.md §2: GET actions only)
        maxAttempts: options.maxAttempts,
      },
      context,
    );
    if (notFound && response.status === 404) return undefined;
    if (response.status !== 200) throw fromLosantAnswer(options.sourceId, response, validateError);
    try {
      return JSON.parse(response.body.toString('utf8')) as unknown;
    } catch (error) {
      throw new GatewayError(
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        `${options.sourceId} sent an invalid response: the body is not JSON.`,
        { source: options.sourceId, upstream: { status: response.status }, cause: error },
      );
    }
  }

  return {
    list: (params, context) => getJson(`${base}?${params.toString()}`, context, false),
    get: (jobLogId, context) => getJson(`${base}/${encodeURIComponent(jobLogId)}`, context, true),
  };
}
