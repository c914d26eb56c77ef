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

const below = (path: Path, pointer: string): Path =>
  path === undefined ? undefined : path + pointer;
const itemAt = (path: Path, index: number): Path =>
  path === undefined ? undefined : `${path}/${index}`;
const fail = (message: string, path: Path): CodecError => new CodecError(message, path ?? '');

/**
 * The document being written, as the pieces it is made of, joined once at the end. Building it
 * by concatenating each element's text into its parent's allocated ten times the document's size
 * in intermediate strings (38 KB for the 3.9 KB answer of ten IPS job logs; 13 KB this way).
 */
interface Writer {
  readonly out: string[];
  usedNil: boolean;
}

// JSON values from callers could nest without bound through a recursive schema.
const MAX_DEPTH = 1000;
const XSI_DECLARATION = ` xmlns:xsi="${XSI_NS}"`;
const ROOT_SCOPE: Scope = { defaultNs: '', prefixes: new Map([['xml', XML_NS]]) };

/** The tags of one element name: `<qname`, `<qname>` and `</qname>`. */
interface Tags {
  readonly open: string;
  readonly opened: string;
  readonly close: string;
}

/** The tags of the element names written so far (a schema names few elements). */
const tagCache = new Map<string, Tags>();
const MAX_CACHED_TAGS = 4096;

function tagsOf(qname: string): Tags {
  let found = tagCache.get(qname);
  if (found === undefined) {
    found = { open: `<${qname}`, opened: `<${qname}>`, close: `</${qname}>` };
    if (tagCache.size < MAX_CACHED_TAGS) tagCache.set(qname, found);
  }
  return found;
}

/** Serializes a value as the root element; throws CodecError. */
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
    const writer: Writer = { out: [], usedNil: false };
    encodeElement(writer, name, namespace, prefix, root, value, ROOT_SCOPE, path, 0);
    return writer.out.join('');
  };
  // The first pass builds no JSON pointers (a string per field, only ever read by an error); when
  // it fails, a second pass with them throws the same error, saying where.
  try {
    return write(undefined);
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
    return write('');
  }
}

/**
 * Writes one element. Its name, namespace and prefix come as arguments (a child inherits its
 * parent's namespace and prefix unless its slot gives them). The root (depth 0) declares xsi
 * once, after its content tells whether any nil occurs: a slot is kept for it.
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
  let declarations = '';
  let inner = scope;
  if (prefix !== undefined || scope.defaultNs !== namespace) {
    const opened = openElement(name, namespace, prefix, scope, path);
    qname = opened.qname;
    declarations = opened.declarations;
    inner = opened.scope;
  }
  const tags = tagsOf(qname);
  const { open, close } = tags;
  if (value === null) {
    if (!slot.nullable) throw fail('null where the schema does not allow it', path);
    writer.usedNil = true;
    writeNil(out, tags, declarations, depth);
    return;
  }
  const plan = planOf(slot.content);
  if (plan.kind === 'scalar') {
    writeScalar(out, tags, declarations, escapeText(formatScalar(value, plan, path), path));
    return;
  }
  let attributes = '';
  let record: Readonly<Record<string, unknown>> | undefined;
  if (plan.kind === 'object') {
    record = recordOf(plan, value, path);
    if (plan.attributes.length > 0) {
      const encoded = encodeAttributes(plan.attributes, record, prefix, inner, path);
      declarations += encoded.declarations;
      attributes = encoded.attributes;
      inner = encoded.scope;
    }
  }
  out.push(open);
  if (declarations !== '') out.push(declarations);
  const xsiSlot = out.length;
  if (depth === 0) out.push('');
  if (attributes !== '') out.push(attributes);
  const end = out.length;
  out.push('>');
  if (record !== undefined) {
    encodeContent(writer, plan as ObjectPlan, record, namespace, prefix, inner, path, depth);
  } else {
    encodeArray(writer, plan as ArrayPlan, value, name, namespace, prefix, inner, path, depth);
  }
  // Nothing written inside: an empty element.
  if (out.length === end + 1) out[end] = '/>';
  else out.push(close);
  if (depth === 0 && writer.usedNil) out[xsiSlot] = XSI_DECLARATION;
}

/** An element written as xsi:nil; the root declares xsi itself. */
function writeNil(out: string[], tags: Tags, declarations: string, depth: number): void {
  out.push(tags.open);
  if (declarations !== '') out.push(declarations);
  out.push(depth === 0 ? `${XSI_DECLARATION} xsi:nil="true"/>` : ' xsi:nil="true"/>');
}

/** An element of text content (at the root too: text holds no nil, so no xsi declaration). */
function writeScalar(out: string[], tags: Tags, declarations: string, text: string): void {
  if (declarations === '') out.push(text === '' ? `${tags.open}/>` : tags.opened);
  else out.push(tags.open, declarations, text === '' ? '/>' : '>');
  if (text !== '') out.push(text, tags.close);
}

/** Writes the element's name and the namespace declaration it needs, if any. */
function openElement(
  name: string,
  namespace: string,
  prefix: string | undefined,
  scope: Scope,
  path: Path,
): { qname: string; declarations: string; scope: Scope } {
  if (prefix === undefined) {
    if (scope.defaultNs === namespace) return { qname: name, declarations: '', scope };
    return {
      qname: name,
      declarations: ` xmlns="${escapeAttribute(namespace, path)}"`,
      scope: { defaultNs: namespace, prefixes: scope.prefixes },
    };
  }
  if (namespace === '') throw fail('a prefixed element needs a namespace', path);
  const qname = `${prefix}:${name}`;
  if (scope.prefixes.get(prefix) === namespace) return { qname, declarations: '', scope };
  return {
    qname,
    declarations: ` xmlns:${prefix}="${escapeAttribute(namespace, path)}"`,
    scope: { defaultNs: scope.defaultNs, prefixes: new Map(scope.prefixes).set(prefix, namespace) },
  };
}

function ownValue(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The value of an object element, checked against a closed schema's keys. */
function recordOf(plan: ObjectPlan, value: unknown, path: Path): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(`expected object, got ${kindOf(value)}`, path);
  }
  const record = value as Readonly<Record<string, unknown>>;
  if (plan.closed) {
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      if (!plan.keys.has(key) && record[key] !== undefined) {
        throw fail('property not in the schema', below(path, pointerTo('', key)));
      }
    }
  }
  return record;
}

/** Writes an object element's content: its text, then its child elements in schema order. */
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
  if (plan.text !== undefined) {
    const text = ownValue(record, plan.text.key);
    const textPath = below(path, plan.text.pointer);
    if (text === null) throw fail('text content cannot be null', textPath);
    if (text !== undefined) {
      const escaped = escapeText(formatScalar(text, plan.text.scalar, textPath), textPath);
      if (escaped !== '') writer.out.push(escaped);
    }
  }
  for (const field of plan.elements) {
    const item = ownValue(record, field.key);
    if (item === undefined) continue;
    const fieldPath = below(path, field.pointer);
    const { slot } = field;
    // A child inherits its parent's namespace, and its prefix too unless it names a namespace.
    const childNamespace = slot.namespace ?? namespace;
    const childPrefix = slot.prefix ?? (slot.namespace === undefined ? prefix : undefined);
    if (!field.repeated) {
      encodeElement(
        writer,
        slot.name,
        childNamespace,
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
    encodeItems(
      writer,
      slot.name,
      childNamespace,
      childPrefix,
      slot,
      item,
      scope,
      fieldPath,
      depth,
    );
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
    let name = field.name;
    if (field.prefix !== undefined) {
      name = `${field.prefix}:${field.name}`;
      if (inner.prefixes.get(field.prefix) !== field.namespace) {
        // Declaring a prefix twice on one element is not well-formed.
        if (field.prefix === elementPrefix || declaredHere?.has(field.prefix) === true) {
          throw fail(`prefix '${field.prefix}' bound to two namespaces on one element`, fieldPath);
        }
        (declaredHere ??= new Set()).add(field.prefix);
        declarations += ` xmlns:${field.prefix}="${escapeAttribute(field.namespace, fieldPath)}"`;
        inner = {
          defaultNs: inner.defaultNs,
          prefixes: new Map(inner.prefixes).set(field.prefix, field.namespace),
        };
      }
    }
    const text = formatScalar(value, field.scalar, fieldPath);
    attributes += ` ${name}="${escapeAttribute(text, fieldPath)}"`;
  }
  return { declarations, attributes, scope: inner };
}

/** Writes a wrapped array's items, each an element named by the item slot (or the wrapper). */
function encodeArray(
  writer: Writer,
  plan: ArrayPlan,
  value: unknown,
  wrapperName: string,
  namespace: string,
  prefix: string | undefined,
  scope: Scope,
  path: Path,
  depth: number,
): void {
  if (!Array.isArray(value)) throw fail(`expected array, got ${kindOf(value)}`, path);
  const { item } = plan;
  const name = item.name ?? wrapperName;
  const itemNamespace = item.namespace ?? namespace;
  const itemPrefix = item.prefix ?? (item.namespace === undefined ? prefix : undefined);
  encodeItems(writer, name, itemNamespace, itemPrefix, item, value, scope, path, depth);
}

/** Writes each item of an array as one element of the same name and slot, one level down. */
function encodeItems(
  writer: Writer,
  name: string,
  namespace: string,
  prefix: string | undefined,
  slot: ItemSlot | ElementSlot,
  items: readonly unknown[],
  scope: Scope,
  path: Path,
  depth: number,
): void {
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    encodeElement(
      writer,
      name,
      namespace,
      prefix,
      slot,
      item,
      scope,
      itemAt(path, index),
      depth + 1,
    );
  }
}
