import { headOfDocument } from '../codec/xml-head';
import { parseXml, XmlParseError, type XmlElement, type XmlLimits } from '../codec/xml-tree';
import { GatewayError } from '../errors/gateway-error';
import { SOAP_ENVELOPE_NS, soapVersionOf, type SoapVersion } from './version';

/** A parsed SOAP request: version, header blocks, the single Body child and the advertised action. */
export interface SoapMessage {
  readonly version: SoapVersion;
  readonly headers: readonly XmlElement[];
  readonly body: XmlElement;
  /** SOAPAction (1.1) or the Content-Type `action` parameter (1.2), unquoted; '' when absent. */
  readonly action: string;
}

export interface ParseEnvelopeOptions {
  readonly contentType: string | undefined;
  readonly soapAction: string | undefined;
  readonly limits: Partial<XmlLimits>;
  /** Says whether the receiver processes a header block; others with mustUnderstand fault. */
  readonly understands: (header: XmlElement) => boolean;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : trimmed;
}

function actionOf(
  version: SoapVersion,
  contentType: string,
  soapAction: string | undefined,
): string {
  if (version === '1.1') return unquote(soapAction ?? '');
  const match = /;\s*action\s*=\s*("[^"]*"|[^;]*)/i.exec(contentType);
  return match?.[1] === undefined ? '' : unquote(match[1]);
}

function childElements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string') out.push(child);
    else if (child.trim() !== '') throw malformed(`unexpected text in ${element.local}`);
  }
  return out;
}

function malformed(reason: string, cause?: unknown): GatewayError {
  return new GatewayError(
    'GW_ERR_SOAP_MALFORMED',
    `The request is not a valid SOAP message: ${reason}.`,
    { cause },
  );
}

function mustUnderstand(header: XmlElement, version: SoapVersion): boolean {
  const ns = SOAP_ENVELOPE_NS[version];
  const flag = header.attributes.find(
    (attribute) => attribute.ns === ns && attribute.local === 'mustUnderstand',
  );
  return flag !== undefined && (flag.value.trim() === '1' || flag.value.trim() === 'true');
}

function parseSafely(text: string, limits: Partial<XmlLimits>): XmlElement {
  try {
    return parseXml(text, limits);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    if (error.reason === 'size') {
      throw new GatewayError(
        'GW_ERR_PAYLOAD_TOO_LARGE',
        'The request body is over the size limit.',
        { cause: error },
      );
    }
    const reasons: Record<XmlParseError['reason'], string> = {
      dtd: 'a DOCTYPE or entity declaration is not allowed in SOAP',
      malformed: 'the XML is not well-formed',
      depth: 'elements are nested deeper than the limit',
      size: 'the body is over the size limit',
      'reserved-name': 'an element or attribute uses a reserved name',
      namespace: 'an element uses an undeclared namespace prefix',
    };
    throw malformed(reasons[error.reason], error);
  }
}

/** The header blocks and the Body of an Envelope; throws SOAP_MALFORMED for any other layout. */
function splitEnvelope(
  root: XmlElement,
  version: SoapVersion,
): { headers: XmlElement[]; bodyElement: XmlElement } {
  const parts = childElements(root);
  const ns = SOAP_ENVELOPE_NS[version];
  let index = 0;
  let headers: XmlElement[] = [];
  const first = parts[0];
  if (first !== undefined && first.ns === ns && first.local === 'Header') {
    headers = childElements(first);
    index = 1;
  }
  const bodyElement = parts[index];
  if (
    bodyElement === undefined ||
    bodyElement.ns !== ns ||
    bodyElement.local !== 'Body' ||
    parts.length !== index + 1
  ) {
    throw malformed('the Envelope must hold an optional Header then exactly one Body');
  }
  return { headers, bodyElement };
}

/** What readEnvelopeHead reads. */
export interface EnvelopeHeadOptions {
  /** The header blocks to read, by local name (their namespaces are for the caller to check). */
  readonly blocks: (local: string) => boolean;
  /** Most characters of head to parse (the Envelope and Header tags and those blocks). */
  readonly maxChars: number;
  readonly limits: Partial<XmlLimits>;
}

/**
 * Reads chosen header blocks of a SOAP request without parsing its Body or the other header
 * blocks: lets a receiver check credentials before it pays for the whole message. One linear
 * scan finds them (see headOfDocument); the Envelope and Header start tags and those blocks are
 * then parsed by the same safe parser. Returns undefined when that cannot be done cheaply (the
 * Body does not start in `text`, the blocks are too long, the head does not parse or is not an
 * Envelope of `version`): then only the full parse can tell.
 */
export function readEnvelopeHead(
  text: string,
  version: SoapVersion,
  options: EnvelopeHeadOptions,
): readonly XmlElement[] | undefined {
  const head = headOfDocument(text, {
    stopAt: 'Body',
    keep: options.blocks,
    maxChars: options.maxChars,
  });
  if (head === undefined) return undefined;
  try {
    const root = parseXml(head, options.limits);
    if (root.local !== 'Envelope' || root.ns !== SOAP_ENVELOPE_NS[version]) return undefined;
    return splitEnvelope(root, version).headers;
  } catch (error) {
    if (error instanceof XmlParseError || error instanceof GatewayError) return undefined;
    throw error;
  }
}

/**
 * Parses a SOAP 1.1 or 1.2 request safely (no DTDs, size and depth limits) and splits it into
 * header blocks and the one Body child. Throws GatewayError: SOAP_MALFORMED, PAYLOAD_TOO_LARGE,
 * SOAP_VERSION_MISMATCH (envelope namespace differs from the Content-Type's version) or
 * SOAP_MUST_UNDERSTAND.
 */
export function parseEnvelope(text: string, options: ParseEnvelopeOptions): SoapMessage {
  const contentType = options.contentType ?? '';
  const version = soapVersionOf(contentType);
  if (version === undefined) {
    throw new GatewayError(
      'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
      'SOAP requests must be text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2).',
    );
  }
  const root = parseSafely(text, options.limits);
  if (
    root.local !== 'Envelope' ||
    (root.ns !== SOAP_ENVELOPE_NS['1.1'] && root.ns !== SOAP_ENVELOPE_NS['1.2'])
  ) {
    throw new GatewayError(
      'GW_ERR_SOAP_VERSION_MISMATCH',
      'The root element is not a SOAP 1.1 or 1.2 Envelope.',
    );
  }
  if (root.ns !== SOAP_ENVELOPE_NS[version]) {
    throw new GatewayError(
      'GW_ERR_SOAP_VERSION_MISMATCH',
      `A SOAP ${version === '1.1' ? '1.2' : '1.1'} envelope was sent with the SOAP ${version} media type.`,
    );
  }
  const { headers, bodyElement } = splitEnvelope(root, version);
  const bodyChildren = childElements(bodyElement);
  const body = bodyChildren[0];
  if (body === undefined || bodyChildren.length !== 1)
    throw malformed('the Body must hold exactly one element');
  const notUnderstood = headers.find(
    (header) => mustUnderstand(header, version) && !options.understands(header),
  );
  if (notUnderstood !== undefined) {
    throw new GatewayError(
      'GW_ERR_SOAP_MUST_UNDERSTAND',
      `The header block {${notUnderstood.ns}}${notUnderstood.local} is marked mustUnderstand and is not processed here.`,
    );
  }
  return { version, headers, body, action: actionOf(version, contentType, options.soapAction) };
}

/** A SOAP response: its version and Body child, which is a Fault element when it failed. */
export interface SoapResponse {
  readonly version: SoapVersion;
  readonly body: XmlElement;
  readonly isFault: boolean;
}

/**
 * Reads a SOAP response from an upstream (same safe parser; the caller sets limits sized to
 * the largest response). Throws XmlParseError or Error when it is not a SOAP envelope.
 */
export function parseResponseEnvelope(text: string, limits: Partial<XmlLimits>): SoapResponse {
  const root = parseXml(text, limits);
  const version =
    root.ns === SOAP_ENVELOPE_NS['1.1']
      ? '1.1'
      : root.ns === SOAP_ENVELOPE_NS['1.2']
        ? '1.2'
        : undefined;
  if (version === undefined || root.local !== 'Envelope') throw new Error('not a SOAP envelope');
  const ns = SOAP_ENVELOPE_NS[version];
  const bodyElement = root.children.find(
    (node): node is XmlElement =>
      typeof node !== 'string' && node.ns === ns && node.local === 'Body',
  );
  const body = bodyElement?.children.find((node): node is XmlElement => typeof node !== 'string');
  if (body === undefined) throw new Error('SOAP envelope without a Body element');
  return { version, body, isFault: body.ns === ns && body.local === 'Fault' };
}

/** Wraps a serialized body element (and optional header blocks) in an envelope of the given version. */
export function buildEnvelope(version: SoapVersion, bodyXml: string, headerXml = ''): string {
  const header =
    headerXml === '' ? '<soapenv:Header/>' : `<soapenv:Header>${headerXml}</soapenv:Header>`;
  return `<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS[version]}">${header}<soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}
