/* eslint-disable */
// Generated from schemas/unified-job-log.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * One job-log record as joblog-gateway serves it, whatever system it came from. Times are RFC 3339 in UTC. The native record is kept untouched in `raw`.
 */
export interface UnifiedJobLog {
  /**
   * Gateway-wide id: `<source id>.<opaque key>`; GET /v1/job-logs/{id} reads the record again.
   */
  id: string;
  source: {
    /**
     * The configured source instance.
     */
    id: string;
    type: "scene7" | "business-central" | "losant";
  };
  job: {
    /**
     * The upstream's job id or handle.
     */
    id: string | null;
    name: string | null;
  };
  /**
   * Normalized status. Each source maps its own values with one table (see README).
   */
  status: "queued" | "running" | "succeeded" | "warning" | "failed" | "unknown";
  /**
   * The upstream's own status or log type, verbatim.
   */
  nativeStatus: string | null;
  /**
   * The moment the record describes (when it was logged, else when the job started): the key for ordering and for since/until.
   */
  time: string | null;
  times: {
    queued: string | null;
    started: string | null;
    ended: string | null;
    logged: string | null;
  };
  message: string | null;
  /**
   * Who submitted or requested the job (email, user name or id), as the upstream names them.
   */
  user: string | null;
  /**
   * What the job worked on, when the upstream says.
   */
  target: null | {
    /**
     * asset, company, report, codeunit, ...
     */
    type: string;
    id: string | null;
    name?: string | null;
    /**
     * The company or application that holds the target.
     */
    container?: string | null;
  };
  /**
   * Detail lines (Scene7 auxArray / detailArray, error texts).
   *
   * @maxItems 100000
   */
  details: {
    message: string;
    type: string | null;
    time: string | null;
  }[];
  /**
   * The native record exactly as the upstream sent it (after XML -> JSON for SOAP sources).
   */
  raw: {};
}
