import { checkPrefix } from './annotation';
import { CodecError, pointerTo } from './errors';
import { escapeAttribute, escapeText } from './escape';
import { NCNAME } from './xml-chars';
import { XML_NS, XSI_NS } from './namespaces';
import {
  planOf,
  type ArrayPlan,
  type AttributeFieldPlan,
  type ElementSlot,
  type ItemSlot,
  type ObjectPlan,
  type ScalarPlan,
} from './plan';
import { formatScalar, kindOf } from './scalar';

/** Options of Codec.encode; they win over the schema's xml.name and xml.prefix. */
export interface EncodeOptions {
  readonly name?: string;
  /** The root's namespace when the schema does not give one. */
  readonly namespace?: string;
  readonly prefix?: string;
}

/** Namespace bindings in force where an element is written. */
interface Scope {
  readonly defaultNs: string;
  readonly prefixes: ReadonlyMap<string, string>;
}

/**
 * Where a value sits, as a JSON pointer for error messages; undefined in the first pass, which
 * keeps none (see encodeDocument).
 */
type Path = string | undefined;

interface Writer {
  usedNil: boolean;
  /** The document's pieces, joined once at the end. */
  readonly out: string[];
}

// JSON values from callers could nest without bound through a recursive schema.
const MAX_DEPTH = 1000;
const XSI_DECLARATION = ` xmlns:xsi="${XSI_NS}"`;
const ROOT_SCOPE: Scope = { defaultNs: '', prefixes: new Map([['xml', XML_NS]]) };

const below = (path: Path, pointer: string): Path =>
  path === undefined ? undefined : path + pointer;
const itemAt = (path: Path, index: number): Path =>
  path === undefined ? undefined : `${path}/${index}`;
const fail = (message: string, path: Path): CodecError => new CodecError(message, path ?? '');

/**
 * Serializes a value as the root element; throws CodecError.
 *
 * The document is written as pieces into one array and joined once, and the first pass keeps no
 * error paths: string concatenation per element and a pointer string per field were most of what
 * encoding allocated (V8's sampling heap profiler: about 43 KB for a 10-record IPS answer). When
 * that pass fails, a second one with paths throws the same error, saying where.
 */
export function encodeDocument(
  root: ItemSlot,
  value: unknown,
  options: EncodeOptions = {},
): string {
  const name = options.name ?? root.name;
  if (name === undefined)
    throw new CodecError('the root element needs a name: pass options.name', '');
  if (!NCNAME.test(name)) throw new CodecError('the root element name is not an XML name', '');
  const namespace = root.namespace ?? options.namespace ?? '';
  const prefix = options.prefix ?? root.prefix;
  checkPrefix(prefix, namespace, (message) => new CodecError(message, ''));
  const write = (path: Path): string => {
    const writer: Writer = { usedNil: false, out: [] };
    encodeElement(writer, name, namespace, prefix, root, value, ROOT_SCOPE, path, 0);
    return writer.out.join('');
  };
  try {
    return write(undefined);
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
    return write('');
  }
}

/** Whether the pieces from `from` on are all empty (an element with them has no content). */
function emptyFrom(out: readonly string[], from: number): boolean {
  for (let index = from; index < out.length; index += 1) if (out[index] !== '') return false;
  return true;
}

/**
 * Writes one element. Its namespace and prefix are the slot's, or its parent's when the slot
 * gives none (a prefix is inherited only with the namespace).
 */
function encodeElement(
  writer: Writer,
  name: string,
  namespace: string,
  prefix: string | undefined,
  slot: ItemSlot | ElementSlot,
  value: unknown,
  scope: Scope,
  path: Path,
  depth: number,
): void {
  if (depth > MAX_DEPTH) throw fail('value nested too deeply', path);
  const { out } = writer;
  // Most elements stay in their parent's default namespace: no declaration, no new scope.
  let qname = name;
  let inner = scope;
  let declaration = '';
  if (prefix !== undefined || scope.defaultNs !== namespace) {
    const opened = openElement(name, namespace, prefix, scope, path);
    qname = opened.qname;
    inner = opened.scope;
    declaration = opened.declaration;
  }
  if (value === null) {
    if (!slot.nullable) throw fail('null where the schema does not allow it', path);
    writer.usedNil = true;
    out.push('<', qname, declaration, depth === 0 ? XSI_DECLARATION : '', ' xsi:nil="true"/>');
    return;
  }
  const plan = planOf(slot.content);
  out.push('<', qname, declaration);
  let content = value;
  let attributes = '';
  if (plan.kind === 'object') {
    const record = objectOf(plan, value, path);
    content = record;
    if (plan.attributes.length > 0) {
      const written = encodeAttributes(plan.attributes, record, prefix, inner, path);
      inner = written.scope;
      out.push(written.declarations);
      attributes = written.attributes;
    }
  }
  // The root declares xsi once, after its content tells whether any nil occurs.
  const xsiAt = out.length;
  out.push('', attributes);
  finishElement(writer, plan, content, name, qname, namespace, prefix, inner, path, depth, xsiAt);
}

/**
 * Writes the end of the start tag, the content, and the end tag (or turns the start tag into an
 * empty-element tag when there is no content). `xsiAt` is the start tag's slot for the root's
 * xsi declaration.
 */
function finishElement(
  writer: Writer,
  plan: ScalarPlan | ArrayPlan | ObjectPlan,
  value: unknown,
  name: string,
  qname: string,
  namespace: string,
  prefix: string | undefined,
  scope: Scope,
  path: Path,
  depth: number,
  xsiAt: number,
): void {
  const { out } = writer;
  const end = out.length;
  out.push('>');
  if (plan.kind === 'scalar') {
    out.push(escapeText(formatScalar(value, plan, path ?? ''), path ?? ''));
  } else if (plan.kind === 'array') {
    encodeArray(writer, plan, value, name, namespace, prefix, scope, path, depth);
  } else {
    encodeContent(
      writer,
      plan,
      value as Readonly<Record<string, unknown>>,
      namespace,
      prefix,
      scope,
      path,
      depth,
    );
  }
  if (depth === 0 && writer.usedNil) out[xsiAt] = XSI_DECLARATION;
  if (emptyFrom(out, end + 1)) {
    out[end] = '/>';
    out.length = end + 1;
    return;
  }
  out.push('</', qname, '>');
}

/** Writes the element's name and the namespace declaration it needs, if any. */
function openElement(
  name: string,
  namespace: string,
  prefix: string | undefined,
  scope: Scope,
  path: Path,
): { qname: string; declaration: string; scope: Scope } {
  if (prefix === undefined) {
    if (scope.defaultNs === namespace) return { qname: name, declaration: '', scope };
    return {
      qname: name,
      declaration: ` xmlns="${escapeAttribute(namespace, path ?? '')}"`,
      scope: { defaultNs: namespace, prefixes: scope.prefixes },
    };
  }
  if (namespace === '') throw fail('a prefixed element needs a namespace', path);
  const qname = `${prefix}:${name}`;
  if (scope.prefixes.get(prefix) === namespace) return { qname, declaration: '', scope };
  return {
    qname,
    declaration: ` xmlns:${prefix}="${escapeAttribute(namespace, path ?? '')}"`,
    scope: { defaultNs: scope.defaultNs, prefixes: new Map(scope.prefixes).set(prefix, namespace) },
  };
}

function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The value as a record of an object plan: an object with no property the schema lacks (closed). */
function objectOf(plan: ObjectPlan, value: unknown, path: Path): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(`expected object, got ${kindOf(value)}`, path);
  }
  const record = value as Readonly<Record<string, unknown>>;
  if (plan.closed) {
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      if (!plan.keys.has(key) && record[key] !== undefined) {
        throw fail('property not in the schema', below(path, pointerTo('', key)));
      }
    }
  }
  return record;
}

/** Writes an object's content: its text, then its elements in schema order. */
function encodeContent(
  writer: Writer,
  plan: ObjectPlan,
  record: Readonly<Record<string, unknown>>,
  namespace: string,
  prefix: string | undefined,
  scope: Scope,
  path: Path,
  depth: number,
): void {
  const { out } = writer;
  if (plan.text !== undefined) {
    const text = ownValue(record, plan.text.key);
    const textPath = below(path, plan.text.pointer);
    if (text === null) throw fail('text content cannot be null', textPath);
    if (text !== undefined)
      out.push(escapeText(formatScalar(text, plan.text.scalar, textPath ?? ''), textPath ?? ''));
  }
  for (const field of plan.elements) {
    const item = ownValue(record, field.key);
    if (item === undefined) continue;
    const fieldPath = below(path, field.pointer);
    const { slot } = field;
    const inherited = slot.namespace === undefined;
    const childNs = slot.namespace ?? namespace;
    const childPrefix = slot.prefix ?? (inherited ? prefix : undefined);
    if (!field.repeated) {
      encodeElement(
        writer,
        slot.name,
        childNs,
        childPrefix,
        slot,
        item,
        scope,
        fieldPath,
        depth + 1,
      );
      continue;
    }
    if (!Array.isArray(item)) throw fail(`expected array, got ${kindOf(item)}`, fieldPath);
    for (let index = 0; index < item.length; index += 1) {
      const entry: unknown = item[index];
      const entryPath = itemAt(fieldPath, index);
      encodeElement(
        writer,
        slot.name,
        childNs,
        childPrefix,
        slot,
        entry,
        scope,
        entryPath,
        depth + 1,
      );
    }
  }
}

function encodeAttributes(
  fields: readonly AttributeFieldPlan[],
  record: Readonly<Record<string, unknown>>,
  elementPrefix: string | undefined,
  scope: Scope,
  path: Path,
): { declarations: string; attributes: string; scope: Scope } {
  let declarations = '';
  let attributes = '';
  let inner = scope;
  let declaredHere: Set<string> | undefined;
  for (const field of fields) {
    const value = ownValue(record, field.key);
    if (value === undefined) continue;
    const fieldPath = below(path, field.pointer);
    if (value === null) throw fail('an attribute cannot be null', fieldPath);
    let qname = field.name;
    if (field.prefix !== undefined) {
      qname = `${field.prefix}:${field.name}`;
      if (inner.prefixes.get(field.prefix) !== field.namespace) {
        // Declaring a prefix twice on one element is not well-formed.
        if (field.prefix === elementPrefix || declaredHere?.has(field.prefix) === true) {
          throw fail(`prefix '${field.prefix}' bound to two namespaces on one element`, fieldPath);
        }
        (declaredHere ??= new Set()).add(field.prefix);
        declarations += ` xmlns:${field.prefix}="${escapeAttribute(field.namespace, fieldPath ?? '')}"`;
        inner = {
          defaultNs: inner.defaultNs,
          prefixes: new Map(inner.prefixes).set(field.prefix, field.namespace),
        };
      }
    }
    const text = formatScalar(value, field.scalar, fieldPath ?? '');
    attributes += ` ${qname}="${escapeAttribute(text, fieldPath ?? '')}"`;
  }
  return { declarations, attributes, scope: inner };
}

/** An array's items, each as an element named by the item slot (or the array's own name). */
function encodeArray(
  writer: Writer,
  plan: ArrayPlan,
  value: unknown,
  name: string,
  namespace: string,
  prefix: string | undefined,
  scope: Scope,
  path: Path,
  depth: number,
): void {
  if (!Array.isArray(value)) throw fail(`expected array, got ${kindOf(value)}`, path);
  const { item } = plan;
  const inherited = item.namespace === undefined;
  const itemName = item.name ?? name;
  const itemNs = item.namespace ?? namespace;
  const itemPrefix = item.prefix ?? (inherited ? prefix : undefined);
  for (let index = 0; index < value.length; index += 1) {
    const entry: unknown = value[index];
    const entryPath = itemAt(path, index);
    encodeElement(writer, itemName, itemNs, itemPrefix, item, entry, scope, entryPath, depth + 1);
  }
}
