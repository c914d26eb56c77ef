import { CodecSchemaError } from './errors';
import type { ScalarPlan, ScalarType } from './plan';
import { keyword, type SchemaNode } from './schema-ref';

/** What a concrete (ref-free) schema maps to, decided from the schema alone. */
export type Shape =
  | { readonly kind: 'object' | 'array'; readonly nullable: boolean }
  | { readonly kind: 'scalar'; readonly plan: ScalarPlan; readonly nullable: boolean };

const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean']);
const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
// Keywords that give a combinator branch content of its own; a branch with none of them
// (only `required`, `format`, `minimum`, ...) is a validation refinement and left to ajv.
const SHAPING = [
  'type',
  'properties',
  'items',
  'prefixItems',
  'patternProperties',
  '$ref',
  '$dynamicRef',
  'enum',
  'const',
  ...COMBINATORS,
];
const UNSUPPORTED = ['patternProperties', 'prefixItems', '$dynamicRef'] as const;

/** The declared `type` list, or undefined when the schema has no `type`. */
function declaredTypes(schema: unknown): readonly string[] | undefined {
  const type = keyword(schema, 'type');
  if (typeof type === 'string') return [type];
  if (Array.isArray(type) && type.every((t): t is string => typeof t === 'string')) return type;
  return undefined;
}

/** Whether a schema only admits null. */
export function isNullOnly(schema: unknown): boolean {
  const types = declaredTypes(schema);
  if (types !== undefined) return types.length > 0 && types.every((t) => t === 'null');
  const values = keyword(schema, 'enum');
  if (Array.isArray(values)) return values.length > 0 && values.every((v) => v === null);
  return (
    Object.prototype.hasOwnProperty.call(schema ?? {}, 'const') && keyword(schema, 'const') === null
  );
}

/** Whether a schema carries any keyword that shapes content (see SHAPING). */
export function isShaping(schema: unknown): boolean {
  if (typeof schema === 'boolean') return !schema;
  return SHAPING.some((name) => keyword(schema, name) !== undefined);
}

/** The combinator keywords of a schema whose branches shape content. */
function shapingCombinators(schema: unknown): (typeof COMBINATORS)[number][] {
  return COMBINATORS.filter((name) => {
    const branches = keyword(schema, name);
    return Array.isArray(branches) && branches.some(isShaping);
  });
}

/** Decides a concrete schema's shape; scalar unions of combinators are left to `union`. */
export function shapeOf(
  node: SchemaNode,
  union: (node: SchemaNode, combinator: (typeof COMBINATORS)[number]) => Shape,
): Shape {
  const { schema } = node;
  if (schema === true) return untyped();
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new CodecSchemaError('schema cannot be mapped to XML', node.location);
  }
  for (const name of UNSUPPORTED) {
    if (keyword(schema, name) !== undefined) {
      throw new CodecSchemaError(`${name} is not supported by the XML codec`, node.location);
    }
  }
  const combinators = shapingCombinators(schema);
  const types = declaredTypes(schema);
  const inferred = structuredKind(schema, types);
  if (inferred !== undefined) {
    if ((types ?? []).some((t) => t !== inferred && t !== 'null')) {
      throw new CodecSchemaError(`type mixes ${inferred} with other types`, node.location);
    }
    if (combinators.length > 0) {
      throw new CodecSchemaError(
        `${combinators.join('/')} with element content is not supported`,
        node.location,
      );
    }
    return { kind: inferred, nullable: (types ?? []).includes('null') };
  }
  if (types !== undefined) return scalar(types, node);
  const [combinator] = combinators;
  if (combinator !== undefined) return union(node, combinator);
  return fromValues(schema);
}

function structuredKind(
  schema: object,
  types: readonly string[] | undefined,
): 'object' | 'array' | undefined {
  if (types !== undefined) {
    if (types.includes('object')) return 'object';
    return types.includes('array') ? 'array' : undefined;
  }
  if (keyword(schema, 'properties') !== undefined) return 'object';
  return keyword(schema, 'items') !== undefined ? 'array' : undefined;
}

function untyped(): Shape {
  return { kind: 'scalar', plan: { kind: 'scalar', types: [], untyped: true }, nullable: false };
}

/** A scalar shape from a declared type list. */
export function scalar(types: readonly string[], node: SchemaNode): Shape {
  const kept: ScalarType[] = [];
  for (const type of types) {
    if (SCALAR_TYPES.has(type)) kept.push(type as ScalarType);
    else if (type !== 'null') {
      throw new CodecSchemaError(`unknown type '${type}'`, node.location);
    }
  }
  return {
    kind: 'scalar',
    plan: { kind: 'scalar', types: kept, untyped: false },
    nullable: types.includes('null'),
  };
}

/** Scalar types implied by `enum` or `const` when `type` is absent. */
function fromValues(schema: object): Shape {
  const values: unknown = Object.prototype.hasOwnProperty.call(schema, 'const')
    ? [keyword(schema, 'const')]
    : keyword(schema, 'enum');
  if (!Array.isArray(values)) return untyped();
  const types = new Set<string>();
  for (const value of values) {
    if (value === null) types.add('null');
    else if (typeof value === 'number') types.add(Number.isInteger(value) ? 'integer' : 'number');
    else if (typeof value === 'string' || typeof value === 'boolean') types.add(typeof value);
    else return untyped();
  }
  if (types.has('integer') && types.has('number')) types.delete('integer');
  return scalar([...types], { schema, base: '', location: '' });
}
