import Ajv, { type ValidateFunction } from 'ajv';

const ID_PATTERN = '^[A-Fa-f\\d]{24}$';
const idValue = { anyOf: [{ type: 'string', pattern: ID_PATTERN }, { type: 'null' }] };
const idList = { type: 'array', maxItems: 100, items: { type: 'string', pattern: ID_PATTERN } };
const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const scalarList = {
  type: 'array',
  maxItems: 100,
  items: { type: ['string', 'number', 'boolean'] },
};
const text = { type: 'string', minLength: 1 };
const nested = { type: 'array', maxItems: 100, items: { $ref: '#' } };

/** An id field: a scalar, or an object with exactly one operator (losant.md §5). */
const idField = {
  anyOf: [
    idValue,
    {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
      properties: {
        $eq: idValue,
        $ne: idValue,
        $gt: idValue,
        $lt: idValue,
        $gte: idValue,
        $lte: idValue,
        $in: idList,
        $nin: idList,
      },
    },
  ],
};

/** A value field: a scalar, or an object of any operators (losant.md §5). */
const valueField = {
  anyOf: [
    scalar,
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        $eq: scalar,
        $ne: scalar,
        $gt: scalar,
        $lt: scalar,
        $gte: scalar,
        $lte: scalar,
        $startsWith: text,
        $endsWith: text,
        $contains: text,
        $ci: { type: 'boolean' },
        $in: scalarList,
        $nin: scalarList,
      },
    },
  ],
};

/**
 * The Advanced Application Job Log Query, rebuilt from its summary in losant.md §5 (the
 * published 19 kB file is not in the notes): `$and`/`$or`/`$nor` of nested queries, the id
 * fields `id` and `resourceId`, and six value fields. Unknown fields are refused [I].
 */
export const ADVANCED_JOB_LOG_QUERY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Advanced Application Job Log Query',
  type: 'object',
  additionalProperties: false,
  properties: {
    $and: nested,
    $or: nested,
    $nor: nested,
    id: idField,
    resourceId: idField,
    runQueuedAt: valueField,
    runStartedAt: valueField,
    runCompletedAt: valueField,
    status: valueField,
    name: valueField,
    resourceType: valueField,
  },
} as const;

/** Date fields: compared as instants, operands ISO strings or epoch ms [I]. */
export const DATE_FIELDS: readonly string[] = ['runQueuedAt', 'runStartedAt', 'runCompletedAt'];

/** Compiles the query validator (draft-07, strict mode, like the gateway's registry). */
export function compileQueryValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: false });
  return ajv.compile(ADVANCED_JOB_LOG_QUERY_SCHEMA);
}
