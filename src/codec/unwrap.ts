import { readAnnotation, type XmlAnnotation } from './annotation';
import { CodecSchemaError } from './errors';
import { keyword, type SchemaNode, type SchemaResolver } from './schema-ref';
import { isNullOnly, isShaping, scalar, type Shape } from './shape';

/** A schema position after following `$ref` and nullable `anyOf`/`oneOf`. */
export interface Resolved {
  readonly node: SchemaNode;
  readonly nullable: boolean;
  /** The annotations met on the way, the outermost winning. */
  readonly annotation: XmlAnnotation;
  /** Every schema position passed through, outermost first (the last is `node`). */
  readonly visited: readonly SchemaNode[];
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

type Combinator = 'allOf' | 'anyOf' | 'oneOf';

function isCombinator(name: string | undefined): name is Combinator {
  return name === 'allOf' || name === 'anyOf' || name === 'oneOf';
}

/** The branches of a combinator keyword, as schema positions. */
export function branchesOf(
  resolver: SchemaResolver,
  node: SchemaNode,
  combinator: string,
): SchemaNode[] {
  const list = keyword(node.schema, combinator);
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, index) => resolver.child(node, combinator, String(index)) ?? []);
}

/** The one non-null branch of a schema that is nothing but one combinator, if any. */
function singleBranch(
  resolver: SchemaResolver,
  node: SchemaNode,
): { node: SchemaNode; nullable: boolean } | undefined {
  const present = SHAPING_KEYWORDS.filter((name) => keyword(node.schema, name) !== undefined);
  const [combinator] = present;
  if (present.length !== 1 || !isCombinator(combinator)) return undefined;
  const branches = branchesOf(resolver, node, combinator);
  const nonNull = branches.filter((branch) => !isNullOnly(branch.schema));
  const [only] = nonNull;
  if (only === undefined || nonNull.length !== 1) return undefined;
  if (combinator === 'allOf' && branches.length !== 1) return undefined;
  return { node: only, nullable: nonNull.length < branches.length };
}

/**
 * Follows `$ref`, single-branch `allOf` and `anyOf`/`oneOf` of one schema plus null: the one rule
 * by which the codec and the XSD generator decide what a schema position holds.
 */
export function unwrap(resolver: SchemaResolver, start: SchemaNode): Resolved {
  let node = start;
  let nullable = false;
  let annotation: XmlAnnotation = {};
  const visited: SchemaNode[] = [];
  for (let hop = 0; hop <= MAX_HOPS; hop += 1) {
    visited.push(node);
    annotation = { ...readAnnotation(node.schema, node.location), ...annotation };
    const ref = keyword(node.schema, '$ref');
    if (typeof ref === 'string') {
      const conflict = REF_CONFLICTS.find((name) => keyword(node.schema, name) !== undefined);
      if (conflict !== undefined) {
        throw new CodecSchemaError(`${conflict} beside $ref is not supported`, node.location);
      }
      node = resolver.follow(node, ref);
      continue;
    }
    const choice = singleBranch(resolver, node);
    if (choice === undefined) return { node, nullable, annotation, visited };
    nullable ||= choice.nullable;
    node = choice.node;
  }
  throw new CodecSchemaError('$ref chain too long or cyclic', start.location);
}

/**
 * anyOf/oneOf (union) or allOf (intersection) of scalar branches; anything else throws.
 * `shapeOfBranch` gives each (unwrapped) branch's shape.
 */
export function scalarUnionShape(
  resolver: SchemaResolver,
  node: SchemaNode,
  combinator: string,
  shapeOfBranch: (resolved: Resolved) => Shape,
): Shape {
  let types: Set<string> | undefined;
  for (const branch of branchesOf(resolver, node, combinator)) {
    if (!isShaping(branch.schema)) continue;
    const resolved = unwrap(resolver, branch);
    const shape = shapeOfBranch(resolved);
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
