/* eslint-disable */
// Generated from schemas/job-log-histogram.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * How many job logs the listing's filters select, per time bucket, per source and per status, over [since, until). Buckets start on UTC hour or day boundaries; the first holds `since` and the last holds the millisecond before `until`, so the first and last may cover only part of the range they name.
 */
export interface JobLogHistogram {
  /**
   * The bucket length: `hour` or `day` (UTC).
   */
  bucket: "hour" | "day";
  /**
   * The range's inclusive start, as asked, in UTC.
   */
  since: string;
  /**
   * The range's exclusive end, as asked (default: the time of the request), in UTC.
   */
  until: string;
  /**
   * The start of every bucket of the range, oldest first, in UTC (at most 1000).
   *
   * @maxItems 1000
   */
  starts: string[];
  /**
   * One series per source and status with at least one record; `counts` are aligned with `starts`.
   */
  series: {
    /**
     * The configured source instance.
     */
    source: string;
    /**
     * Normalized status. Each source maps its own values with one table (see README).
     */
    status: "queued" | "running" | "succeeded" | "warning" | "failed" | "unknown";
    /**
     * @maxItems 1000
     */
    counts: number[];
  }[];
  /**
   * Records counted: the sum of every series' counts, plus `untimed`.
   */
  total: number;
  /**
   * Records counted that have no time, and so are in no bucket.
   */
  untimed: number;
  /**
   * False when the counts stop short: the gateway counts at most 100,000 records, or the sources still being read all failed on a later page (then that failure is in `errors`).
   */
  complete: boolean;
  /**
   * Sources that failed while others answered, as problem objects with the `source`, as in a listing; their records from the failure on are not counted.
   */
  errors: ProblemDetailsRFC9457AsJoblogGatewaySendsThem[];
  /**
   * Per source, how many upstream records failed validation and were not counted.
   */
  invalid: {
    source: string;
    count: number;
  }[];
}
/**
 * The body of every JSON error, and of each entry of a listing's `errors`. Members beyond RFC 9457's are the gateway's extensions.
 */
export interface ProblemDetailsRFC9457AsJoblogGatewaySendsThem {
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
