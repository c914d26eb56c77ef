import type { XmlElement } from '../../codec/xml-tree';
import type { CallContext } from '../../contract';
import { parseRetryAfter } from '../../errors/from-upstream';
import type { GatewayError } from '../../errors/gateway-error';
import {
  IPS_OPERATIONS,
  isOperationInVersion,
  type IpsCodecs,
  type IpsOperationName,
  type IpsOperationSpec,
} from '../../protocols/ips/codecs';
import { ipsNamespace } from '../../protocols/ips/namespaces';
import { buildEnvelope, parseResponseEnvelope } from '../../soap/envelope';
import { soapContentType, type SoapVersion } from '../../soap/version';
import type { HttpExecutor } from '../http';
import { badResponse, createScene7ErrorReader, type CredentialsOwner } from './errors';
import type { Scene7Call } from './query';

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
  /** Ask IPS for gzip (source option `compression`). */
  readonly compression: boolean;
}

export interface Scene7Credentials {
  readonly user: string;
  readonly password: string;
  readonly owner: CredentialsOwner;
}

export interface Scene7Client {
  /** Sends one IPS call; resolves with the Return element, throws GatewayError on any failure. */
  call(call: Scene7Call, credentials: Scene7Credentials, context: CallContext): Promise<XmlElement>;
  /** GETs the service's WSDL: the cheap reachability check. Resolves with the HTTP status. */
  wsdlStatus(context: CallContext): Promise<number>;
}

/**
 * The dated namespace an operation is called in: the configured version's, or, for an operation
 * that version's schema lacks (getAssetArchivedJobLogs before 2021-01-11-beta), the namespace of
 * the first version that has it: IPS keeps serving every version's namespace (scene7-ips.md §1.2).
 */
export function namespaceOfCall(operation: IpsOperationName, apiVersion: string): string {
  const spec: IpsOperationSpec = IPS_OPERATIONS[operation];
  const version =
    spec.since === undefined || isOperationInVersion(operation, apiVersion)
      ? apiVersion
      : spec.since;
  return ipsNamespace(version);
}

/**
 * Creates the IPS wire client: builds envelopes with the shared IPS codecs (Param element in the
 * configured dated namespace, see namespaceOfCall; unversioned authHeader), posts them through
 * the shared executor, and turns SOAP faults into GatewayErrors.
 */
export function createScene7Client(
  options: Scene7ClientOptions,
  codecs: IpsCodecs,
  http: HttpExecutor,
): Scene7Client {
  const errors = createScene7ErrorReader(options.sourceId, codecs.fault);
  const contentType = soapContentType(options.soapVersion);
  const headersOf = (operation: string): Record<string, string> => ({
    'content-type':
      options.soapVersion === '1.1' ? contentType : `${contentType}; action="${operation}"`,
    ...(options.soapVersion === '1.1' ? { soapaction: operation } : {}),
    'user-agent': `${options.appName}/${options.appVersion}`,
  });

  return {
    async call(call, credentials, context) {
      const authHeader = codecs.authHeader.encode({
        user: credentials.user,
        password: credentials.password,
        ...(context.locale === undefined ? {} : { locale: context.locale }),
        appName: options.appName,
        appVersion: options.appVersion,
      });
      const namespace = namespaceOfCall(call.operation, options.apiVersion);
      const envelope = buildEnvelope(
        options.soapVersion,
        codecs.params[call.operation].encode(call.param, { namespace }),
        authHeader,
      );
      const response = await http.send(
        {
          source: options.sourceId,
          method: 'POST',
          url: options.url,
          headers: headersOf(call.operation),
          body: envelope,
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          idempotent: true, // the job-log operations only read
          maxAttempts: options.maxAttempts,
          compression: options.compression,
        },
        context,
      );
      const statusError = (): GatewayError =>
        errors.fromStatus(response.status, parseRetryAfter(response.headers['retry-after']));
      let parsed: ReturnType<typeof parseResponseEnvelope>;
      try {
        parsed = parseResponseEnvelope(response.body.toString('utf8'), {
          maxBytes: options.maxResponseBytes,
          maxDepth: 64,
        });
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
        throw errors.fromFault(parsed.body, parsed.version, credentials.owner, response.status);
      if (response.status !== 200) throw statusError();
      const expected = IPS_OPERATIONS[call.operation].return;
      if (parsed.body.local !== expected || parsed.body.ns !== namespace) {
        throw badResponse(
          options.sourceId,
          `expected ${expected} in ${namespace}`,
          response.status,
        );
      }
      return parsed.body;
    },

    async wsdlStatus(context) {
      const response = await http.send(
        {
          source: options.sourceId,
          method: 'GET',
          url: `${options.url}?wsdl`,
          headers: {},
          timeoutMs: Math.min(options.timeoutMs, 5_000),
          maxResponseBytes: 4 * 1024 * 1024,
          compression: options.compression,
        },
        context,
      );
      return response.status;
    },
  };
}
