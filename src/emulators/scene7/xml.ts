import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element of an untrusted XML document with its namespace resolved. */
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

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const TEXT = '#text';
const CDATA = '#cdata';
const ATTRIBUTES = ':@';
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

// Entities stay literal here and are decoded by decodeEntities(): with DTDs refused, only the
// five predefined entities and character references can occur (security.md rules 10-11).
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses one XML document; throws XmlSyntaxError when it is malformed or has a DOCTYPE. */
export function parseXml(text: string): XmlElement {
  // SOAP forbids DTDs (SOAP 1.1 §3, SOAP 1.2 part 1 §5), so no entity is ever declared.
  if (/<!DOCTYPE/i.test(text)) {
    throw new XmlSyntaxError('a SOAP message must not contain a Document Type Declaration');
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    throw new XmlSyntaxError(`${verdict.err.msg} (line ${verdict.err.line})`);
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (error) {
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
  const roots = Array.isArray(nodes) ? nodes.filter(isElementNode) : [];
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) {
    throw new XmlSyntaxError('a document must have exactly one root element');
  }
  return toElement(root, new Map([['xml', XML_NAMESPACE]]));
}

/** Returns the child elements with this namespace and local name. */
export function childrenNamed(
  parent: XmlElement,
  namespace: string,
  localName: string,
): XmlElement[] {
  return parent.children.filter((c) => c.namespace === namespace && c.localName === localName);
}

type RawNode = Record<string, unknown>;

function isRecord(value: unknown): value is RawNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagOf(node: RawNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRIBUTES);
}

function isElementNode(node: unknown): node is RawNode {
  if (!isRecord(node)) return false;
  const tag = tagOf(node);
  return tag !== undefined && tag !== TEXT && tag !== CDATA && !tag.startsWith('?');
}

function toElement(node: RawNode, scope: ReadonlyMap<string, string>): XmlElement {
  const tag = tagOf(node) ?? '';
  const rawAttributes = isRecord(node[ATTRIBUTES]) ? node[ATTRIBUTES] : {};
  const inScope = new Map(scope);
  const attributes = new Map<string, string>();
  for (const name of Object.keys(rawAttributes)) {
    const value = decodeEntities(String(rawAttributes[name]));
    if (name === 'xmlns') inScope.set('', value);
    else if (name.startsWith('xmlns:')) inScope.set(name.slice(6), value);
    else attributes.set(name, value);
  }
  const colon = tag.indexOf(':');
  const prefix = colon === -1 ? '' : tag.slice(0, colon);
  const namespace = inScope.get(prefix);
  if (namespace === undefined && prefix !== '') {
    throw new XmlSyntaxError(`the prefix of <${tag}> is not bound to a namespace`);
  }
  const content = Array.isArray(node[tag]) ? (node[tag] as unknown[]) : [];
  const children: XmlElement[] = [];
  let text = '';
  for (const item of content) {
    if (!isRecord(item)) continue;
    if (typeof item[TEXT] === 'string') text += decodeEntities(item[TEXT]);
    else if (Array.isArray(item[CDATA])) text += cdataText(item[CDATA]);
    else if (isElementNode(item)) children.push(toElement(item, inScope));
  }
  return {
    namespace: namespace ?? '',
    localName: colon === -1 ? tag : tag.slice(colon + 1),
    attributes,
    children,
    text,
  };
}

function cdataText(parts: unknown[]): string {
  return parts
    .map((part) => (isRecord(part) && typeof part[TEXT] === 'string' ? part[TEXT] : ''))
    .join('');
}

function decodeEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g, (_match, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (code > 0x10ffff || code === 0) throw new XmlSyntaxError(`invalid character &${name};`);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED_ENTITIES[name];
    if (value === undefined || !Object.hasOwn(PREDEFINED_ENTITIES, name)) {
      throw new XmlSyntaxError(`undeclared entity &${name};`);
    }
    return value;
  });
}
