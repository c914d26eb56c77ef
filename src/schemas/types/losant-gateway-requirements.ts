/* eslint-disable */
// Generated from schemas/losant-gateway-requirements.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * Checks applied on top of Losant's published schemas (losant-job-log, losant-job-logs), which require nothing. They are the gateway's own needs, kept apart so that the published files stay as published: a job log must carry an `id` (the unified id and GET /v1/job-logs/{id} are built on it), and a collection page must carry an `items` array.
 */
export interface LosantGatewayRequirements {
  [k: string]: unknown | undefined;
}
/**
 * An Application Job Log the gateway can address (validated after losant-job-log).
 *
 * This interface was referenced by `LosantGatewayRequirements`'s JSON-Schema
 * via the `definition` "JobLog".
 */
export interface JobLog {
  id: string;
}
/**
 * An Application Job Logs answer the gateway can read (its other keys are validated against losant-job-logs, its items one by one).
 *
 * This interface was referenced by `LosantGatewayRequirements`'s JSON-Schema
 * via the `definition` "JobLogsPage".
 */
export interface JobLogsPage {
  items: unknown[];
}
