import { checkPrefix, nodeKindOf, readAnnotation, type XmlAnnotation } from './annotation';
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
import { isNullOnly, isShaping, scalar, shapeOf, type Shape } from './shape';

/** A schema position after following `$ref` and nullable `anyOf`/`oneOf`. */
interface Resolved {
  readonly node: SchemaNode;
  readonly nullable: boolean;
  /** The annotations met on the way, the outermost winning. */
  readonly annotation: XmlAnnotation;
}

interface Compiled {
  readonly ref: PlanRef;
  readonly shape: Shape;
}

const MAX_HOPS = 64;
// Keywords that, beside a combinator, give the schema content of its own.
const SHAPING_KEYWORDS = [
  'type',
  'properties',
  'items',
  'enum',
  'const',
  'allOf',
  'anyOf',
  'oneOf',
];
// Keywords beside `$ref` that would add content the target does not describe.
const REF_CONFLICTS = [
  'properties',
  'items',
  'prefixItems',
  'patternProperties',
  'allOf',
  'anyOf',
  'oneOf',
];

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

  /** Follows `$ref`, single-branch `allOf` and `anyOf`/`oneOf` of one schema plus null. */
  private unwrap(start: SchemaNode): Resolved {
    let node = start;
    let nullable = false;
    let annotation: XmlAnnotation = {};
    for (let hop = 0; hop <= MAX_HOPS; hop += 1) {
      annotation = { ...readAnnotation(node.schema, node.location), ...annotation };
      const ref = keyword(node.schema, '$ref');
      if (typeof ref === 'string') {
        const conflict = REF_CONFLICTS.find((name) => keyword(node.schema, name) !== undefined);
        if (conflict !== undefined) {
          throw new CodecSchemaError(`${conflict} beside $ref is not supported`, node.location);
        }
        node = this.resolver.follow(node, ref);
        continue;
      }
      const choice = this.singleBranch(node);
      if (choice === undefined) return { node, nullable, annotation };
      nullable ||= choice.nullable;
      node = choice.node;
    }
    throw new CodecSchemaError('$ref chain too long or cyclic', start.location);
  }

  /** The one non-null branch of a schema that is nothing but one combinator, if any. */
  private singleBranch(node: SchemaNode): { node: SchemaNode; nullable: boolean } | undefined {
    const present = SHAPING_KEYWORDS.filter((name) => keyword(node.schema, name) !== undefined);
    const [combinator] = present;
    if (present.length !== 1 || !isCombinator(combinator)) return undefined;
    const branches = this.branches(node, combinator);
    const nonNull = branches.filter((branch) => !isNullOnly(branch.schema));
    const [only] = nonNull;
    if (only === undefined || nonNull.length !== 1) return undefined;
    if (combinator === 'allOf' && branches.length !== 1) return undefined;
    return { node: only, nullable: nonNull.length < branches.length };
  }

  private branches(node: SchemaNode, combinator: string): SchemaNode[] {
    const list = keyword(node.schema, combinator);
    if (!Array.isArray(list)) return [];
    return list.flatMap((_, index) => this.resolver.child(node, combinator, String(index)) ?? []);
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
    let types: Set<string> | undefined;
    for (const branch of this.branches(node, combinator)) {
      if (!isShaping(branch.schema)) continue;
      const resolved = this.unwrap(branch);
      const { shape } = this.compile(resolved.node);
      if (shape.kind !== 'scalar') {
        throw new CodecSchemaError(
          `${combinator} with element content is not supported`,
          node.location,
        );
      }
      // An untyped branch admits strings, so text is kept verbatim.
      const own = shape.plan.untyped ? ['string'] : [...shape.plan.types];
      if (shape.nullable || resolved.nullable) own.push('null');
      const previous = types;
      types = new Set(
        previous === undefined
          ? own
          : combinator === 'allOf'
            ? own.filter((t) => previous.has(t))
            : [...previous, ...own],
      );
    }
    return scalar([...(types ?? ['string'])], node);
  }

  /** The items schema of an array (untyped when absent). */
  private items(node: SchemaNode): Resolved {
    const items = this.resolver.child(node, 'items');
    if (items !== undefined) return this.unwrap(items);
    const location = `${node.location}/items`;
    return { node: { schema: true, base: node.base, location }, nullable: false, annotation: {} };
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

function isCombinator(name: string | undefined): name is 'allOf' | 'anyOf' | 'oneOf' {
  return name === 'allOf' || name === 'anyOf' || name === 'oneOf';
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
