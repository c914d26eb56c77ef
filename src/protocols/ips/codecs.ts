import { compileCodec, type Codec } from '../../codec';
import type { SchemaRegistry } from '../../schemas/registry';

/** The IPS job-log operations the gateway speaks, each with its Param and Return elements. */
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
} as const;

export type IpsOperationName = keyof typeof IPS_OPERATIONS;

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
  const each = (pick: 'paramDef' | 'returnDef'): Record<IpsOperationName, Codec> => ({
    getAssetJobLogs: codec(IPS_OPERATIONS.getAssetJobLogs[pick]),
    getJobLogs: codec(IPS_OPERATIONS.getJobLogs[pick]),
  });
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
