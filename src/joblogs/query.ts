import type { ErrorObject } from 'ajv';
import { GatewayError } from '../errors/gateway-error';
import { UNIFIED_STATUSES, type JobLogQuery } from '../contract';
import type { SchemaRegistry } from '../schemas/registry';
import type { JobLogListParams } from '../schemas/types/job-log-list-params';
import type { CursorCodec } from './cursor';
import type { JobLogListRequest } from './service';

/** The schema of GET /v1/job-logs's query parameters (schemas/job-log-list-params.schema.json). */
export const LIST_PARAMS_SCHEMA = 'job-log-list-params';

type ParamName = keyof JobLogListParams;

/** One query parameter as the schema declares it. */
export interface ListParam {
  readonly name: ParamName;
  readonly description: string;
  /** An array in the schema: comma-separated (or repeated) in the URL. */
  readonly isList: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** Parses a listing's query parameters for a caller (whose cursors alone it accepts). */
export type ListParamsParser = (
  params: Readonly<Record<string, unknown>>,
  caller: string,
) => JobLogListRequest;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The listing's query parameters, in the schema's order, with their descriptions. */
export function listParams(registry: SchemaRegistry): readonly ListParam[] {
  const { properties } = registry.schema(LIST_PARAMS_SCHEMA) as { properties?: unknown };
  if (!isRecord(properties)) throw new Error(`${LIST_PARAMS_SCHEMA} declares no properties`);
  return Object.entries(properties).map(([name, schema]) => {
    if (!isRecord(schema) || typeof schema.description !== 'string') {
      throw new Error(`${LIST_PARAMS_SCHEMA}: "${name}" needs a description`);
    }
    return {
      name: name as ParamName,
      description: schema.description,
      isList: schema.type === 'array',
      schema,
    };
  });
}

function invalid(parameter: string, message: string): GatewayError {
  return new GatewayError('GW_ERR_INVALID_PARAMETER', message, { parameter });
}

function bound(param: ListParam | undefined, keyword: string): number {
  const value = param?.schema[keyword];
  if (typeof value !== 'number') throw new Error(`${LIST_PARAMS_SCHEMA}: no ${keyword}`);
  return value;
}

/** Our own wording for each parameter: ajv's messages name schema keywords, not what to send. */
function messagesOf(params: readonly ListParam[]): Readonly<Record<ParamName, string>> {
  const byName = new Map(params.map((param) => [param.name, param]));
  const time = (name: ParamName): string =>
    `"${name}" must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.`;
  const limit = byName.get('limit');
  const assetHandle = byName.get('assetHandle');
  const q = byName.get('q');
  return {
    source: '"source" must be a comma-separated list of source ids.',
    status: `"status" values are ${UNIFIED_STATUSES.join(', ')}.`,
    since: time('since'),
    until: time('until'),
    assetHandle: `"assetHandle" must be ${bound(assetHandle, 'minLength')} to ${bound(assetHandle, 'maxLength')} characters.`,
    q: `"q" is the text to search job names and messages for: ${bound(q, 'minLength')} to ${bound(q, 'maxLength')} characters.`,
    limit: `"limit" must be a whole number from ${bound(limit, 'minimum')} to ${bound(limit, 'maximum')}.`,
    cursor: '"cursor" must be the `next` of the previous page.',
  };
}

/** Splits comma lists and flattens repeats; non-text items stay as they are for ajv to refuse. */
function splitList(value: unknown): unknown {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const parts = items.flatMap((item) =>
    typeof item === 'string' ? item.split(',').map((part) => part.trim()) : [item],
  );
  return [...new Set(parts)];
}

// ajv coerces any JavaScript number text ("1e2", "0x10", " 5"); a query parameter is plain digits.
// Non-text (and a repeat, which ajv refuses) is left to the schema.
function isDecimal(value: unknown): boolean {
  const texts: unknown[] = Array.isArray(value) ? value : [value];
  return texts.every((text) => typeof text !== 'string' || /^\d+$/.test(text));
}

type ValidParams = JobLogListParams & { readonly limit: number };

/**
 * Builds the GET /v1/job-logs parameter parser once: the schema's ajv validator (coercing URL text,
 * filling the default limit) is compiled here, not per request. The parser refuses unknown
 * parameters (a typo would otherwise silently widen the result) and throws
 * GW_ERR_INVALID_PARAMETER naming the offending parameter.
 */
export function createListParamsParser(
  registry: SchemaRegistry,
  cursors: CursorCodec,
): ListParamsParser {
  const params = listParams(registry);
  const namesWhere = (test: (param: ListParam) => boolean): ReadonlySet<string> =>
    new Set(params.filter(test).map((param) => param.name));
  const lists = namesWhere((param) => param.isList);
  const integers = namesWhere((param) => param.schema.type === 'integer');
  const messages: Readonly<Record<string, string>> = messagesOf(params);
  const problem = (name: string): GatewayError =>
    invalid(
      name,
      Object.hasOwn(messages, name) ? messages[name]! : `"${name.slice(0, 64)}" is invalid.`,
    );
  // useDefaults fills `limit` from the schema's default, hence ValidParams.
  const validate = registry.validator<ValidParams>(LIST_PARAMS_SCHEMA, { coerce: true });

  /** Turns ajv's first error into ours; `given` is what the caller sent, before coercion. */
  const problemOf = (
    error: ErrorObject,
    given: Readonly<Record<string, unknown>>,
  ): GatewayError => {
    if (error.keyword === 'additionalProperties') {
      const name = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      return invalid(name, `Unknown query parameter "${name.slice(0, 64)}".`);
    }
    const name = (error.instancePath.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    if (error.keyword === 'type' && !lists.has(name) && typeof given[name] !== 'string')
      return invalid(name, `Give "${name}" once, as plain text.`);
    return problem(name);
  };

  return (given, caller) => {
    // A null prototype keeps a `__proto__` key as data (an unknown parameter) instead of a prototype.
    const data = Object.create(null) as Record<string, unknown>;
    for (const [name, value] of Object.entries(given)) {
      if (integers.has(name) && !isDecimal(value)) throw problem(name);
      data[name] = lists.has(name) ? splitList(value) : value;
    }
    if (!validate(data)) throw problemOf(validate.errors![0]!, given);
    const toUtc = (name: 'since' | 'until'): string | undefined => {
      const text = data[name];
      if (text === undefined) return undefined;
      // The format admits a leap second (23:59:60), which Date cannot hold.
      const time = Date.parse(text);
      if (Number.isNaN(time)) throw problem(name);
      return new Date(time).toISOString();
    };
    const since = toUtc('since');
    const until = toUtc('until');
    if (since !== undefined && until !== undefined && since >= until)
      throw invalid('until', '"until" must be later than "since".');
    const { source: sources, status, assetHandle, q: text, limit, cursor } = data;
    const query: JobLogQuery = {
      limit,
      ...(status === undefined ? {} : { status }),
      ...(text === undefined ? {} : { text }),
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
      ...(assetHandle === undefined ? {} : { forType: { scene7: { assetHandle } } }),
    };
    return {
      ...(sources === undefined ? {} : { sources }),
      query,
      ...(cursor === undefined
        ? {}
        : { after: cursors.decode(cursor, { sources, query, caller }) }),
    };
  };
}
