import type { Codec } from '../../codec';
import { replaceForbiddenXmlChars } from '../../codec/escape';
import type { ErrorCode } from '../../errors/codes';
import type { GatewayError } from '../../errors/gateway-error';
import {
  IPS_FAULT_CODE,
  IPS_FAULT_STRING,
  isIpsFaultKind,
  type IpsFaultKind,
} from '../../protocols/ips/faults';
import { toSoapFault, type RenderedFault } from '../../soap/fault';
import type { SoapVersion } from '../../soap/version';

export interface IpsFault {
  readonly kind: IpsFaultKind;
  readonly code: number;
}

const { unauthenticated, badCredentials, forbidden, general } = IPS_FAULT_CODE;
const { invalidParameter, missingParameter, malformedRequest } = IPS_FAULT_CODE;

/** Gateway codes -> IPS fault kind and code (scene7-ips.md §4 table); the rest is 30000. */
const BY_CODE: Partial<Record<ErrorCode, IpsFault>> = {
  GW_ERR_UNAUTHENTICATED: { kind: 'authenticationFault', code: unauthenticated },
  GW_ERR_BAD_CREDENTIALS: { kind: 'authenticationFault', code: badCredentials },
  GW_ERR_FORBIDDEN: { kind: 'authorizationFault', code: forbidden },
  GW_ERR_INVALID_PARAMETER: { kind: 'ipsApiFault', code: invalidParameter },
  GW_ERR_UPSTREAM_REJECTED_QUERY: { kind: 'ipsApiFault', code: invalidParameter },
  GW_ERR_MISSING_PARAMETER: { kind: 'ipsApiFault', code: missingParameter },
  GW_ERR_SOAP_MALFORMED: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_SOAP_VERSION_MISMATCH: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_SOAP_MUST_UNDERSTAND: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_SOAP_UNKNOWN_OPERATION: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_SOAP_ACTION_MISMATCH: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_PAYLOAD_TOO_LARGE: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_UNSUPPORTED_MEDIA_TYPE: { kind: 'ipsApiFault', code: malformedRequest },
  GW_ERR_BAD_REQUEST: { kind: 'ipsApiFault', code: malformedRequest },
};

/**
 * The IPS fault for an error: an upstream IPS fault passes through with its own kind, code and
 * reason (so a legacy client sees what IPS said); gateway errors map by the table above.
 */
export function ipsFaultOf(error: GatewayError): IpsFault & { readonly reason: string } {
  const upstream = error.upstream;
  // When IPS refused the gateway's own credentials the caller is not at fault: that is a 30000.
  const callersFault = error.code !== 'GW_ERR_UPSTREAM_REJECTED_CREDS';
  if (callersFault && isIpsFaultKind(upstream?.kind) && typeof upstream?.code === 'number') {
    return {
      kind: upstream.kind,
      code: upstream.code,
      reason: upstream.message ?? error.message,
    };
  }
  const mapped = BY_CODE[error.code] ?? { kind: 'ipsApiFault', code: general };
  return { ...mapped, reason: error.message };
}

/**
 * Renders an error as an IPS fault in the caller's SOAP version, with HTTP 500 unless the caller
 * set authHeader/faultHttpStatusCode (Flex clients ask for 200, scene7-ips.md §4).
 */
export function renderIpsFault(
  error: GatewayError,
  version: SoapVersion,
  faultCodec: Codec,
  httpStatus: number | undefined,
): RenderedFault {
  const fault = ipsFaultOf(error);
  const reason = replaceForbiddenXmlChars(fault.reason.slice(0, 2000));
  const detailXml = faultCodec.encode({ code: fault.code, reason }, { name: fault.kind });
  return toSoapFault(error, {
    version,
    detailXml,
    faultString: IPS_FAULT_STRING[fault.kind],
    httpStatus: httpStatus ?? 500,
  });
}
