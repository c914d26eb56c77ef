/* eslint-disable */
// Generated from schemas/job-log-list-params.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * An RFC 3339 date-time with a mandatory offset (`Z` or `+01:00`).
 *
 * This interface was referenced by `JobLogListParams`'s JSON-Schema
 * via the `definition` "offsetDateTime".
 */
export type OffsetDateTime = string;

/**
 * The filters of a job-log listing, as they stand after the URL is read: list parameters are arrays (a URL gives them comma-separated, or repeats the parameter), the others plain values. An unknown parameter is refused, since a typo would otherwise silently widen the result.
 */
export interface JobLogListParams {
  /**
   * Source ids to read (default: every configured source). Comma-separated (`scene7-eu,losant`); the parameter may also repeat.
   *
   * @minItems 1
   *
   * Items: The configured source instance.
   */
  source?: string[];
  /**
   * Unified statuses to keep (default: all). Comma-separated (`failed,warning`); the parameter may also repeat.
   *
   * @minItems 1
   *
   * Items: Normalized status. Each source maps its own values with one table (see README).
   */
  status?: ("queued" | "running" | "succeeded" | "warning" | "failed" | "unknown")[];
  /**
   * Inclusive lower bound on `time`.
   */
  since?: string;
  /**
   * Exclusive upper bound on `time`; later than `since`.
   */
  until?: string;
  /**
   * Scene7 only: the logs of this asset (getAssetJobLogs) instead of job logs.
   */
  assetHandle?: string;
  /**
   * Free-text search: keeps the records whose job name (`job.name`) or message (`message`) contains this text, ignoring case (both sides are lower-cased with Unicode default case mapping; a record without a name or message does not match on it). Plain text, no wildcards or operators.
   */
  q?: string;
  /**
   * Most records in one page.
   */
  limit?: number;
  /**
   * The `next` of the previous page, with the same other parameters.
   */
  cursor?: string;
}
