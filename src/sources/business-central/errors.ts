import { fromUpstreamStatus, parseRetryAfter } from '../../errors/from-upstream';
import { GatewayError, type UpstreamFailure } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { BusinessCentralError } from '../../schemas/types/business-central-error';
import type { UpstreamResponse } from '../http';

/**
 * Seconds a throttled caller is told to wait when BC's 429 carries no Retry-After: BC documents
 * none (§8) and counts requests over a 5-minute sliding window, so a short hint would only
 * bring the caller back into the same window [I].
 */
export const DEFAULT_THROTTLE_RETRY_AFTER = 30;

/** Turns a non-2xx API answer into a GatewayError, keeping BC's own code and message. */
export type BusinessCentralErrorMapper = (response: UpstreamResponse) => GatewayError;

/**
 * Creates the mapper of BC error answers (`{"error":{"code","message"}}`, validated against
 * schemas/business-central-error.schema.json): 400 -> GW_ERR_UPSTREAM_REJECTED_QUERY, 401/403 ->
 * GW_ERR_UPSTREAM_REJECTED_CREDS, 429/503 -> GW_ERR_UPSTREAM_THROTTLED with Retry-After,
 * 408/504 -> GW_ERR_UPSTREAM_TIMEOUT, any other BC error -> GW_ERR_UPSTREAM_FAULT, and a
 * status without a BC error body -> the generic status mapping.
 */
export function createErrorMapper(
  sourceId: string,
  registry: SchemaRegistry,
): BusinessCentralErrorMapper {
  const validate = registry.validator<BusinessCentralError>('business-central-error');

  function bcError(body: Buffer): BusinessCentralError['error'] | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
    return validate(parsed) ? parsed.error : undefined;
  }

  return (response) => {
    const { status } = response;
    const error = bcError(response.body);
    const upstream: UpstreamFailure = {
      status,
      ...(error === undefined ? {} : { code: error.code, message: error.message.slice(0, 500) }),
    };
    const options = { source: sourceId, upstream };
    if (status === 429 || status === 503) {
      const retryAfter =
        parseRetryAfter(response.headers['retry-after']) ?? DEFAULT_THROTTLE_RETRY_AFTER;
      return fromUpstreamStatus(status, { ...options, retryAfter });
    }
    if (status === 401 || status === 403) return fromUpstreamStatus(status, options);
    if (status === 408 || status === 504) {
      return new GatewayError(
        'GW_ERR_UPSTREAM_TIMEOUT',
        `${sourceId} gave up on the request (HTTP ${status}).`,
        options,
      );
    }
    if (error === undefined) return fromUpstreamStatus(status, options);
    if (status === 400) {
      return new GatewayError(
        'GW_ERR_UPSTREAM_REJECTED_QUERY',
        `${sourceId} rejected the query: ${upstream.message}`,
        options,
      );
    }
    return new GatewayError(
      'GW_ERR_UPSTREAM_FAULT',
      `${sourceId} reported an error (${error.code}, HTTP ${status}).`,
      options,
    );
  };
}
