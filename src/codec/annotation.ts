import { CodecSchemaError } from './errors';
import { NCNAME } from './xml-chars';
import { XML_NS, XMLNS_NS, XSI_NS } from './namespaces';

/** OpenAPI's XML Object (plus OpenAPI 3.2's `nodeType`), read from a schema's `xml` keyword. */
export interface XmlAnnotation {
  readonly name?: string;
  readonly namespace?: string;
  readonly prefix?: string;
  readonly attribute?: boolean;
  readonly wrapped?: boolean;
  readonly nodeType?: 'element' | 'attribute' | 'text';
}

/** What a property becomes in XML. */
export type NodeKind = 'element' | 'attribute' | 'text';

const NODE_TYPES: ReadonlySet<string> = new Set(['element', 'attribute', 'text']);
const STRING_KEYS = ['name', 'namespace', 'prefix'] as const;
const BOOLEAN_KEYS = ['attribute', 'wrapped'] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set([...STRING_KEYS, ...BOOLEAN_KEYS, 'nodeType']);

/** Reads and checks the `xml` keyword of a schema; `{}` when there is none. */
export function readAnnotation(schema: unknown, location: string): XmlAnnotation {
  if (typeof schema !== 'object' || schema === null) return {};
  if (!Object.prototype.hasOwnProperty.call(schema, 'xml')) return {};
  const xml: unknown = (schema as Record<string, unknown>).xml;
  const fail = (message: string): CodecSchemaError =>
    new CodecSchemaError(`invalid xml annotation: ${message}`, location);
  if (typeof xml !== 'object' || xml === null || Array.isArray(xml)) throw fail('not an object');
  const fields = xml as Record<string, unknown>;
  const out: { -readonly [K in keyof XmlAnnotation]: XmlAnnotation[K] } = {};
  for (const key of Object.keys(fields)) {
    if (!KNOWN_KEYS.has(key) && !key.startsWith('x-')) throw fail(`unknown field '${key}'`);
  }
  for (const key of STRING_KEYS) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw fail(`${key} must be a string`);
    out[key] = value;
  }
  for (const key of BOOLEAN_KEYS) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw fail(`${key} must be a boolean`);
    out[key] = value;
  }
  const nodeType = fields.nodeType;
  if (nodeType !== undefined) {
    if (typeof nodeType !== 'string' || !NODE_TYPES.has(nodeType)) {
      throw fail("nodeType must be 'element', 'attribute' or 'text'");
    }
    out.nodeType = nodeType as NodeKind;
  }
  checkNames(out, fail);
  return out;
}

function checkNames(annotation: XmlAnnotation, fail: (message: string) => CodecSchemaError): void {
  if (annotation.name !== undefined && !NCNAME.test(annotation.name)) {
    throw fail(`name '${annotation.name}' is not an XML NCName`);
  }
  checkPrefix(annotation.prefix, annotation.namespace, fail);
  if (annotation.attribute === true && annotation.nodeType !== undefined) {
    if (annotation.nodeType !== 'attribute') throw fail('attribute: true contradicts nodeType');
  }
}

/** Checks a prefix against the reserved ones; the message says why it is refused. */
export function checkPrefix(
  prefix: string | undefined,
  namespace: string | undefined,
  fail: (message: string) => Error,
): void {
  if (prefix === undefined) return;
  if (!NCNAME.test(prefix)) throw fail(`prefix '${prefix}' is not an XML NCName`);
  if (prefix === 'xmlns' || namespace === XMLNS_NS) throw fail('the xmlns prefix is reserved');
  if ((prefix === 'xml') !== (namespace === XML_NS)) {
    throw fail('the xml prefix is bound to the XML namespace, and only to it');
  }
  // The encoder declares xsi itself for xsi:nil.
  if (prefix === 'xsi' && namespace !== XSI_NS) {
    throw fail('the xsi prefix is reserved for XML Schema instance');
  }
}

/** The node kind an annotation asks for. */
export function nodeKindOf(annotation: XmlAnnotation): NodeKind {
  if (annotation.attribute === true) return 'attribute';
  return annotation.nodeType ?? 'element';
}
