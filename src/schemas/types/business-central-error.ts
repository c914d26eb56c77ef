/* eslint-disable */
// Generated from schemas/business-central-error.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * The OData JSON error Business Central answers with on 4xx/5xx: {"error":{"code","message"}}, the message ending with "  CorrelationId:  <guid>." (shared/reference/business-central.md §6). OData 4.01 §21.1 also allows target, details, innererror and instance annotations, so those are accepted; nothing else is.
 */
export interface BusinessCentralError {
  error: {
    /**
     * e.g. BadRequest_NotFound, Authentication_InvalidCredentials, Internal_RecordNotFound.
     */
    code: string;
    message: string;
    target?: string;
    /**
     * @maxItems 100
     */
    details?: {
      code: string;
      message: string;
      target?: string;
    }[];
    /**
     * Service-defined debugging detail; never shown to callers.
     */
    innererror?: {};
    /**
     * Instance annotations (@Namespace.term).
     *
     * This interface was referenced by `undefined`'s JSON-Schema definition
     * via the `patternProperty` "^@".
     */
    [k: string]:
      | {
          [k: string]: unknown | undefined;
        }
      | string
      | {
          code: string;
          message: string;
          target?: string;
        }[]
      | {}
      | undefined;
  };
}
