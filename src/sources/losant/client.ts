import { GatewayError } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { LosantError } from '../../schemas/types/losant-error';
import type { HttpExecutor } from '../http';
import type { CallContext } from '../../contract';
import { fromLosantAnswer } from './errors';

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
  /** Ask for gzip/deflate answers (source option `compression`). */
  readonly compression: boolean;
}

export interface LosantClient {
  /** GET /applications/{id}/jobLogs: the parsed JSON body of a 200; throws GatewayError. */
  list(params: URLSearchParams, context: CallContext): Promise<unknown>;
  /** GET /applications/{id}/jobLogs/{jobId}: the parsed body, or undefined on 404. */
  get(jobLogId: string, context: CallContext): Promise<unknown>;
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
        compression: options.compression,
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
