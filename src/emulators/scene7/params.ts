import type {
  GetAssetArchivedJobLogsParam,
  GetAssetJobLogsParam,
  GetJobLogDetailsParam,
  GetJobLogsParam,
} from '../../schemas/types/scene7-ips';
import { parseDateTime } from './date-time';
import { ipsApiFault, type IpsFault } from './faults';
import type { XmlElement } from './xml';

/** The operations the emulator serves. */
export type IpsOperation =
  'getAssetJobLogs' | 'getJobLogs' | 'getJobLogDetails' | 'getAssetArchivedJobLogs';

// Every field of each generated `...Param` type, in schema order: a field added to or dropped
// from the schema fails to compile here instead of being rejected on the wire.
const GET_ASSET_JOB_LOGS_FIELDS: Record<keyof GetAssetJobLogsParam, null> = {
  companyHandle: null,
  assetHandle: null,
};
const GET_JOB_LOGS_FIELDS: Record<keyof GetJobLogsParam, null> = {
  companyHandle: null,
  userHandle: null,
  sortBy: null,
  sortDirection: null,
  startDate: null,
  endDate: null,
  numRows: null,
};

const GET_JOB_LOG_DETAILS_FIELDS: Record<keyof GetJobLogDetailsParam, null> = {
  companyHandle: null,
  jobHandle: null,
  originalName: null,
  logTypeArray: null,
  recordsPerPage: null,
  resultsPage: null,
  sortBy: null,
  sortDirection: null,
};
const GET_ASSET_ARCHIVED_JOB_LOGS_FIELDS: Record<keyof GetAssetArchivedJobLogsParam, null> = {
  companyHandle: null,
  assetHandle: null,
};

/** The `...Param` children of each operation, in schema order (§2.1, §3.3). */
export const OPERATION_FIELDS: Readonly<Record<IpsOperation, readonly string[]>> = {
  getAssetJobLogs: Object.keys(GET_ASSET_JOB_LOGS_FIELDS),
  getJobLogs: Object.keys(GET_JOB_LOGS_FIELDS),
  getJobLogDetails: Object.keys(GET_JOB_LOG_DETAILS_FIELDS),
  getAssetArchivedJobLogs: Object.keys(GET_ASSET_ARCHIVED_JOB_LOGS_FIELDS),
};

/** Parameters of type `types:StringArray`: their values are `items` children (§3.3). */
const STRING_ARRAY_FIELDS: ReadonlySet<string> = new Set(['logTypeArray']);

/** The parameter values of one request, by name: text, or the items of a StringArray. */
export type Params = ReadonlyMap<string, string | readonly string[]>;

/** Returns the operation a body element names (`getAssetJobLogsParam` -> `getAssetJobLogs`). */
export function operationOfElement(localName: string): IpsOperation | null {
  for (const operation of Object.keys(OPERATION_FIELDS) as IpsOperation[]) {
    if (localName === `${operation}Param`) return operation;
  }
  return null;
}

/**
 * Reads the parameters the way an Axis2 ADB bean would (§2.4): each child must be a known
 * field in the body element's own namespace (unqualified children are rejected), at most once,
 * with text content only (a StringArray: `items` children in that namespace, each text only).
 * Child order is not enforced [I]. Returns the problem text on failure.
 */
export function readParams(body: XmlElement, operation: IpsOperation): Params | string {
  const allowed = OPERATION_FIELDS[operation];
  const params = new Map<string, string | readonly string[]>();
  for (const child of body.children) {
    const name = `{${child.namespace}}${child.localName}`;
    if (child.namespace !== body.namespace || !allowed.includes(child.localName)) {
      return `Unexpected element ${name} in ${body.localName}`;
    }
    if (params.has(child.localName)) return `Element ${name} occurs more than once`;
    if (STRING_ARRAY_FIELDS.has(child.localName)) {
      const items = readStringArray(child, body.namespace);
      if (typeof items === 'string') return items;
      params.set(child.localName, items);
    } else {
      if (child.children.length > 0) return `Element ${name} must hold text only`;
      params.set(child.localName, child.text);
    }
  }
  return params;
}

/** A StringArray's `items`, each in the body's namespace with text only; else the problem. */
function readStringArray(element: XmlElement, namespace: string): readonly string[] | string {
  const items: string[] = [];
  for (const item of element.children) {
    if (item.namespace !== namespace || item.localName !== 'items' || item.children.length > 0) {
      return `Unexpected element {${item.namespace}}${item.localName} in ${element.localName}`;
    }
    items.push(item.text);
  }
  return items;
}

/** Returns a required parameter; absent or blank -> ipsApiFault 30002 MISSING_PARAMETER. */
export function requiredParam(params: Params, name: string): string {
  const value = params.get(name);
  if (typeof value !== 'string' || value.trim() === '') {
    throw ipsApiFault(30002, `Missing required parameter '${name}'`);
  }
  return value;
}

/** Returns an optional parameter; a blank one counts as absent [I]. */
export function optionalParam(params: Params, name: string): string | undefined {
  const value = params.get(name);
  return typeof value !== 'string' || value.trim() === '' ? undefined : value;
}

/** Returns an optional StringArray parameter's items, blank ones left out; absent -> undefined. */
export function optionalStringArray(params: Params, name: string): readonly string[] | undefined {
  const value = params.get(name);
  if (value === undefined || typeof value === 'string') return undefined;
  return value.map((item) => item.trim()).filter((item) => item !== '');
}

/** Reads an optional xsd:dateTime as epoch ms; invalid -> ipsApiFault 30001 INVALID_PARAMETER. */
export function optionalDateTime(params: Params, name: string): number | undefined {
  const value = optionalParam(params, name);
  if (value === undefined) return undefined;
  const ms = parseDateTime(value);
  if (ms === null) throw invalidParameter(name, value);
  return ms;
}

/** Reads an optional positive xsd:int; anything else -> ipsApiFault 30001 [I for <= 0]. */
export function optionalPositiveInt(params: Params, name: string): number | undefined {
  const value = optionalParam(params, name)?.trim();
  if (value === undefined) return undefined;
  const number = /^[+-]?\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > 2_147_483_647) {
    throw invalidParameter(name, value);
  }
  return number;
}

/** Builds the ipsApiFault 30001 for a parameter value. */
export function invalidParameter(name: string, value: string): IpsFault {
  return ipsApiFault(30001, `Invalid value for parameter '${name}': '${value}'`);
}
