import {
  parseXml as parseSafeXml,
  XmlParseError,
  type XmlElement as TreeElement,
} from '../../codec/xml-tree';

/** An element of an untrusted XML document with its namespace resolved (the emulator's view). */
export interface XmlElement {
  /** Namespace URI, or '' for none. */
  readonly namespace: string;
  readonly localName: string;
  /** Attributes by the name as written; namespace declarations are left out. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Character data directly inside this element (text and CDATA), entities decoded. */
  readonly text: string;
}

/** Thrown for a document that is not well-formed or that declares a DTD. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

// Generous limits: the HTTP layer caps bodies at 1 MB; IPS (Axis2) documents no depth limit.
const LIMITS = { maxBytes: 16 * 1024 * 1024, maxDepth: 256 };

function view(element: TreeElement): XmlElement {
  let text = '';
  const children: XmlElement[] = [];
  for (const node of element.children) {
    if (typeof node === 'string') text += node;
    else children.push(view(node));
  }
  const attributes = new Map(
    element.attributes.map((a) => [a.prefix === '' ? a.local : `${a.prefix}:${a.local}`, a.value]),
  );
  return { namespace: element.ns, localName: element.local, attributes, children, text };
}

/**
 * Parses one XML document with the project's safe reader (no DTDs, entities never expanded,
 * reserved names refused); throws XmlSyntaxError when it is not acceptable. The SOAP stack on top
 * (node-soap) stays independent of the gateway's.
 */
export function parseXml(text: string): XmlElement {
  try {
    return view(parseSafeXml(text, LIMITS));
  } catch (error) {
    if (error instanceof XmlParseError) throw new XmlSyntaxError(error.message);
    throw error;
  }
}
