/** IPS namespaces and API versions (scene7-ips.md §1.2, §1.4, §2.3). */

/** The unversioned namespace of the common `authHeader` and the three fault details. */
export const IPS_COMMON_NAMESPACE = 'http://www.scene7.com/IpsApi/xsd';

/** The WSDL definitions namespace; legacy `AuthUser`/`AuthPassword` headers live here (§1.4 c). */
export const IPS_DEFINITIONS_NAMESPACE = 'http://www.scene7.com/IpsApi';

/** The API version whose namespace the project WSDL is written in. */
export const DEFAULT_API_VERSION = '2014-04-03';

/** The oldest dated namespace that has `getAssetJobLogs` (4.0, §1.2 [I]). */
const FIRST_API_VERSION = '2008-01-15';

/** `auxArray` came with API 4.5 (`JobLogDetailAux`, r-4-5-types.md), so older answers omit it (§2.3 [I]). */
const FIRST_AUX_ARRAY_VERSION = '2010-01-31';

const VERSION_PATTERN = /^(\d{4}-\d{2}-\d{2})(-beta)?$/;
const DATED_PREFIX = `${IPS_COMMON_NAMESPACE}/`;

/** Returns the schema namespace of an API version, e.g. `.../xsd/2014-04-03`. */
export function namespaceOfVersion(apiVersion: string): string {
  return DATED_PREFIX + apiVersion;
}

/** True for a version string like `2014-04-03` or `2016-01-14-beta` from 2008-01-15 on. */
export function isSupportedApiVersion(apiVersion: string): boolean {
  const match = VERSION_PATTERN.exec(apiVersion);
  return match?.[1] !== undefined && match[1] >= FIRST_API_VERSION;
}

/** Returns the API version of a dated IPS namespace the emulator answers in, or null. */
export function apiVersionOfNamespace(namespace: string): string | null {
  if (!namespace.startsWith(DATED_PREFIX)) return null;
  const version = namespace.slice(DATED_PREFIX.length);
  return isSupportedApiVersion(version) ? version : null;
}

/** True when `namespace` is any dated IPS schema namespace (`.../xsd/<something>`). */
export function isDatedIpsNamespace(namespace: string): boolean {
  return namespace.startsWith(DATED_PREFIX) && namespace.length > DATED_PREFIX.length;
}

/** True when answers in this API version may carry `AssetJobLog/auxArray`. */
export function supportsAuxArray(apiVersion: string): boolean {
  return apiVersion.slice(0, 10) >= FIRST_AUX_ARRAY_VERSION;
}
