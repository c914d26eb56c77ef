import { CodecError } from './errors';
import { XSI_NS } from './namespaces';
import {
  planOf,
  type ArrayPlan,
  type ElementFieldPlan,
  type ItemSlot,
  type ObjectPlan,
  type PlanRef,
} from './plan';
import { keepsString, parseScalar } from './scalar';
import { excerpt } from './xml-error';
import type { XmlElement } from './xml-tree';

/** Options of Codec.decode. */
export interface DecodeOptions {
  /** Expected namespace of the root element when the schema does not say. */
  readonly namespace?: string;
}

const XML_SPACE_ONLY = /^[ \t\n\r]*$/;

/** Maps a root element to JSON by the plan; throws CodecError. */
export function decodeDocument(
  root: ItemSlot,
  element: XmlElement,
  options: DecodeOptions = {},
): unknown {
  if (root.name !== undefined && element.local !== root.name) {
    throw new CodecError(`expected root element '${root.name}'`, '');
  }
  const expected = root.namespace ?? options.namespace;
  if (expected !== undefined && element.ns !== expected) {
    throw new CodecError(
      `root element '${root.name ?? excerpt(element.local)}' in an unexpected namespace`,
      '',
    );
  }
  return decodeElement(root.content, element, '');
}

function decodeElement(content: PlanRef, element: XmlElement, path: string): unknown {
  if (isNil(element)) {
    if (
      element.children.some((child) => typeof child !== 'string' || !XML_SPACE_ONLY.test(child))
    ) {
      throw new CodecError('an xsi:nil element must be empty', path);
    }
    return null;
  }
  const plan = planOf(content);
  switch (plan.kind) {
    case 'scalar':
      return parseScalar(textContent(element, path), plan, path);
    case 'object':
      return decodeObject(plan, element, path);
    case 'array':
      return decodeArray(plan, element, path);
  }
}

function isNil(element: XmlElement): boolean {
  for (const attribute of element.attributes) {
    if (attribute.local === 'nil' && attribute.ns === XSI_NS) {
      const value = attribute.value.trim();
      return value === 'true' || value === '1';
    }
  }
  return false;
}

function textContent(element: XmlElement, path: string): string {
  let text = '';
  for (const child of element.children) {
    if (typeof child !== 'string') {
      throw new CodecError(`element '${excerpt(child.local)}' where text was expected`, path);
    }
    text += child;
  }
  return text;
}

function decodeObject(plan: ObjectPlan, element: XmlElement, path: string): unknown {
  // Values by field index, so the result follows the schema's property order.
  const values: unknown[] = new Array<unknown>(plan.fields.length);
  for (const field of plan.attributes) {
    const attribute = element.attributes.find(
      (a) => a.local === field.name && a.ns === field.namespace,
    );
    if (attribute !== undefined) {
      values[field.index] = parseScalar(attribute.value, field.scalar, path + field.pointer);
    }
  }
  let text = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (plan.text !== undefined) text += child;
      else if (!XML_SPACE_ONLY.test(child)) {
        throw new CodecError('text in element-only content', path);
      }
      continue;
    }
    const field = matchField(plan, child, element.ns, path);
    if (field === undefined) continue;
    const fieldPath = path + field.pointer;
    const current = values[field.index];
    if (field.repeated) {
      const list = (current as unknown[] | undefined) ?? [];
      list.push(decodeElement(field.slot.content, child, `${fieldPath}/${list.length}`));
      values[field.index] = list;
    } else if (current !== undefined) {
      throw new CodecError(`duplicate element '${field.slot.name}'`, fieldPath);
    } else {
      values[field.index] = decodeElement(field.slot.content, child, fieldPath);
    }
  }
  const textField = plan.text;
  if (textField !== undefined && (keepsString(textField.scalar) || !XML_SPACE_ONLY.test(text))) {
    values[textField.index] = parseScalar(text, textField.scalar, path + textField.pointer);
  }
  return assemble(plan, values);
}

/** The field a child element belongs to; undefined to skip it (open content). */
function matchField(
  plan: ObjectPlan,
  child: XmlElement,
  parentNs: string,
  path: string,
): ElementFieldPlan | undefined {
  const candidates = plan.elementsByName.get(child.local);
  if (candidates === undefined) {
    if (plan.closed) throw new CodecError(`unexpected element '${excerpt(child.local)}'`, path);
    return undefined;
  }
  for (const field of candidates) {
    if ((field.slot.namespace ?? parentNs) === child.ns) return field;
  }
  const [first] = candidates;
  throw new CodecError(
    `element '${child.local}' in an unexpected namespace`,
    path + (first?.pointer ?? ''),
  );
}

/** Builds the result with keys taken from the schema only, never from the document. */
function assemble(plan: ObjectPlan, values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of plan.fields) {
    let value = values[field.index];
    if (value === undefined) {
      if (field.kind !== 'element' || !field.emptyAsArray) continue;
      value = [];
    }
    if (field.key === '__proto__') {
      // A schema may name a property __proto__; plain assignment would set the prototype.
      Object.defineProperty(out, field.key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[field.key] = value;
    }
  }
  return out;
}

function decodeArray(plan: ArrayPlan, element: XmlElement, path: string): unknown[] {
  const name = plan.item.name ?? element.local;
  const ns = plan.item.namespace ?? element.ns;
  const out: unknown[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (!XML_SPACE_ONLY.test(child)) throw new CodecError('text in an array wrapper', path);
      continue;
    }
    if (child.local !== name || child.ns !== ns) {
      throw new CodecError(
        `unexpected element '${excerpt(child.local)}' in an array wrapper`,
        path,
      );
    }
    out.push(decodeElement(plan.item.content, child, `${path}/${out.length}`));
  }
  return out;
}
