import type { SoapVersion } from './envelope';
import { SOAP11_NAMESPACE, SOAP12_NAMESPACE } from './envelope';
import { IPS_COMMON_NAMESPACE } from './namespaces';

/** The three IPS fault detail elements (scene7-ips.md §4, IpsApiCommon.xsd). */
export type IpsFaultElement = 'authenticationFault' | 'authorizationFault' | 'ipsApiFault';

/** Envelope prefixes: `soapenv` as in Adobe's SOAP 1.1 samples; `env` for SOAP 1.2. */
export const ENVELOPE_PREFIX: Readonly<Record<SoapVersion, string>> = {
  '1.1': 'soapenv',
  '1.2': 'env',
};

// §4: "AuthorizationException" is documented; the other two faultstrings follow it by analogy [I].
const FAULT_STRING: Readonly<Record<IpsFaultElement, string>> = {
  authenticationFault: 'AuthenticationException',
  authorizationFault: 'AuthorizationException',
  ipsApiFault: 'IpsApiException',
};

/** An IPS fault: which detail element, its code (§4 table) and a reason text. */
export class IpsFault extends Error {
  override readonly name = 'IpsFault';
  constructor(
    readonly element: IpsFaultElement,
    readonly code: number,
    readonly reason: string,
  ) {
    super(`${element} ${code}: ${reason}`);
  }
}

/** Builds an authenticationFault (10000 no credentials, 10001 invalid credentials). */
export function authenticationFault(code: number, reason: string): IpsFault {
  return new IpsFault('authenticationFault', code, reason);
}

/** Builds an authorizationFault (20000 invalid company, 20006 illegal company, ...). */
export function authorizationFault(code: number, reason: string): IpsFault {
  return new IpsFault('authorizationFault', code, reason);
}

/** Builds an ipsApiFault (30000 exception, 30001 invalid, 30002 missing, 30003 bad XML). */
export function ipsApiFault(code: number, reason: string): IpsFault {
  return new IpsFault('ipsApiFault', code, reason);
}

/** The fault shape node-soap's Server renders when a service method throws `{ Fault }`. */
export type NodeSoapFault =
  | {
      faultcode: string;
      faultstring: string;
      detail: { $xml: string };
      statusCode: number;
    }
  | {
      Code: { Value: string };
      Reason: { Text: { attributes: { 'xml:lang': string }; $value: string } };
      Detail: { $xml: string };
      statusCode: number;
    };

/**
 * The `<detail>` content, as in Adobe's sample (§4): `ns1:` on the fault element and `code` and
 * `reason` each declaring the same unversioned namespace as their default.
 */
export function faultDetailXml(fault: IpsFault): string {
  const ns = IPS_COMMON_NAMESPACE;
  return (
    `<ns1:${fault.element} xmlns:ns1="${ns}">` +
    `<code xmlns="${ns}">${fault.code}</code>` +
    `<reason xmlns="${ns}">${escapeXml(fault.reason)}</reason>` +
    `</ns1:${fault.element}>`
  );
}

/** Converts a fault into the object node-soap renders, in the given version and HTTP status. */
export function toNodeSoapFault(
  fault: IpsFault,
  version: SoapVersion,
  httpStatus: number,
): NodeSoapFault {
  const prefix = ENVELOPE_PREFIX[version];
  const detail = { $xml: faultDetailXml(fault) };
  if (version === '1.1') {
    return {
      faultcode: `${prefix}:${soap11Code(fault)}`,
      faultstring: FAULT_STRING[fault.element],
      detail,
      statusCode: httpStatus,
    };
  }
  return {
    Code: { Value: `${prefix}:${soap12Code(fault)}` },
    Reason: { Text: { attributes: { 'xml:lang': 'en' }, $value: FAULT_STRING[fault.element] } },
    Detail: detail,
    statusCode: httpStatus,
  };
}

/**
 * Renders a whole fault envelope for requests node-soap never sees (unparsable XML, a wrong
 * envelope, an unknown operation), byte for byte in the shape node-soap gives the others.
 */
export function renderFaultEnvelope(fault: IpsFault, version: SoapVersion): string {
  const p = ENVELOPE_PREFIX[version];
  const envelopeNs = version === '1.1' ? SOAP11_NAMESPACE : SOAP12_NAMESPACE;
  const text = FAULT_STRING[fault.element];
  const inner =
    version === '1.1'
      ? `<faultcode>${p}:${soap11Code(fault)}</faultcode><faultstring>${text}</faultstring>` +
        `<detail>${faultDetailXml(fault)}</detail>`
      : `<${p}:Code><${p}:Value>${p}:${soap12Code(fault)}</${p}:Value></${p}:Code>` +
        `<${p}:Reason><${p}:Text xml:lang="en">${text}</${p}:Text></${p}:Reason>` +
        `<${p}:Detail>${faultDetailXml(fault)}</${p}:Detail>`;
  return (
    `<?xml version="1.0" encoding="utf-8"?><${p}:Envelope xmlns:${p}="${envelopeNs}">` +
    `<${p}:Body><${p}:Fault>${inner}</${p}:Fault></${p}:Body></${p}:Envelope>`
  );
}

// §4 [I]: Client for caller errors, Server only for 30000 (an exception inside IPS).
function soap11Code(fault: IpsFault): string {
  return fault.code === 30000 ? 'Server' : 'Client';
}

function soap12Code(fault: IpsFault): string {
  return fault.code === 30000 ? 'Receiver' : 'Sender';
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
};

/** Escapes text for element content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => XML_ESCAPES[c] ?? c);
}
