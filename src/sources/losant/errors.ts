import { fromErrorAnswer, parseJsonBody } from '../../errors/from-upstream';
import type { GatewayError } from '../../errors/gateway-error';
import type { LosantError } from '../../schemas/types/losant-error';
import type { UpstreamResponse } from '../http';

/** Reads a Losant Error body ({type, message}, losant.md §4) if the answer carries one. */
function readLosantError(
  body: Buffer,
  validate: (value: unknown) => value is LosantError,
): LosantError | undefined {
  const parsed = parseJsonBody(body);
  if (!validate(parsed)) return undefined;
  // The published Error schema requires nothing; an object without either key is not one.
  return typeof parsed.type === 'string' || typeof parsed.message === 'string' ? parsed : undefined;
}

/**
 * Maps a non-200 Losant answer to the catalogue: the body is read as Losant's Error (`type` is
 * its code), then the shared decision tree (fromErrorAnswer) picks the catalogue code.
 */
export function fromLosantAnswer(
  sourceId: string,
  response: Pick<UpstreamResponse, 'status' | 'headers' | 'body'>,
  validateError: (value: unknown) => value is LosantError,
): GatewayError {
  const losant = readLosantError(response.body, validateError);
  const body =
    losant === undefined
      ? undefined
      : {
          ...(losant.type === undefined ? {} : { code: losant.type }),
          ...(losant.message === undefined ? {} : { message: losant.message }),
        };
  return fromErrorAnswer(sourceId, response, body);
}
