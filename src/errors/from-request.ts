import { GatewayError, toGatewayError } from './gateway-error';

/** Maps body-parser's own errors (too large, bad charset, aborted) to the catalogue. */
function fromBodyParser(error: unknown): GatewayError | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    return new GatewayError('GW_ERR_PAYLOAD_TOO_LARGE', 'The request body is over the size limit.');
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new GatewayError(
      'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
      'The request body uses an unsupported charset or encoding.',
    );
  }
  if (type === 'request.aborted' || type === 'request.size.invalid') {
    return new GatewayError(
      'GW_ERR_BAD_REQUEST',
      'The request body was cut short or its length was wrong.',
    );
  }
  return undefined;
}

/**
 * Normalizes anything a route threw into a GatewayError: request-reading failures get their
 * catalogue code, anything unknown becomes GW_ERR_INTERNAL (the cause is kept for the log).
 */
export function asGatewayError(error: unknown): GatewayError {
  return fromBodyParser(error) ?? toGatewayError(error);
}
