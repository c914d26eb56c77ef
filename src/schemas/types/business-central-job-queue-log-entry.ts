/* eslint-disable */
// Generated from schemas/business-central-job-queue-log-entry.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * Edm.DateTimeOffset in UTC, fractional seconds only when non-zero (2023-01-04T16:55:47.367Z). The blank AL DateTime is 0001-01-01T00:00:00Z.
 *
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "DateTime".
 */
export type DateTime = string;
/**
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "Int32".
 */
export type Int32 = number;
/**
 * AL option ,,,Report,,Codeunit: only Report and Codeunit are real members.
 *
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "ObjectType".
 */
export type ObjectType = "Report" | "Codeunit";
/**
 * AL option Success, "In Process", Error. API v2.0 (schema version 2.0) sends encoded member names (In_x0020_Process); the caption "In Process" is accepted too, in case a server sends captions (§3.1).
 *
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "Status".
 */
export type Status = "Success" | "In_x0020_Process" | "In Process" | "Error";
/**
 * URL of a stream property's value (absolute in BC answers).
 *
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "MediaLink".
 */
export type MediaLink = string;
/**
 * Edm.Guid: lower-case in BC answers; the blank GUID is 00000000-0000-0000-0000-000000000000.
 *
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "Guid".
 */
export type Guid = string;

/**
 * One entity of GET {base}/companies({id})/jobQueueLogEntries as Dynamics 365 Business Central answers it (OData v4 JSON, odata.metadata=minimal), restated from page 30090 "APIV2 - Job Queue Log Entries" and table 474 "Job Queue Log Entry" (see shared/reference/business-central.md §3, §5). The page is Extensible = false, so the entity is closed: the 17 properties plus the OData control annotations BC emits. String bounds are the AL field lengths.
 */
export interface BusinessCentralJobQueueLogEntry {
  /**
   * Present when the entity is the whole answer (GET jobQueueLogEntries({id})): ...$metadata#companies(<id>)/jobQueueLogEntries/$entity.
   */
  "@odata.context"?: string;
  /**
   * Weak ETag, e.g. W/"JzE5OzM4Njc0OTQ5MzcyMDA4NTI0NjYxOzAwOyc=" (§5).
   */
  "@odata.etag"?: string;
  /**
   * SystemId, the OData key.
   */
  id: string;
  /**
   * The Job Queue Entry's ID field (not its SystemId).
   */
  jobQueueEntryId: string;
  /**
   * A user name (User ID, Text[65]), not a GUID.
   */
  userId: string;
  startDateTime: DateTime;
  /**
   * Edm.DateTimeOffset in UTC, fractional seconds only when non-zero (2023-01-04T16:55:47.367Z). The blank AL DateTime is 0001-01-01T00:00:00Z.
   */
  endDateTime: string;
  objectIdToRun: Int32;
  objectTypeToRun: ObjectType;
  status: Status;
  description: string;
  errorMessage: string;
  /**
   * Code[10]: upper case.
   */
  jobQueueCategoryCode: string;
  /**
   * Edm.Stream: normally not inlined (read it from errorCallStack@odata.mediaReadLink). Accepted as text in case a server inlines the stream value.
   */
  errorCallStack?: string;
  "errorCallStack@odata.mediaReadLink"?: MediaLink;
  "errorCallStack@odata.mediaEditLink"?: MediaLink;
  "errorCallStack@odata.mediaContentType"?: string;
  "errorCallStack@odata.mediaEtag"?: string;
  parameterString: string;
  systemTaskId: Guid;
  userSessionId: Int32;
  userServiceInstanceId: Int32;
  /**
   * Edm.DateTimeOffset in UTC, fractional seconds only when non-zero (2023-01-04T16:55:47.367Z). The blank AL DateTime is 0001-01-01T00:00:00Z.
   */
  lastModifiedDateTime: string;
}
/**
 * The OData collection envelope of a jobQueueLogEntries answer. Entities are only checked to be objects here; each is validated against the root schema on its own, so one bad record is reported without losing the page.
 *
 * This interface was referenced by `BusinessCentralJobQueueLogEntry`'s JSON-Schema
 * via the `definition` "JobQueueLogEntryCollection".
 */
export interface JobQueueLogEntryCollection {
  /**
   * e.g. https://api.businesscentral.dynamics.com/v2.0/<tenant>/production/api/v2.0/$metadata#companies(<id>)/jobQueueLogEntries
   */
  "@odata.context"?: string;
  /**
   * Present only with $count=true.
   */
  "@odata.count"?: number;
  /**
   * At most 20,000 entities per page online (§5).
   *
   * @maxItems 20000
   */
  value: {}[];
  /**
   * The next page (with an opaque $skiptoken); absent on the last page. Followed verbatim.
   */
  "@odata.nextLink"?: string;
}
