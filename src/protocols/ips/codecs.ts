import { compileCodec, type Codec } from '../../codec';
import type { SchemaRegistry } from '../../schemas/registry';
import { ARCHIVED_JOB_LOGS_SINCE, isVersionFrom } from './namespaces';

/** One IPS operation: its Param and Return elements and their schema defs. */
export interface IpsOperationSpec {
  readonly param: string;
  readonly return: string;
  readonly paramDef: string;
  readonly returnDef: string;
  /** The oldest API version whose schema defines it, when later than the oldest one served. */
  readonly since?: string;
}

/**
 * The IPS job-log operations the gateway speaks. getArchivedJobLogDetails is not here: no schema
 * or reference the project has defines it (scene7-ips.md lists only getAssetArchivedJobLogs).
 */
export const IPS_OPERATIONS = {
  getAssetJobLogs: {
    param: 'getAssetJobLogsParam',
    return: 'getAssetJobLogsReturn',
    paramDef: 'GetAssetJobLogsParam',
    returnDef: 'GetAssetJobLogsReturn',
  },
  getJobLogs: {
    param: 'getJobLogsParam',
    return: 'getJobLogsReturn',
    paramDef: 'GetJobLogsParam',
    returnDef: 'GetJobLogsReturn',
  },
  getJobLogDetails: {
    param: 'getJobLogDetailsParam',
    return: 'getJobLogDetailsReturn',
    paramDef: 'GetJobLogDetailsParam',
    returnDef: 'GetJobLogDetailsReturn',
  },
  // In the 2021-01-11-beta XSD and the 2021/2022 Javadoc, undocumented (scene7-ips.md §3.3).
  getAssetArchivedJobLogs: {
    param: 'getAssetArchivedJobLogsParam',
    return: 'getAssetArchivedJobLogsReturn',
    paramDef: 'GetAssetArchivedJobLogsParam',
    returnDef: 'GetAssetArchivedJobLogsReturn',
    since: ARCHIVED_JOB_LOGS_SINCE,
  },
} as const satisfies Record<string, IpsOperationSpec>;

export type IpsOperationName = keyof typeof IPS_OPERATIONS;

/** Every IPS operation the gateway speaks, in IPS_OPERATIONS order. */
export const IPS_OPERATION_NAMES = Object.keys(IPS_OPERATIONS) as readonly IpsOperationName[];

/** Whether the schema of an API version defines an operation. */
export function isOperationInVersion(name: IpsOperationName, version: string): boolean {
  const spec: IpsOperationSpec = IPS_OPERATIONS[name];
  return spec.since === undefined || isVersionFrom(version, spec.since);
}

/** Codecs of every IPS element either side reads or writes, compiled from schemas/scene7-ips. */
export interface IpsCodecs {
  readonly params: Readonly<Record<IpsOperationName, Codec>>;
  readonly returns: Readonly<Record<IpsOperationName, Codec>>;
  /** authHeader in the unversioned namespace. */
  readonly authHeader: Codec;
  /** authHeader in a dated namespace (the namespace is given at decode time). */
  readonly versionedAuthHeader: Codec;
  /** The detail of the three fault kinds (code, reason). */
  readonly fault: Codec;
}

const compiled = new WeakMap<SchemaRegistry, IpsCodecs>();

/** The IPS codecs of a registry, compiled on first use and shared by the facade and the source. */
export function ipsCodecs(registry: SchemaRegistry): IpsCodecs {
  const known = compiled.get(registry);
  if (known !== undefined) return known;
  const resolve = (uri: string): object | undefined => registry.resolveUri(uri);
  const codec = (name: string): Codec =>
    compileCodec(registry.ref(`scene7-ips#/$defs/${name}`), { resolve });
  const each = (pick: 'paramDef' | 'returnDef'): Record<IpsOperationName, Codec> =>
    Object.fromEntries(
      IPS_OPERATION_NAMES.map((name) => [name, codec(IPS_OPERATIONS[name][pick])]),
    ) as Record<IpsOperationName, Codec>;
  const codecs: IpsCodecs = {
    params: each('paramDef'),
    returns: each('returnDef'),
    authHeader: codec('AuthHeader'),
    versionedAuthHeader: codec('VersionedAuthHeader'),
    fault: codec('Fault'),
  };
  compiled.set(registry, codecs);
  return codecs;
}
