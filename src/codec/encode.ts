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

/** The element being written: its name and resolved namespace. */
interface Target {
  readonly name: string;
  readonly namespace: string;
  readonly prefix: string | undefined;
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

interface Writer {
  usedNil: boolean;
}

// JSON values from callers could nest without bound through a recursive schema.
const MAX_DEPTH = 1000;
const XSI_DECLARATION = ` xmlns:xsi="${XSI_NS}"`;
const ROOT_SCOPE: Scope = { defaultNs: '', prefixes: new Map([['xml', XML_NS]]) };

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
  const write = (path: Path): string =>
    encodeElement(
      { usedNil: false },
      { name, namespace, prefix },
      root,
      value,
      ROOT_SCOPE,
      path,
      0,
    );
  // The first pass builds no JSON pointers (a string per field, only ever read by an error); when
  // it fails, a second pass with them throws the same error, saying where.
  try {
    return write(undefined);
  } catch (error) {
    if (!(error instanceof CodecError)) throw error;
    return write('');
  }
}

/** The root (depth 0) declares xsi once, after its content tells whether any nil occurs. */
function xsiOf(writer: Writer, depth: number): string {
  return depth === 0 && writer.usedNil ? XSI_DECLARATION : '';
}

/** The target of a child slot: namespace and prefix inherited unless the schema gives them. */
function childTarget(slot: ItemSlot, parent: Target, name: string): Target {
  const inherited = slot.namespace === undefined;
  return {
    name,
    namespace: slot.namespace ?? parent.namespace,
    prefix: slot.prefix ?? (inherited ? parent.prefix : undefined),
  };
}

function encodeElement(
  writer: Writer,
  target: Target,
  slot: ItemSlot | ElementSlot,
  value: unknown,
  scope: Scope,
  path: Path,
  depth: number,
): string {
  if (depth > MAX_DEPTH) throw fail('value nested too deeply', path);
  // Most elements stay in their parent's default namespace: no declaration, no new scope.
  const opened =
    target.prefix === undefined && scope.defaultNs === target.namespace
      ? { qname: target.name, declarations: '', scope }
      : openElement(target, scope, path);
  if (value === null) {
    if (!slot.nullable) throw fail('null where the schema does not allow it', path);
    writer.usedNil = true;
    return `<${opened.qname}${opened.declarations}${xsiOf(writer, depth)} xsi:nil="true"/>`;
  }
  const plan = planOf(slot.content);
  let declarations = opened.declarations;
  let attributes = '';
  let content: string;
  if (plan.kind === 'scalar') {
    content = escapeText(formatScalar(value, plan, path), path);
  } else if (plan.kind === 'array') {
    content = encodeArray(writer, plan, value, target, opened.scope, path, depth);
  } else {
    const parts = encodeObject(writer, plan, value, target, opened.scope, path, depth);
    declarations += parts.declarations;
    attributes = parts.attributes;
    content = parts.content;
  }
  const start = `<${opened.qname}${declarations}${xsiOf(writer, depth)}${attributes}`;
  return content === '' ? `${start}/>` : `${start}>${content}</${opened.qname}>`;
}

/** Writes the element's name and the namespace declaration it needs, if any. */
function openElement(
  target: Target,
  scope: Scope,
  path: Path,
): { qname: string; declarations: string; scope: Scope } {
  const { name, namespace, prefix } = target;
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

function encodeObject(
  writer: Writer,
  plan: ObjectPlan,
  value: unknown,
  target: Target,
  scope: Scope,
  path: Path,
  depth: number,
): { declarations: string; attributes: string; content: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(`expected object, got ${kindOf(value)}`, path);
  }
  const record = value as Readonly<Record<string, unknown>>;
  if (plan.closed) {
    for (const key of Object.keys(record)) {
      if (!plan.keys.has(key) && record[key] !== undefined) {
        throw fail('property not in the schema', below(path, pointerTo('', key)));
      }
    }
  }
  const {
    declarations,
    attributes,
    scope: inner,
  } = plan.attributes.length === 0
    ? { declarations: '', attributes: '', scope }
    : encodeAttributes(plan.attributes, record, target, scope, path);
  let content = '';
  if (plan.text !== undefined) {
    const text = ownValue(record, plan.text.key);
    const textPath = below(path, plan.text.pointer);
    if (text === null) throw fail('text content cannot be null', textPath);
    if (text !== undefined)
      content = escapeText(formatScalar(text, plan.text.scalar, textPath), textPath);
  }
  for (const field of plan.elements) {
    const item = ownValue(record, field.key);
    if (item === undefined) continue;
    const fieldPath = below(path, field.pointer);
    const child = childTarget(field.slot, target, field.slot.name);
    if (!field.repeated) {
      content += encodeElement(writer, child, field.slot, item, inner, fieldPath, depth + 1);
      continue;
    }
    if (!Array.isArray(item)) throw fail(`expected array, got ${kindOf(item)}`, fieldPath);
    item.forEach((entry: unknown, index) => {
      content += encodeElement(
        writer,
        child,
        field.slot,
        entry,
        inner,
        itemAt(fieldPath, index),
        depth + 1,
      );
    });
  }
  return { declarations, attributes, content };
}

function encodeAttributes(
  fields: readonly AttributeFieldPlan[],
  record: Readonly<Record<string, unknown>>,
  target: Target,
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
        if (field.prefix === target.prefix || declaredHere?.has(field.prefix) === true) {
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
    attributes += ` ${qname}="${escapeAttribute(text, fieldPath)}"`;
  }
  return { declarations, attributes, scope: inner };
}

function encodeArray(
  writer: Writer,
  plan: ArrayPlan,
  value: unknown,
  target: Target,
  scope: Scope,
  path: Path,
  depth: number,
): string {
  if (!Array.isArray(value)) throw fail(`expected array, got ${kindOf(value)}`, path);
  const child = childTarget(plan.item, target, plan.item.name ?? target.name);
  let content = '';
  value.forEach((entry: unknown, index) => {
    content += encodeElement(
      writer,
      child,
      plan.item,
      entry,
      scope,
      itemAt(path, index),
      depth + 1,
    );
  });
  return content;
}
