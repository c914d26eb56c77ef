import { parseDateTimeOffset } from './date-time';
import { badRequest, noSuchProperty } from './errors';
import {
  noFunctionSignature,
  type CompareOp,
  type FilterNode,
  type Literal,
  type ValueNode,
} from './filter-parser';
import { edmName, propertyType, type EntityModel, type PropertyType, type Row } from './model';

/** A compiled `$filter`: true for the rows it keeps. */
export type RowPredicate = (row: Row) => boolean;

const OP_KIND: Readonly<Record<CompareOp, string>> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

const LITERAL_EDM: Readonly<Record<Literal['type'], string>> = {
  string: 'Edm.String',
  number: 'Edm.Int32',
  datetime: 'Edm.DateTimeOffset',
  guid: 'Edm.Guid',
  boolean: 'Edm.Boolean',
  null: 'null',
};

function outcome(op: CompareOp, order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

/** Orders two comparable values: numbers numerically, strings by code unit (ordinal) [I]. */
export function compareValues(a: number | string, b: number | string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The comparable form of a stored property value (epoch ms, enum ordinal, lower-case GUID). */
export function sortKey(type: PropertyType, value: unknown): number | string {
  if (typeof type === 'object') {
    const member = type.members.find(([name]) => name === value);
    return member === undefined ? -1 : member[1];
  }
  if (type === 'datetime') return parseDateTimeOffset(String(value)) ?? Number.NEGATIVE_INFINITY;
  if (type === 'guid') return String(value).toLowerCase();
  if (type === 'int') return Number(value);
  return String(value);
}

/** The literal's comparable form for a property of `type`, or an ODataError when they do not mix. */
function literalKey(
  type: PropertyType,
  literal: Literal,
  op: CompareOp,
  property: string,
): number | string {
  const mismatch = (): Error =>
    badRequest(
      `A binary operator with incompatible types was detected. Found operand types '${edmName(type)}' and '${LITERAL_EDM[literal.type]}' for operator kind '${OP_KIND[op]}'.`,
    );
  if (typeof type === 'object') {
    // Enums are compared by member name, given as a quoted string (§3.1, B10).
    if (literal.type !== 'string') throw mismatch();
    const member = type.members.find(([name]) => name === literal.value);
    if (member === undefined) {
      throw badRequest(
        `The string '${literal.value.slice(0, 100)}' is not a valid enumerated type constant for '${property}'.`,
      );
    }
    return member[1];
  }
  if (type === 'datetime' && literal.type === 'datetime') {
    const time = parseDateTimeOffset(literal.text);
    if (time === null) throw badRequest(`The DateTimeOffset literal '${literal.text}' is invalid.`);
    return time;
  }
  if (type === 'guid' && literal.type === 'guid') return literal.value;
  if (type === 'int' && literal.type === 'number') return literal.value;
  if (type === 'string' && literal.type === 'string') return literal.value;
  throw mismatch();
}

/** A compiled value: its type, and how to read it from a row. */
interface CompiledValue {
  readonly type: PropertyType;
  readonly read: (row: Row) => unknown;
}

function compileProperty(name: string, model: EntityModel): CompiledValue {
  const type = propertyType(model, name);
  if (type === undefined) throw noSuchProperty(name, model.typeName);
  if (type === 'stream') {
    throw badRequest(`The property '${name}' cannot be used in the $filter query option.`);
  }
  return { type, read: (row) => row[name] };
}

/** A string-typed value (a function argument); ODataLib's signature error for anything else. */
function compileString(
  node: ValueNode,
  model: EntityModel,
  within: 'contains' | 'tolower',
): (row: Row) => string {
  if (node.kind === 'literal') {
    const { literal } = node;
    if (literal.type !== 'string') throw noFunctionSignature(within);
    return () => literal.value;
  }
  const value = compileValue(node, model);
  if (value.type !== 'string') throw noFunctionSignature(within);
  return (row) => String(value.read(row));
}

/**
 * A property, or `tolower(...)` of a string value. tolower folds with JavaScript's
 * toLowerCase (Unicode default case mapping), as the gateway folds its own side [I]: how BC's
 * server lower-cases beyond ASCII is not documented.
 */
function compileValue(node: ValueNode, model: EntityModel): CompiledValue {
  switch (node.kind) {
    case 'property':
      return compileProperty(node.name, model);
    case 'tolower': {
      const operand = compileString(node.operand, model, 'tolower');
      return { type: 'string', read: (row) => operand(row).toLowerCase() };
    }
    case 'literal':
      // The parser puts literals only in function arguments, which compileString reads first.
      throw new Error('a literal reached compileValue');
  }
}

function compileCompare(
  node: Extract<FilterNode, { kind: 'compare' }>,
  model: EntityModel,
): RowPredicate {
  const { op, left, literal } = node;
  const { type, read } = compileValue(left, model);
  // BC properties are never null: `eq null` keeps nothing, `ne null` keeps all.
  if (literal.type === 'null') {
    if (op !== 'eq' && op !== 'ne') return () => false;
    return () => op === 'ne';
  }
  const key = literalKey(type, literal, op, left.kind === 'property' ? left.name : 'tolower');
  return (row) => outcome(op, compareValues(sortKey(type, read(row)), key));
}

/** `contains(haystack, needle)`: ordinal substring match of two string values. */
function compileContains(
  node: Extract<FilterNode, { kind: 'contains' }>,
  model: EntityModel,
): RowPredicate {
  const haystack = compileString(node.haystack, model, 'contains');
  const needle = compileString(node.needle, model, 'contains');
  return (row) => haystack(row).includes(needle(row));
}

/**
 * Compiles a parsed `$filter` against an entity type, checking every property and literal type
 * first (so a bad filter is a 400 even on an empty collection). Throws ODataError.
 */
export function compileFilter(node: FilterNode, model: EntityModel): RowPredicate {
  switch (node.kind) {
    case 'compare':
      return compileCompare(node, model);
    case 'contains':
      return compileContains(node, model);
    case 'not': {
      const operand = compileFilter(node.operand, model);
      return (row) => !operand(row);
    }
    case 'and': {
      const left = compileFilter(node.left, model);
      const right = compileFilter(node.right, model);
      return (row) => left(row) && right(row);
    }
    case 'or': {
      const left = compileFilter(node.left, model);
      const right = compileFilter(node.right, model);
      return (row) => left(row) || right(row);
    }
  }
}
