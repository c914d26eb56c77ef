import { escapeText, replaceForbiddenXmlChars } from '../codec/escape';
import type { GatewayError } from './gateway-error';

/** SOAP versions the gateway speaks. */
export type SoapVersion = '1.1' | '1.2';

/** Envelope namespace of each SOAP version. */
export const SOAP_ENVELOPE_NS: Readonly<Record<SoapVersion, string>> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

/** Content-Type of a message in each SOAP version (SOAP 1.1 §6.1.1, SOAP 1.2 part 2 §7.1.4). */
export function soapContentType(version: SoapVersion): string {
  return version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
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
