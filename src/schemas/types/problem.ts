/* eslint-disable */
// Generated from schemas/problem.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * The body of every JSON error, and of each entry of a listing's `errors`. Members beyond RFC 9457's are the gateway's extensions.
 */
export interface Problem {
  /**
   * URI of the problem type: <gateway>/problems/<slug>.
   */
  type: string;
  title: string;
  status: number;
  detail: string;
  /**
   * Names this occurrence: urn:joblog-gateway:request:<requestId>.
   */
  instance?: string;
  /**
   * The stable GW_ERR_* code (see README's error table).
   */
  code: string;
  requestId?: string;
  /**
   * The configured source the problem concerns.
   */
  source?: string;
  /**
   * The request parameter at fault.
   */
  parameter?: string;
  /**
   * What the upstream said, as it said it.
   */
  upstream?: {
    status?: number;
    code?: string | number;
    message?: string;
  };
  /**
   * Schema violations (at most 20).
   *
   * @maxItems 20
   */
  errors?: {
    pointer: string;
    message: string;
  }[];
}
