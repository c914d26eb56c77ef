import type { XmlElement } from '../codec/xml-tree';
import { escapeText, replaceForbiddenXmlChars } from '../codec/escape';
import type { GatewayError } from '../errors/gateway-error';
import { SOAP_ENVELOPE_NS, soapContentType, type SoapVersion } from './version';

/** A SOAP Fault read from a response, in either version's vocabulary. */
export interface ReadFault {
  /** Local part of faultcode / Code/Value (`Client`, `Sender`, `Server`, ...). */
  readonly code: string;
  /** faultstring / first Reason/Text. */
  readonly reason: string;
  /** First element inside detail / Detail, if any. */
  readonly detail: XmlElement | undefined;
}

function child(element: XmlElement | undefined, local: string, ns = ''): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const node of element.children) {
    if (typeof node !== 'string' && node.local === local && node.ns === ns) return node;
  }
  return undefined;
}

/** Concatenated text content of an element ('' for undefined). */
export function textOf(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  return element.children.map((node) => (typeof node === 'string' ? node : textOf(node))).join('');
}

function firstElement(element: XmlElement | undefined): XmlElement | undefined {
  return element?.children.find((node): node is XmlElement => typeof node !== 'string');
}

/** Reads a SOAP 1.1 or 1.2 Fault element (children of 1.1 faults are unqualified, SOAP 1.1 §4.4). */
export function readFault(fault: XmlElement, version: SoapVersion): ReadFault {
  if (version === '1.1') {
    const code = textOf(child(fault, 'faultcode')).trim();
    return {
      code: code.slice(code.indexOf(':') + 1),
      reason: textOf(child(fault, 'faultstring')).trim(),
      detail: firstElement(child(fault, 'detail')),
    };
  }
  const ns = SOAP_ENVELOPE_NS['1.2'];
  const value = textOf(child(child(fault, 'Code', ns), 'Value', ns)).trim();
  return {
    code: value.slice(value.indexOf(':') + 1),
    reason: textOf(child(child(fault, 'Reason', ns), 'Text', ns)).trim(),
    detail: firstElement(child(fault, 'Detail', ns)),
  };
}

export interface SoapFaultOptions {
  readonly version: SoapVersion;
  /** Application detail, already serialized (e.g. the IPS ipsApiFault element). */
  readonly detailXml?: string;
  /** Overrides the HTTP status (IPS `faultHttpStatusCode`). */
  readonly httpStatus?: number;
  /** Overrides the fault string / reason text (IPS uses exception class names). */
  readonly faultString?: string;
}

export interface RenderedFault {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

function faultCodeName(error: GatewayError, version: SoapVersion): string {
  if (error.code === 'GW_ERR_SOAP_VERSION_MISMATCH') return 'VersionMismatch';
  if (error.code === 'GW_ERR_SOAP_MUST_UNDERSTAND') return 'MustUnderstand';
  if (version === '1.1') return error.side === 'client' ? 'Client' : 'Server';
  return error.side === 'client' ? 'Sender' : 'Receiver';
}

/**
 * Renders a GatewayError as a SOAP Fault in the caller's SOAP version: the one place SOAP fault
 * bodies are made. HTTP status follows the SOAP binding (1.1: 500; 1.2: Sender 400, else 500)
 * unless the facade overrides it. The fault text is the error's safe message, never internals.
 */
export function toSoapFault(error: GatewayError, options: SoapFaultOptions): RenderedFault {
  const { version } = options;
  const ns = SOAP_ENVELOPE_NS[version];
  const code = faultCodeName(error, version);
  const text = escapeText(replaceForbiddenXmlChars(options.faultString ?? error.message));
  let fault: string;
  if (version === '1.1') {
    const detail = options.detailXml === undefined ? '' : `<detail>${options.detailXml}</detail>`;
    fault = `<soapenv:Fault><faultcode>soapenv:${code}</faultcode><faultstring>${text}</faultstring>${detail}</soapenv:Fault>`;
  } else {
    const detail =
      options.detailXml === undefined
        ? ''
        : `<soapenv:Detail>${options.detailXml}</soapenv:Detail>`;
    fault =
      `<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:${code}</soapenv:Value></soapenv:Code>` +
      `<soapenv:Reason><soapenv:Text xml:lang="en">${text}</soapenv:Text></soapenv:Reason>${detail}</soapenv:Fault>`;
  }
  const defaultStatus = version === '1.2' && code === 'Sender' ? 400 : 500;
  return {
    status: options.httpStatus ?? defaultStatus,
    contentType: soapContentType(version),
    body: `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="${ns}"><soapenv:Body>${fault}</soapenv:Body></soapenv:Envelope>`,
  };
}
