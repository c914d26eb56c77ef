import { compileCodec, type Codec } from '../../codec';
import type { XmlElement } from '../../codec/xml-tree';
import { fromUpstreamStatus, parseRetryAfter } from '../../errors/from-upstream';
import { GatewayError, type UpstreamFailure } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { Fault } from '../../schemas/types/scene7-ips';
import {
  buildEnvelope,
  parseResponseEnvelope,
  soapContentType,
  type SoapVersion,
} from '../../soap/envelope';
import { readFault } from '../../soap/fault';
import type { HttpExecutor } from '../http';
import type { CallContext } from '../../contract';
import type { Scene7Call } from './query';

/** The unversioned IPS namespace of authHeader and the three fault details (scene7-ips.md §1.4, §4). */
export const IPS_COMMON_NS = 'http://www.scene7.com/IpsApi/xsd';

/** The dated schema namespace of an IPS API version. */
export function ipsNamespace(apiVersion: string): string {
  return `${IPS_COMMON_NS}/${apiVersion}`;
}

export interface Scene7ClientOptions {
  readonly sourceId: string;
  readonly url: string;
  readonly apiVersion: string;
  readonly soapVersion: SoapVersion;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly appName: string;
  readonly appVersion: string;
  readonly maxAttempts: number;
}

export interface Scene7Credentials {
  readonly user: string;
  readonly password: string;
  /** Whose credentials these are: decides whether an authenticationFault is the caller's fault. */
  readonly owner: 'caller' | 'gateway';
}

export interface Scene7Client {
  /** Sends one IPS call; resolves with the Return element, throws GatewayError on any failure. */
  call(call: Scene7Call, credentials: Scene7Credentials, context: CallContext): Promise<XmlElement>;
}

const FAULT_KINDS = new Set(['ipsApiFault', 'authenticationFault', 'authorizationFault']);

/** Maps an IPS fault (kind + code) to the catalogue, keeping the upstream's own words. */
export function fromIpsFault(
  sourceId: string,
  kind: string,
  fault: Fault,
  owner: Scene7Credentials['owner'],
  status: number,
): GatewayError {
  const upstream: UpstreamFailure = {
    status,
    kind,
    code: fault.code,
    message: fault.reason.slice(0, 500),
  };
  const options = { source: sourceId, upstream };
  if (kind === 'authenticationFault') {
    return owner === 'caller'
      ? new GatewayError(
          'GW_ERR_BAD_CREDENTIALS',
          `${sourceId} did not accept the credentials: ${fault.reason}`,
          options,
        )
      : new GatewayError(
          'GW_ERR_UPSTREAM_REJECTED_CREDS',
          `${sourceId} refused the gateway's credentials.`,
          options,
        );
  }
  if (kind === 'authorizationFault') {
    return new GatewayError(
      'GW_ERR_FORBIDDEN',
      `${sourceId} refused access: ${fault.reason}`,
      options,
    );
  }
  // 30001 invalid and 30002 missing parameter are about what was asked; 30000/30003 are not.
  if (fault.code === 30001 || fault.code === 30002) {
    return new GatewayError(
      'GW_ERR_UPSTREAM_REJECTED_QUERY',
      `${sourceId} rejected the query: ${fault.reason}`,
      options,
    );
  }
  return new GatewayError(
    'GW_ERR_UPSTREAM_FAULT',
    `${sourceId} reported an error (IPS fault ${fault.code}).`,
    options,
  );
}

function badResponse(sourceId: string, why: string, status: number, cause?: unknown): GatewayError {
  return new GatewayError(
    'GW_ERR_UPSTREAM_BAD_RESPONSE',
    `${sourceId} sent an invalid response: ${why}.`,
    {
      source: sourceId,
      upstream: { status },
      cause,
    },
  );
}

/**
 * Creates the IPS wire client: builds envelopes with the schema-driven codec (Param element in
 * the configured dated namespace, unversioned authHeader), posts them through the shared
 * executor, and turns SOAP faults into GatewayErrors.
 */
export function createScene7Client(
  options: Scene7ClientOptions,
  registry: SchemaRegistry,
  http: HttpExecutor,
): Scene7Client {
  const resolve = (uri: string): object | undefined => registry.resolveUri(uri);
  const encoders: Readonly<Record<Scene7Call['operation'], Codec>> = {
    getAssetJobLogs: compileCodec(registry.ref('scene7-ips#/$defs/GetAssetJobLogsParam'), {
      resolve,
    }),
    getJobLogs: compileCodec(registry.ref('scene7-ips#/$defs/GetJobLogsParam'), { resolve }),
  };
  const authHeaderCodec = compileCodec(registry.ref('scene7-ips#/$defs/AuthHeader'), {
    resolve,
  });
  const faultCodec = compileCodec(registry.ref('scene7-ips#/$defs/Fault'), { resolve });
  const namespace = ipsNamespace(options.apiVersion);
  const returnElement: Readonly<Record<Scene7Call['operation'], string>> = {
    getAssetJobLogs: 'getAssetJobLogsReturn',
    getJobLogs: 'getJobLogsReturn',
  };

  function toFaultError(
    body: XmlElement,
    version: SoapVersion,
    owner: Scene7Credentials['owner'],
    status: number,
  ): GatewayError {
    const fault = readFault(body, version);
    const detail = fault.detail;
    if (detail !== undefined && detail.ns === IPS_COMMON_NS && FAULT_KINDS.has(detail.local)) {
      try {
        return fromIpsFault(
          options.sourceId,
          detail.local,
          faultCodec.decode(detail) as Fault,
          owner,
          status,
        );
      } catch (error) {
        throw badResponse(
          options.sourceId,
          'an IPS fault detail that does not match its schema',
          status,
          error,
        );
      }
    }
    return new GatewayError(
      'GW_ERR_UPSTREAM_FAULT',
      `${options.sourceId} answered with a SOAP fault (${fault.code}).`,
      {
        source: options.sourceId,
        upstream: { status, code: fault.code, message: fault.reason.slice(0, 500) },
      },
    );
  }

  return {
    async call(call, credentials, context) {
      const authHeader = authHeaderCodec.encode({
        user: credentials.user,
        password: credentials.password,
        ...(context.locale === undefined ? {} : { locale: context.locale }),
        appName: options.appName,
        appVersion: options.appVersion,
      });
      const envelope = buildEnvelope(
        options.soapVersion,
        encoders[call.operation].encode(call.param, { namespace }),
        authHeader,
      );
      const contentType = soapContentType(options.soapVersion);
      const response = await http.send(
        {
          source: options.sourceId,
          method: 'POST',
          url: options.url,
          headers: {
            'content-type':
              options.soapVersion === '1.1'
                ? contentType
                : `${contentType}; action="${call.operation}"`,
            ...(options.soapVersion === '1.1' ? { soapaction: call.operation } : {}),
            'user-agent': `${options.appName}/${options.appVersion}`,
          },
          body: envelope,
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          idempotent: true, // both operations only read
          maxAttempts: options.maxAttempts,
        },
        context,
      );
      const text = response.body.toString('utf8');
      const retryAfter = parseRetryAfter(response.headers['retry-after']);
      const statusError = (): GatewayError =>
        fromUpstreamStatus(response.status, {
          source: options.sourceId,
          ...(retryAfter === undefined ? {} : { retryAfter }),
        });
      let parsed: ReturnType<typeof parseResponseEnvelope>;
      try {
        parsed = parseResponseEnvelope(text, { maxBytes: options.maxResponseBytes, maxDepth: 64 });
      } catch (error) {
        if (response.status !== 200) throw statusError();
        throw badResponse(
          options.sourceId,
          'the body is not a SOAP envelope',
          response.status,
          error,
        );
      }
      if (parsed.isFault)
        throw toFaultError(parsed.body, parsed.version, credentials.owner, response.status);
      if (response.status !== 200) throw statusError();
      if (parsed.body.local !== returnElement[call.operation] || parsed.body.ns !== namespace) {
        throw badResponse(
          options.sourceId,
          `expected ${returnElement[call.operation]} in ${namespace}`,
          response.status,
        );
      }
      return parsed.body;
    },
  };
}
