import { randomUUID } from 'node:crypto';

/**
 * An error the emulator answers with: HTTP status plus BC's own error code and message. The
 * body is `{"error":{"code","message"}}`, the message ending in `  CorrelationId:  <guid>.`
 * as BC's do (business-central.md §6).
 */
export class ODataError extends Error {
  override readonly name = 'ODataError';
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Renders a BC error body; the correlation id is random (it is not data). */
export function errorBody(code: string, message: string): string {
  return JSON.stringify({
    error: { code, message: `${message}  CorrelationId:  ${randomUUID()}.` },
  });
}

/** A 400 for a query option or key BC's OData stack would refuse (code `BadRequest`) [I]. */
export function badRequest(message: string): ODataError {
  return new ODataError(400, 'BadRequest', message);
}

/** ODataLib's wording for a property an entity type does not have. */
export function noSuchProperty(name: string, typeName: string): ODataError {
  return badRequest(
    `Could not find a property named '${name.slice(0, 100)}' on type '${typeName}'.`,
  );
}

/** Default error of an injected http-error fault without a body, by status (§6) [I]. */
export function defaultErrorFor(status: number): { code: string; message: string } {
  switch (status) {
    case 400:
      return { code: 'BadRequest', message: 'Bad Request.' };
    case 401:
      return {
        code: 'Authentication_InvalidCredentials',
        message: 'The server has rejected the client credentials.',
      };
    case 403:
      return {
        code: 'Authorization_InsufficientPermissions',
        message: 'You do not have the following permissions on TableData Job Queue Log Entry: Read',
      };
    case 404:
      return { code: 'BadRequest_ResourceNotFound', message: 'Resource not found.' };
    case 429:
      return { code: 'TooManyRequests', message: 'Too many requests.' };
    case 503:
      return { code: 'Internal_TenantUnavailable', message: 'The tenant is not available.' };
    default:
      return { code: status >= 500 ? 'Internal_ServerError' : 'Unknown', message: 'Failure.' };
  }
}
