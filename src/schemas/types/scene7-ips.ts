/* eslint-disable */
// Generated from schemas/scene7-ips.schema.json by scripts/generate-schema-types.js. Do not edit.

/**
 * Native Scene7 / Dynamic Media Classic IPS records and operation elements, restated from the public IPS API reference (see shared/reference/scene7-ips.md). Element order is property order. Elements without an xml.namespace are in the caller's dated IPS namespace (http://www.scene7.com/IpsApi/xsd/<version>), passed at call time.
 */
export interface Scene7Ips {
  [k: string]: unknown | undefined;
}
/**
 * The unversioned authHeader (IpsApiCommon.xsd, xsd:all: any order, every child optional).
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "AuthHeader".
 */
export interface AuthHeader {
  user?: string;
  password?: string;
  accessToken?: string;
  locale?: string;
  appName?: string;
  appVersion?: string;
  gzipResponse?: boolean;
  /**
   * xsd:int
   */
  faultHttpStatusCode?: number;
}
/**
 * The authHeader in the operation's own dated namespace (beta APIs). The XSD requires appName and appVersion; the gateway accepts it without them.
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "VersionedAuthHeader".
 */
export interface VersionedAuthHeader {
  user?: string;
  password?: string;
  accessToken?: string;
  samlResponse?: string;
  locale?: string;
  appName?: string;
  appVersion?: string;
  gzipResponse?: boolean;
  /**
   * xsd:int
   */
  faultHttpStatusCode?: number;
}
/**
 * Detail of ipsApiFault, authenticationFault and authorizationFault.
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "Fault".
 */
export interface Fault {
  /**
   * xsd:int
   */
  code: number;
  reason: string;
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "JobLogDetailAux".
 */
export interface JobLogDetailAux {
  logMessage: string;
  logType: string;
  /**
   * xsd:dateTime
   */
  dateCreated?: string;
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "AssetJobLog".
 */
export interface AssetJobLog {
  jobHandle: string;
  jobName: string;
  logMessage: string;
  logType: string;
  submitUserEmail: string;
  /**
   * xsd:dateTime
   */
  logDate: string;
  /**
   * JobLogDetailAuxArray; absent in namespaces before 2010-01-31.
   *
   * @maxItems 100000
   */
  auxArray?: JobLogDetailAux[];
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "JobLogDetail".
 */
export interface JobLogDetail {
  logMessage: string;
  logType: string;
  /**
   * xsd:dateTime
   */
  dateCreated: string;
  assetName?: string;
  assetType?: string;
  assetHandle?: string;
  /**
   * @maxItems 100000
   */
  auxArray?: JobLogDetailAux[];
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "JobLog".
 */
export interface JobLog {
  companyHandle: string;
  jobHandle: string;
  jobName: string;
  originalJobName: string;
  submitUserEmail: string;
  logType: string;
  jobSubType: string;
  /**
   * xsd:dateTime
   */
  startDate?: string;
  /**
   * xsd:dateTime
   */
  endDate?: string;
  description: string;
  /**
   * xsd:int
   */
  fileSuccessCount: number;
  /**
   * xsd:int
   */
  fileErrorCount: number;
  /**
   * xsd:int
   */
  fileWarningCount: number;
  /**
   * xsd:int
   */
  fileDuplicateCount: number;
  /**
   * xsd:int
   */
  fileUpdateCount: number;
  /**
   * xsd:int
   */
  totalFileCount: number;
  /**
   * xsd:int
   */
  transferSuccessCount: number;
  /**
   * xsd:int
   */
  transferErrorCount: number;
  /**
   * xsd:int
   */
  transferWarningCount: number;
  fatalError: boolean;
  /**
   * xsd:int
   */
  detailTotalRows?: number;
  /**
   * @maxItems 100000
   */
  detailArray?: JobLogDetail[];
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetAssetJobLogsParam".
 */
export interface GetAssetJobLogsParam {
  companyHandle: string;
  assetHandle: string;
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetAssetJobLogsReturn".
 */
export interface GetAssetJobLogsReturn {
  /**
   * @maxItems 100000
   */
  jobLogArray: AssetJobLog[];
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetJobLogsParam".
 */
export interface GetJobLogsParam {
  companyHandle?: string;
  userHandle?: string;
  sortBy?: string;
  sortDirection?: string;
  /**
   * xsd:dateTime
   */
  startDate?: string;
  /**
   * xsd:dateTime
   */
  endDate?: string;
  /**
   * xsd:int
   */
  numRows?: number;
}
/**
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetJobLogsReturn".
 */
export interface GetJobLogsReturn {
  /**
   * @maxItems 100000
   */
  jobLogArray: JobLog[];
}
/**
 * getJobLogDetails (scene7-ips.md §3.3): the details of a company job log, by jobHandle or originalName.
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetJobLogDetailsParam".
 */
export interface GetJobLogDetailsParam {
  companyHandle: string;
  jobHandle?: string;
  originalName?: string;
  /**
   * StringArray of Job Log Type constants; only those log types are returned (all when absent).
   *
   * @maxItems 1000
   */
  logTypeArray?: string[];
  /**
   * xsd:int; detailArray items per page (IPS: the maximum and default is 1000).
   */
  recordsPerPage?: number;
  /**
   * xsd:int; the page of recordsPerPage details to return (IPS default 1).
   */
  resultsPage?: number;
  /**
   * Job Detail Sort Field: Date or LogType (IPS default Date).
   */
  sortBy?: string;
  /**
   * Sort Direction (IPS default ascending).
   */
  sortDirection?: string;
}
/**
 * JobLogArray whose JobLog items carry detailTotalRows and the page of detailArray asked for.
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetJobLogDetailsReturn".
 */
export interface GetJobLogDetailsReturn {
  /**
   * @maxItems 100000
   */
  jobLogArray: JobLog[];
}
/**
 * getAssetArchivedJobLogs (scene7-ips.md §3.3): the same param shape as getAssetJobLogs; in the 2021-01-11-beta schema and later.
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetAssetArchivedJobLogsParam".
 */
export interface GetAssetArchivedJobLogsParam {
  companyHandle: string;
  assetHandle: string;
}
/**
 * AssetJobLogArray of the asset's archived job logs.
 *
 * This interface was referenced by `Scene7Ips`'s JSON-Schema
 * via the `definition` "GetAssetArchivedJobLogsReturn".
 */
export interface GetAssetArchivedJobLogsReturn {
  /**
   * @maxItems 100000
   */
  jobLogArray: AssetJobLog[];
}
