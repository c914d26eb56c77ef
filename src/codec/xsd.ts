import { nodeKindOf } from './annotation';
import { CodecSchemaError } from './errors';
import { escapeAttribute, escapeText, replaceForbiddenXmlChars } from './escape';
import type { ScalarPlan } from './plan';
import { keyword, SchemaResolver, type SchemaNode } from './schema-ref';
import { shapeOf, type Shape } from './shape';
import { NCNAME } from './xml-chars';
import { scalarUnionShape, unwrap, type Resolved } from './unwrap';
import { xsdPattern } from './xsd-pattern';

/** A top-level name and its schema (an object, or `{ $ref: <absolute URI> }`). */
export interface XsdDeclaration {
  readonly name: string;
  readonly schema: object;
}

export interface XsdOptions {
  readonly targetNamespace: string;
  /** The prefix bound to the target namespace: named types are referred to through it. */
  readonly prefix: string;
  /** Global elements, in order (a WSDL's message parts). */
  readonly elements: readonly XsdDeclaration[];
  /**
   * Named types: wherever a `$ref` reaches one of these schemas, the element refers to the type
   * by name instead of repeating it.
   */
  readonly types: readonly XsdDeclaration[];
  /** Finds schemas outside the declarations by absolute URI (as for compileCodec). */
  readonly resolve: (uri: string) => object | undefined;
}

interface Occurs {
  readonly min: number;
  readonly max: number | 'unbounded';
}

const ONCE: Occurs = { min: 1, max: 1 };
const MAX_DEPTH = 64;
const INT32 = 2 ** 31;

function attribute(name: string, value: string | number): string {
  return ` ${name}="${escapeAttribute(String(value))}"`;
}

function documentation(visited: readonly SchemaNode[]): string {
  const text = visited.map((node) => keyword(node.schema, 'description')).find(isString);
  return text === undefined
    ? ''
    : `<xs:annotation><xs:documentation>${escapeText(replaceForbiddenXmlChars(text))}</xs:documentation></xs:annotation>`;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function number(schema: unknown, name: string): number | undefined {
  const value = keyword(schema, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function occursAttributes({ min, max }: Occurs): string {
  return (
    (min === 1 ? '' : attribute('minOccurs', min)) + (max === 1 ? '' : attribute('maxOccurs', max))
  );
}

function checkName(name: string, location: string): string {
  if (!NCNAME.test(name)) throw new CodecSchemaError(`'${name}' is not an XML name`, location);
  return name;
}

type Facet = (name: string, value: string | number) => void;

function enumerationFacets(schema: unknown, facet: Facet): void {
  const values = keyword(schema, 'enum');
  const enumerated = Array.isArray(values)
    ? values
    : Object.hasOwn(schema as object, 'const')
      ? [keyword(schema, 'const')]
      : [];
  for (const value of enumerated) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      facet('enumeration', String(value));
  }
}

function stringType(schema: unknown, facet: Facet): string {
  // Length facets do not apply to xs:dateTime (and a date-time's length is bounded anyway).
  const dateTime = keyword(schema, 'format') === 'date-time';
  if (!dateTime) {
    const min = number(schema, 'minLength');
    const max = number(schema, 'maxLength');
    if (min !== undefined && min > 0) facet('minLength', min);
    if (max !== undefined) facet('maxLength', max);
  }
  const pattern = keyword(schema, 'pattern');
  const translated = typeof pattern === 'string' ? xsdPattern(pattern) : undefined;
  if (translated !== undefined) facet('pattern', translated);
  return dateTime ? 'xs:dateTime' : 'xs:string';
}

function numericType(schema: unknown, integer: boolean, facet: Facet): string {
  const min = number(schema, 'minimum');
  const max = number(schema, 'maximum');
  const bounds = [
    ['minInclusive', min],
    ['minExclusive', number(schema, 'exclusiveMinimum')],
    ['maxInclusive', max],
    ['maxExclusive', number(schema, 'exclusiveMaximum')],
  ] as const;
  for (const [name, value] of bounds) if (value !== undefined) facet(name, value);
  if (!integer) return 'xs:double';
  const small = min !== undefined && max !== undefined && min >= -INT32 && max < INT32;
  return small ? 'xs:int' : 'xs:long';
}

/** The built-in XSD type and facets of a scalar (see generateXsd for the mapping). */
function simpleType(node: SchemaNode, plan: ScalarPlan): { base: string; facets: string[] } {
  const { schema } = node;
  const types = plan.untyped ? ['string'] : plan.types;
  const facets: string[] = [];
  const facet: Facet = (name, value) => {
    facets.push(`<xs:${name}${attribute('value', value)}/>`);
  };
  if (types.length === 1 && types[0] === 'boolean') return { base: 'xs:boolean', facets };
  const numeric = types.length > 0 && types.every((t) => t === 'integer' || t === 'number');
  const string = types.length === 1 && types[0] === 'string';
  // A union of other scalar types (string or integer, ...) is text of no one lexical form.
  if (!numeric && !string) return { base: 'xs:string', facets };
  enumerationFacets(schema, facet);
  const base = string
    ? stringType(schema, facet)
    : numericType(schema, !types.includes('number'), facet);
  return { base, facets };
}

/**
 * Writes an XML Schema (XSD 1.0) for documents the codec writes and reads under the given JSON
 * Schemas, by the codec's own rules (codec/unwrap.ts): one target namespace, elementFormDefault
 * qualified; an object is a sequence of its properties in `properties` order (required ones
 * once, the others optional); an array is its items repeated in place (minItems and maxItems as
 * occurrences; `xml.wrapped` puts them in a wrapper element); null is `xsi:nil` (nillable).
 * Scalars map to xs:string (facets enum, minLength, maxLength, pattern), xs:dateTime (format
 * date-time), xs:int or xs:long (integer; minimum and maximum), xs:double (number), xs:boolean;
 * a union of scalar types to xs:string. A `pattern` XSD regexes cannot express is left out, so
 * the XSD is at most as strict as the JSON Schema, never stricter: `\d` and `.` mean a little
 * more in XSD than in ECMAScript. Attributes, text nodes, open objects (no `additionalProperties:
 * false`) and other namespaces throw CodecSchemaError: they have no faithful XSD here.
 */
export function generateXsd(options: XsdOptions): string {
  return new XsdWriter(options).write();
}

class XsdWriter {
  /** Named type by the location of its (unwrapped) schema. */
  private readonly typeNames = new Map<string, string>();

  constructor(private readonly options: XsdOptions) {}

  write(): string {
    const { targetNamespace, prefix } = this.options;
    const roots = this.options.types.map((declaration) => {
      const resolver = new SchemaResolver(declaration.schema, this.options.resolve);
      const resolved = unwrap(resolver, resolver.root());
      this.typeNames.set(
        resolved.node.location,
        checkName(declaration.name, resolved.node.location),
      );
      return { declaration, resolver, resolved };
    });
    const types = roots.map(({ declaration, resolver, resolved }) =>
      this.namedType(declaration.name, resolver, resolved),
    );
    const elements = this.options.elements.map((declaration) => {
      const resolver = new SchemaResolver(declaration.schema, this.options.resolve);
      return this.element(resolver, declaration.name, resolver.root(), undefined, 0);
    });
    return (
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:${prefix}="${escapeAttribute(targetNamespace)}"` +
      ` targetNamespace="${escapeAttribute(targetNamespace)}" elementFormDefault="qualified">` +
      `${elements.join('')}${types.join('')}</xs:schema>`
    );
  }

  private shape(resolver: SchemaResolver, node: SchemaNode): Shape {
    return shapeOf(node, (at, combinator) =>
      scalarUnionShape(resolver, at, combinator, (branch) => this.shape(resolver, branch.node)),
    );
  }

  /** The named type met first on the way to a schema, and where on the way, if any. */
  private typeNameOf(resolved: Resolved): { name: string; at: number } | undefined {
    for (const [at, node] of resolved.visited.entries()) {
      const name = this.typeNames.get(node.location);
      if (name !== undefined) return { name, at };
    }
    return undefined;
  }

  private namedType(name: string, resolver: SchemaResolver, resolved: Resolved): string {
    const shape = this.shape(resolver, resolved.node);
    const doc = documentation(resolved.visited);
    if (shape.kind === 'scalar') {
      const { base, facets } = simpleType(resolved.node, shape.plan);
      return `<xs:simpleType name="${name}">${doc}<xs:restriction base="${base}">${facets.join('')}</xs:restriction></xs:simpleType>`;
    }
    if (shape.kind === 'array') {
      throw new CodecSchemaError('a named type cannot be an array', resolved.node.location);
    }
    return `<xs:complexType name="${name}">${doc}${this.sequence(resolver, resolved.node, 0)}</xs:complexType>`;
  }

  /**
   * An xs:element for the schema at `start`; a global one when `occurs` is undefined. Arrays are
   * wrapped here (a root array, or `xml.wrapped`); objects call it for their unwrapped items.
   */
  private element(
    resolver: SchemaResolver,
    name: string,
    start: SchemaNode,
    occurs: Occurs | undefined,
    depth: number,
  ): string {
    if (depth > MAX_DEPTH) throw new CodecSchemaError('schema nested too deeply', start.location);
    const resolved = unwrap(resolver, start);
    const { node } = resolved;
    if (nodeKindOf(resolved.annotation) !== 'element') {
      throw new CodecSchemaError('attributes and text nodes have no XSD here yet', node.location);
    }
    this.checkNamespace(resolved);
    const shape = this.shape(resolver, node);
    const nillable = resolved.nullable || shape.nullable ? ' nillable="true"' : '';
    const open = `<xs:element name="${checkName(name, node.location)}"${occurs === undefined ? '' : occursAttributes(occurs)}${nillable}`;
    const named = this.typeNameOf(resolved);
    // An element of a named type says only what its own property says; the type says the rest.
    const doc = documentation(resolved.visited.slice(0, named?.at));
    if (named !== undefined) {
      const ref = ` type="${this.options.prefix}:${named.name}"`;
      return doc === '' ? `${open}${ref}/>` : `${open}${ref}>${doc}</xs:element>`;
    }
    let content: string;
    if (shape.kind === 'scalar') {
      const { base, facets } = simpleType(node, shape.plan);
      if (facets.length === 0) {
        const ref = ` type="${base}"`;
        return doc === '' ? `${open}${ref}/>` : `${open}${ref}>${doc}</xs:element>`;
      }
      content = `<xs:simpleType><xs:restriction base="${base}">${facets.join('')}</xs:restriction></xs:simpleType>`;
    } else if (shape.kind === 'array') {
      content = `<xs:complexType><xs:sequence>${this.items(resolver, node, name, false, depth)}</xs:sequence></xs:complexType>`;
    } else {
      content = `<xs:complexType>${this.sequence(resolver, node, depth)}</xs:complexType>`;
    }
    return `${open}>${doc}${content}</xs:element>`;
  }

  /** The item elements of an array, named by the items' xml.name or `name`. */
  private items(
    resolver: SchemaResolver,
    array: SchemaNode,
    name: string,
    required: boolean,
    depth: number,
  ): string {
    const items = resolver.child(array, 'items');
    if (items === undefined) throw new CodecSchemaError('an array needs items', array.location);
    const item = unwrap(resolver, items);
    if (this.shape(resolver, item.node).kind === 'array' && item.annotation.wrapped !== true) {
      throw new CodecSchemaError(
        'an array of arrays needs wrapped: true on the items',
        items.location,
      );
    }
    const minItems = number(array.schema, 'minItems') ?? 0;
    const maxItems = number(array.schema, 'maxItems');
    const occurs = { min: required ? minItems : 0, max: maxItems ?? 'unbounded' } as const;
    return this.element(resolver, item.annotation.name ?? name, items, occurs, depth + 1);
  }

  /** The xs:sequence of an object's properties. */
  private sequence(resolver: SchemaResolver, node: SchemaNode, depth: number): string {
    if (
      keyword(node.schema, 'additionalProperties') !== false &&
      keyword(node.schema, 'unevaluatedProperties') !== false
    ) {
      throw new CodecSchemaError('an open object has no faithful XSD: close it', node.location);
    }
    const properties = keyword(node.schema, 'properties') ?? {};
    const required = keyword(node.schema, 'required');
    const requiredKeys = new Set(Array.isArray(required) ? required : []);
    const parts: string[] = [];
    for (const key of Object.keys(properties)) {
      const property = resolver.child(node, 'properties', key);
      if (property === undefined || property.schema === false) continue;
      const resolved = unwrap(resolver, property);
      const isRequired = requiredKeys.has(key);
      const name = resolved.annotation.name ?? key;
      const isArray = this.shape(resolver, resolved.node).kind === 'array';
      if (isArray && resolved.annotation.wrapped !== true) {
        parts.push(this.items(resolver, resolved.node, name, isRequired, depth));
      } else {
        const occurs = isRequired ? ONCE : { min: 0, max: 1 };
        parts.push(this.element(resolver, name, property, occurs, depth + 1));
      }
    }
    return parts.length === 0 ? '<xs:sequence/>' : `<xs:sequence>${parts.join('')}</xs:sequence>`;
  }

  private checkNamespace(resolved: Resolved): void {
    const { namespace } = resolved.annotation;
    if (namespace !== undefined && namespace !== this.options.targetNamespace) {
      throw new CodecSchemaError(
        'elements outside the target namespace have no XSD here yet',
        resolved.node.location,
      );
    }
  }
}
