import { parseXml, XmlSyntaxError, type XmlElement } from './xml';

/** The SOAP version of an exchange; IPS answers in the version it received (scene7-ips.md §1.3). */
export type SoapVersion = '1.1' | '1.2';

/** SOAP 1.1 envelope namespace. */
export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
/** SOAP 1.2 envelope namespace. */
export const SOAP12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope';

const ENVELOPE_NAMESPACE: Readonly<Record<SoapVersion, string>> = {
  '1.1': SOAP11_NAMESPACE,
  '1.2': SOAP12_NAMESPACE,
};

/** A structurally valid envelope: its header blocks and its one body element. */
export interface SoapEnvelope {
  readonly headers: readonly XmlElement[];
  readonly body: XmlElement;
}

/** The outcome of reading a request: the version to answer in, and the envelope or why not. */
export type EnvelopeReading =
  | { readonly version: SoapVersion; readonly envelope: SoapEnvelope; readonly problem: null }
  | { readonly version: SoapVersion; readonly envelope: null; readonly problem: string };

/** Returns the SOAP version a Content-Type names (`text/xml` 1.1, `application/soap+xml` 1.2). */
export function soapVersionOfContentType(contentType: string | undefined): SoapVersion | null {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'text/xml') return '1.1';
  if (mediaType === 'application/soap+xml') return '1.2';
  return null;
}

/**
 * Reads a request envelope. The Content-Type decides the version; for any other media type the
 * envelope's own namespace does, then 1.1. Never throws: problems become `problem` (-> 30003).
 */
export function readEnvelope(xml: string, contentType: string | undefined): EnvelopeReading {
  const declared = soapVersionOfContentType(contentType);
  let root: XmlElement;
  try {
    root = parseXml(xml.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof XmlSyntaxError ? error.message : 'unreadable request';
    return { version: declared ?? '1.1', envelope: null, problem: `Malformed XML: ${reason}` };
  }
  const sniffed = root.namespace === SOAP12_NAMESPACE ? '1.2' : '1.1';
  const version = declared ?? sniffed;
  const namespace = ENVELOPE_NAMESPACE[version];
  if (root.localName !== 'Envelope' || root.namespace !== namespace) {
    const found = `{${root.namespace}}${root.localName}`;
    return {
      version,
      envelope: null,
      problem: `Expected a SOAP ${version} Envelope, found ${found}`,
    };
  }
  // SOAP: an optional Header first, then the Body; IPS bodies hold one operation element.
  const [first, second] = root.children;
  const header = isPart(first, namespace, 'Header') ? first : undefined;
  const body = header === undefined ? first : second;
  if (!isPart(body, namespace, 'Body')) {
    return {
      version,
      envelope: null,
      problem: 'The Envelope has no Body (an optional Header, then the Body)',
    };
  }
  const operation = body.children[0];
  if (body.children.length !== 1 || operation === undefined) {
    const problem = `The Body must hold exactly one element, not ${body.children.length}`;
    return { version, envelope: null, problem };
  }
  return { version, envelope: { headers: header?.children ?? [], body: operation }, problem: null };
}

function isPart(
  element: XmlElement | undefined,
  namespace: string,
  localName: string,
): element is XmlElement {
  return element?.namespace === namespace && element.localName === localName;
}
