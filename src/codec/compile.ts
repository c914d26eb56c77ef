import { checkPrefix, nodeKindOf, type XmlAnnotation } from './annotation';
import { CodecSchemaError, pointerTo } from './errors';
import { NCNAME } from './xml-chars';
import { XML_NS, XMLNS_NS } from './namespaces';
import type {
  AttributeFieldPlan,
  ElementFieldPlan,
  FieldPlan,
  ItemSlot,
  ObjectPlan,
  PlanRef,
} from './plan';
import { keyword, type SchemaNode, type SchemaResolver } from './schema-ref';
import { shapeOf, type Shape } from './shape';
import { scalarUnionShape, unwrap, type Resolved } from './unwrap';

interface Compiled {
  readonly ref: PlanRef;
  readonly shape: Shape;
}

/**
 * Turns schemas into plans once. Plans of concrete schemas are cached by absolute location and
 * registered before they are built, so a `$ref` cycle meets the unfinished plan instead of
 * recursing forever; every plan is finished when the outermost call returns.
 */
export class PlanCompiler {
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly resolver: SchemaResolver) {}

  /** The root element: its name may still come from the caller at encode time. */
  root(): ItemSlot {
    const resolved = this.unwrap(this.resolver.root());
    if (nodeKindOf(resolved.annotation) !== 'element') {
      throw new CodecSchemaError('the root must be an element', resolved.node.location);
    }
    return this.itemOf(resolved, true);
  }

  private unwrap(start: SchemaNode): Resolved {
    return unwrap(this.resolver, start);
  }

  /** The cached plan of a concrete schema, registered before it is built. */
  private compile(node: SchemaNode): Compiled {
    const cached = this.compiled.get(node.location);
    if (cached !== undefined) return cached;
    const shape = shapeOf(node, (at, combinator) => this.scalarUnion(at, combinator));
    const entry: Compiled = { ref: { plan: undefined }, shape };
    this.compiled.set(node.location, entry);
    if (shape.kind === 'scalar') {
      entry.ref.plan = shape.plan;
    } else if (shape.kind === 'array') {
      entry.ref.plan = { kind: 'array', item: this.itemOf(this.items(node), false) };
    } else {
      entry.ref.plan = this.objectPlan(node);
    }
    return entry;
  }

  /** anyOf/oneOf (union) or allOf (intersection) of scalar branches; anything else throws. */
  private scalarUnion(node: SchemaNode, combinator: string): Shape {
    return scalarUnionShape(
      this.resolver,
      node,
      combinator,
      (resolved) => this.compile(resolved.node).shape,
    );
  }

  /** The items schema of an array (untyped when absent). */
  private items(node: SchemaNode): Resolved {
    const items = this.resolver.child(node, 'items');
    if (items !== undefined) return this.unwrap(items);
    const untyped = { schema: true, base: node.base, location: `${node.location}/items` };
    return { node: untyped, nullable: false, annotation: {}, visited: [untyped] };
  }

  /** An element slot whose name may be left to the context (wrapper, property, caller). */
  private itemOf(resolved: Resolved, isRoot: boolean): ItemSlot {
    const { annotation, node } = resolved;
    if (nodeKindOf(annotation) !== 'element') {
      throw new CodecSchemaError('array items and roots must be elements', node.location);
    }
    const { ref, shape } = this.compile(node);
    // A root holds its array items as children, so it is wrapped whatever the annotation says.
    if (shape.kind === 'array' && annotation.wrapped !== true && !isRoot) {
      throw new CodecSchemaError(
        'an array of arrays needs wrapped: true on the items',
        node.location,
      );
    }
    checkElementAnnotation(annotation, shape, node.location);
    return {
      name: annotation.name,
      namespace: annotation.namespace,
      prefix: annotation.prefix,
      content: ref,
      nullable: resolved.nullable || shape.nullable,
    };
  }

  private objectPlan(node: SchemaNode): ObjectPlan {
    const properties = keyword(node.schema, 'properties') ?? {};
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      throw new CodecSchemaError('properties must be an object', node.location);
    }
    const required = keyword(node.schema, 'required');
    const requiredKeys = new Set(Array.isArray(required) ? required : []);
    const fields: FieldPlan[] = [];
    for (const key of Object.keys(properties)) {
      const property = this.resolver.child(node, 'properties', key);
      if (property === undefined || property.schema === false) continue;
      fields.push(this.field(key, property, fields.length, requiredKeys.has(key)));
    }
    const closed =
      keyword(node.schema, 'additionalProperties') === false ||
      keyword(node.schema, 'unevaluatedProperties') === false;
    return assembleObject(fields, closed, node.location);
  }

  private field(key: string, node: SchemaNode, index: number, required: boolean): FieldPlan {
    const resolved = this.unwrap(node);
    const { annotation } = resolved;
    const kind = nodeKindOf(annotation);
    const pointer = pointerTo('', key);
    const base = { key, index, pointer };
    const { ref, shape } = this.compile(resolved.node);
    if (kind !== 'element') {
      if (shape.kind !== 'scalar' || annotation.wrapped !== undefined) {
        throw new CodecSchemaError(`${kind} property '${key}' must be a scalar`, node.location);
      }
      if (kind === 'text') return { ...base, kind, scalar: shape.plan };
      return {
        ...base,
        ...attributeOf(key, annotation, resolved.nullable || shape.nullable, node),
        scalar: shape.plan,
      };
    }
    if (shape.kind === 'array' && annotation.wrapped !== true) {
      // Unwrapped: the items repeat in place, named by the items' xml.name or the property.
      const item = this.itemOf(this.items(resolved.node), false);
      const slot = {
        ...item,
        name: elementName(item.name ?? key, node),
        namespace: item.namespace ?? annotation.namespace,
        prefix: item.prefix ?? annotation.prefix,
      };
      return { ...base, kind, slot, repeated: true, emptyAsArray: required };
    }
    checkElementAnnotation(annotation, shape, node.location);
    const slot = {
      name: elementName(annotation.name ?? key, node),
      namespace: annotation.namespace,
      prefix: annotation.prefix,
      content: ref,
      nullable: resolved.nullable || shape.nullable,
    };
    return { ...base, kind, slot, repeated: false, emptyAsArray: false };
  }
}

function elementName(name: string, node: SchemaNode): string {
  if (!NCNAME.test(name)) {
    throw new CodecSchemaError(`'${name}' is not an XML name: set xml.name`, node.location);
  }
  return name;
}

function checkElementAnnotation(annotation: XmlAnnotation, shape: Shape, location: string): void {
  if (annotation.wrapped !== undefined && shape.kind !== 'array') {
    throw new CodecSchemaError('xml.wrapped only applies to arrays', location);
  }
  if (annotation.namespace === XML_NS || annotation.namespace === XMLNS_NS) {
    throw new CodecSchemaError('elements cannot be in a reserved namespace', location);
  }
}

function attributeOf(
  key: string,
  annotation: XmlAnnotation,
  nullable: boolean,
  node: SchemaNode,
): Pick<AttributeFieldPlan, 'kind' | 'name' | 'namespace' | 'prefix'> {
  if (nullable) {
    throw new CodecSchemaError(
      `attribute '${key}' cannot be null: XML has no nil attribute`,
      node.location,
    );
  }
  const namespace = annotation.namespace ?? '';
  if (namespace !== '' && annotation.prefix === undefined) {
    throw new CodecSchemaError(`namespaced attribute '${key}' needs xml.prefix`, node.location);
  }
  checkPrefix(annotation.prefix, namespace, (m) => new CodecSchemaError(m, node.location));
  return {
    kind: 'attribute',
    name: elementName(annotation.name ?? key, node),
    namespace,
    prefix: annotation.prefix,
  };
}

/** Indexes the fields of an object plan and refuses ambiguous or mixed content. */
function assembleObject(fields: FieldPlan[], closed: boolean, location: string): ObjectPlan {
  const elements = fields.filter((f): f is ElementFieldPlan => f.kind === 'element');
  const attributes = fields.filter((f): f is AttributeFieldPlan => f.kind === 'attribute');
  const texts = fields.filter((f) => f.kind === 'text');
  if (texts.length > 1 || (texts.length === 1 && elements.length > 0)) {
    throw new CodecSchemaError('mixed content (text beside elements) is not supported', location);
  }
  const seen = new Set<string>();
  const elementsByName = new Map<string, ElementFieldPlan[]>();
  for (const field of elements) {
    const id = `${field.slot.namespace ?? '(inherited)'} ${field.slot.name}`;
    if (seen.has(id)) {
      throw new CodecSchemaError(`two properties map to element '${field.slot.name}'`, location);
    }
    seen.add(id);
    const list = elementsByName.get(field.slot.name) ?? [];
    list.push(field);
    elementsByName.set(field.slot.name, list);
  }
  for (const field of attributes) {
    const id = `attribute ${field.namespace} ${field.name}`;
    if (seen.has(id)) {
      throw new CodecSchemaError(`two properties map to attribute '${field.name}'`, location);
    }
    seen.add(id);
  }
  const [text] = texts;
  return {
    kind: 'object',
    fields,
    elements,
    elementsByName,
    attributes,
    text: text?.kind === 'text' ? text : undefined,
    closed,
    keys: new Set(fields.map((f) => f.key)),
  };
}
