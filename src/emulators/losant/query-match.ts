import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import { DATE_FIELDS } from './query-schema';

/** A query that passed the schema but cannot be applied (e.g. a date that is not one). */
export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/** A compiled query: true when a job log matches. */
export type JobLogPredicate = (record: LosantJobLog) => boolean;

type Scalar = string | number | boolean | null;
type Operators = Readonly<Record<string, unknown>>;

const isOperators = (value: unknown): value is Operators =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record's field, read as an own property only (records are data, never prototypes). */
function fieldOf(record: LosantJobLog, field: string): Scalar | undefined {
  if (!Object.hasOwn(record, field)) return undefined;
  const value = (record as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}

/** Operands of date fields become epoch ms; a string that is no date is refused (400). */
function normalizeOperand(field: string, value: Scalar, ci: boolean): Scalar {
  if (DATE_FIELDS.includes(field) && typeof value === 'string') {
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw new QueryError(`query.${field}: "${value}" is not a date`);
    return time;
  }
  return ci && typeof value === 'string' ? value.toLowerCase() : value;
}

function normalizeValue(field: string, value: Scalar | undefined, ci: boolean): Scalar | undefined {
  if (value === undefined) return undefined;
  if (DATE_FIELDS.includes(field) && typeof value === 'string') {
    const time = Date.parse(value);
    return Number.isNaN(time) ? value : time;
  }
  return ci && typeof value === 'string' ? value.toLowerCase() : value;
}

/** Mongo-style comparison: only values of one type compare; missing never does [I]. */
function compare(value: Scalar | undefined, operand: Scalar): number | undefined {
  if (value === undefined || value === null || operand === null) return undefined;
  if (typeof value !== typeof operand) return undefined;
  return value < operand ? -1 : value > operand ? 1 : 0;
}

const equals = (value: Scalar | undefined, operand: Scalar): boolean =>
  operand === null ? value === undefined || value === null : value === operand;

function fieldPredicate(field: string, condition: unknown): JobLogPredicate {
  const operators: Operators = isOperators(condition) ? condition : { $eq: condition };
  const ci = operators.$ci === true;
  const tests: Array<(value: Scalar | undefined) => boolean> = [];
  for (const [operator, raw] of Object.entries(operators)) {
    if (operator === '$ci') continue;
    if (operator === '$in' || operator === '$nin') {
      const list = (raw as Scalar[]).map((item) => normalizeOperand(field, item, ci));
      const inList = (value: Scalar | undefined): boolean =>
        list.some((item) => equals(value, item));
      tests.push(operator === '$in' ? inList : (value) => !inList(value));
      continue;
    }
    const operand = normalizeOperand(field, raw as Scalar, ci);
    const textOperand = typeof operand === 'string' ? operand : String(operand);
    const asText = (value: Scalar | undefined): string | undefined =>
      typeof value === 'string' ? value : undefined;
    const byOperator: Record<string, (value: Scalar | undefined) => boolean> = {
      $eq: (value) => equals(value, operand),
      $ne: (value) => !equals(value, operand),
      $gt: (value) => (compare(value, operand) ?? 0) > 0,
      $gte: (value) => (compare(value, operand) ?? -1) >= 0,
      $lt: (value) => (compare(value, operand) ?? 0) < 0,
      $lte: (value) => (compare(value, operand) ?? 1) <= 0,
      $startsWith: (value) => asText(value)?.startsWith(textOperand) ?? false,
      $endsWith: (value) => asText(value)?.endsWith(textOperand) ?? false,
      $contains: (value) => asText(value)?.includes(textOperand) ?? false,
    };
    const test = byOperator[operator];
    if (test === undefined) throw new QueryError(`query.${field}: unknown operator ${operator}`);
    tests.push(test);
  }
  return (record) => {
    const value = normalizeValue(field, fieldOf(record, field), ci);
    return tests.every((test) => test(value));
  };
}

/**
 * Compiles a schema-valid Advanced Application Job Log Query (losant.md §5) into a predicate.
 * Semantics follow MongoDB, which Losant's operators mirror [I]: a missing field matches
 * `null`, `$ne` and `$nin` and nothing else; `$ci` makes string operators case-insensitive.
 */
export function compileQuery(query: Readonly<Record<string, unknown>>): JobLogPredicate {
  const parts: JobLogPredicate[] = Object.entries(query).map(([key, value]) => {
    if (key === '$and' || key === '$or' || key === '$nor') {
      const nested = (value as Array<Readonly<Record<string, unknown>>>).map(compileQuery);
      if (key === '$and') return (record) => nested.every((test) => test(record));
      if (key === '$or') return (record) => nested.some((test) => test(record));
      return (record) => !nested.some((test) => test(record));
    }
    return fieldPredicate(key, value);
  });
  return (record) => parts.every((test) => test(record));
}
