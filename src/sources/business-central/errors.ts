import { fromErrorAnswer, parseJsonBody } from '../../errors/from-upstream';
import type { GatewayError } from '../../errors/gateway-error';
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
 * Creates the mapper of BC error answers: the body is read as BC's `{"error":{"code","message"}}`
 * (validated against schemas/business-central-error.schema.json), then the shared decision tree
 * (fromErrorAnswer) picks the catalogue code.
 */
export function createErrorMapper(
  sourceId: string,
  registry: SchemaRegistry,
): BusinessCentralErrorMapper {
  const validate = registry.validator<BusinessCentralError>('business-central-error');
  return (response) => {
    const parsed = parseJsonBody(response.body);
    const body = validate(parsed) ? parsed.error : undefined;
    return fromErrorAnswer(sourceId, response, body, {
      defaultRetryAfter: DEFAULT_THROTTLE_RETRY_AFTER,
    });
  };
}
