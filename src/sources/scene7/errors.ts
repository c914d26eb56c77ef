import type { XmlElement } from '../../codec/xml-tree';
import { fromUpstreamStatus } from '../../errors/from-upstream';
import { GatewayError, type UpstreamFailure } from '../../errors/gateway-error';
import type { Codec } from '../../codec';
import { IPS_COMMON_NS } from '../../protocols/ips/namespaces';
import { IPS_FAULT_CODE, isIpsFaultKind } from '../../protocols/ips/faults';
import type { Fault } from '../../schemas/types/scene7-ips';
import { readFault } from '../../soap/fault';
import type { SoapVersion } from '../../soap/version';

/** Whose credentials went upstream: decides whether an authenticationFault is the caller's fault. */
export type CredentialsOwner = 'caller' | 'gateway';

/** Maps an IPS fault (kind + code) to the catalogue, keeping the upstream's own words. */
export function fromIpsFault(
  sourceId: string,
  kind: string,
  fault: Fault,
  owner: CredentialsOwner,
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
  if (
    fault.code === IPS_FAULT_CODE.invalidParameter ||
    fault.code === IPS_FAULT_CODE.missingParameter
  ) {
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

/** An answer that is not what IPS sends: 502 with the reason. */
export function badResponse(
  sourceId: string,
  why: string,
  status: number,
  cause?: unknown,
): GatewayError {
  return new GatewayError(
    'GW_ERR_UPSTREAM_BAD_RESPONSE',
    `${sourceId} sent an invalid response: ${why}.`,
    { source: sourceId, upstream: { status }, cause },
  );
}

/** Reads IPS error answers: SOAP faults (with or without an IPS detail) and bare HTTP statuses. */
export interface Scene7ErrorReader {
  /** A SOAP Fault element of the given version -> GatewayError. */
  fromFault(
    fault: XmlElement,
    version: SoapVersion,
    owner: CredentialsOwner,
    status: number,
  ): GatewayError;
  /** A non-200 answer that is not a SOAP envelope. */
  fromStatus(status: number, retryAfter: number | undefined): GatewayError;
}

/** Creates the reader of IPS error answers; `faultCodec` decodes the IPS fault detail. */
export function createScene7ErrorReader(sourceId: string, faultCodec: Codec): Scene7ErrorReader {
  return {
    fromFault(body, version, owner, status) {
      const fault = readFault(body, version);
      const detail = fault.detail;
      if (detail !== undefined && detail.ns === IPS_COMMON_NS && isIpsFaultKind(detail.local)) {
        let decoded: Fault;
        try {
          decoded = faultCodec.decode(detail) as Fault;
        } catch (error) {
          return badResponse(
            sourceId,
            'an IPS fault detail that does not match its schema',
            status,
            error,
          );
        }
        return fromIpsFault(sourceId, detail.local, decoded, owner, status);
      }
      return new GatewayError(
        'GW_ERR_UPSTREAM_FAULT',
        `${sourceId} answered with a SOAP fault (${fault.code}).`,
        {
          source: sourceId,
          upstream: { status, code: fault.code, message: fault.reason.slice(0, 500) },
        },
      );
    },
    fromStatus: (status, retryAfter) =>
      fromUpstreamStatus(status, {
        source: sourceId,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      }),
  };
}
