/** The unversioned IPS namespace of authHeader and the three fault details (scene7-ips.md §1.4, §4). */
export const IPS_COMMON_NS = 'http://www.scene7.com/IpsApi/xsd';

/** Namespace of the pre-3.8 AuthUser/AuthPassword headers. */
export const IPS_LEGACY_NS = 'http://www.scene7.com/IpsApi';

/** The dated IPS version wsdl/IpsApi.wsdl is written in, and the default of `?wsdl`. */
export const WSDL_DEFAULT_VERSION = '2014-04-03';

/** Oldest IPS API with getAssetJobLogs (scene7-ips.md §1.2: 4.0, 2008-01-15). */
export const OLDEST_VERSION = '2008-01-15';

/** auxArray exists on AssetJobLog from API 4.5 (2010-01-31) on, scene7-ips.md §2.3. */
export const AUX_ARRAY_SINCE = '2010-01-31';

/** getAssetArchivedJobLogs is in the 2021-01-11-beta XSD and later schemas (scene7-ips.md §3.3). */
export const ARCHIVED_JOB_LOGS_SINCE = '2021-01-11-beta';

const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(-beta)?$/;
const DATED_NAMESPACE = /^http:\/\/www\.scene7\.com\/IpsApi\/xsd\/(\d{4}-\d{2}-\d{2}(?:-beta)?)$/;

/** The dated schema namespace of an IPS API version. */
export function ipsNamespace(apiVersion: string): string {
  return `${IPS_COMMON_NS}/${apiVersion}`;
}

/** Whether a dated IPS version is one the gateway speaks (2008-01-15 or later). */
export function isSupportedVersion(version: string): boolean {
  return VERSION_PATTERN.test(version) && version.slice(0, 10) >= OLDEST_VERSION;
}

/** The supported API version a dated IPS namespace names; undefined for any other namespace. */
export function versionOfNamespace(namespace: string): string | undefined {
  const version = DATED_NAMESPACE.exec(namespace)?.[1];
  return version !== undefined && isSupportedVersion(version) ? version : undefined;
}

/** Whether records of this API version carry auxArray (older answers must not). */
export function hasAuxArray(version: string): boolean {
  return version >= AUX_ARRAY_SINCE;
}

/** Whether an API version is `since` or later, by release date (a beta is its date's release). */
export function isVersionFrom(version: string, since: string): boolean {
  return version.slice(0, 10) >= since.slice(0, 10);
}
