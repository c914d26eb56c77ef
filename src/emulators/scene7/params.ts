import type { GetAssetJobLogsParam, GetJobLogsParam } from '../../schemas/types/scene7-ips';
import { parseDateTime } from './date-time';
import { ipsApiFault, type IpsFault } from './faults';
import type { XmlElement } from './xml';

/** The operations the emulator serves. */
export type IpsOperation = 'getAssetJobLogs' | 'getJobLogs';

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

/** The `...Param` children of each operation, in schema order (§2.1, §3.3). */
export const OPERATION_FIELDS: Readonly<Record<IpsOperation, readonly string[]>> = {
  getAssetJobLogs: Object.keys(GET_ASSET_JOB_LOGS_FIELDS),
  getJobLogs: Object.keys(GET_JOB_LOGS_FIELDS),
};

/** The parameter values of one request, by name. */
export type Params = ReadonlyMap<string, string>;

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
 * with text content only. Child order is not enforced [I]. Returns the problem text on failure.
 */
export function readParams(body: XmlElement, operation: IpsOperation): Params | string {
  const allowed = OPERATION_FIELDS[operation];
  const params = new Map<string, string>();
  for (const child of body.children) {
    const name = `{${child.namespace}}${child.localName}`;
    if (child.namespace !== body.namespace || !allowed.includes(child.localName)) {
      return `Unexpected element ${name} in ${body.localName}`;
    }
    if (params.has(child.localName)) return `Element ${name} occurs more than once`;
    if (child.children.length > 0) return `Element ${name} must hold text only`;
    params.set(child.localName, child.text);
  }
  return params;
}

/** Returns a required parameter; absent or blank -> ipsApiFault 30002 MISSING_PARAMETER. */
export function requiredParam(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value.trim() === '') {
    throw ipsApiFault(30002, `Missing required parameter '${name}'`);
  }
  return value;
}

/** Returns an optional parameter; a blank one counts as absent [I]. */
export function optionalParam(params: Params, name: string): string | undefined {
  const value = params.get(name);
  return value === undefined || value.trim() === '' ? undefined : value;
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
