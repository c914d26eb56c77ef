import { badRequest, noSuchProperty } from './errors';
import { compileFilter, type RowPredicate } from './filter-eval';
import { parseFilter } from './filter-parser';
import { propertyType, type EntityModel, type PropertyType } from './model';
import { decodeSkipToken } from './skip-token';

/** One `$orderby` key. */
export interface OrderKey {
  readonly property: string;
  readonly type: PropertyType;
  readonly descending: boolean;
}

/** The system query options of one request, checked against the entity type. */
export interface QueryOptions {
  readonly filter?: RowPredicate;
  readonly orderby: readonly OrderKey[];
  readonly top?: number;
  readonly skip: number;
  /** Properties to send; undefined means all. */
  readonly select?: readonly string[];
  /** Position in the $skip/$top window where this page starts ($skiptoken). */
  readonly offset: number;
  /** Id of the last row of the previous page ($skiptoken): this page starts after it. */
  readonly after?: string;
  readonly count: boolean;
}

const COLLECTION_OPTIONS: ReadonlySet<string> = new Set([
  '$filter',
  '$orderby',
  '$top',
  '$skip',
  '$select',
  '$skiptoken',
  '$count',
  '$expand',
  '$schemaversion',
]);
const ENTITY_OPTIONS: ReadonlySet<string> = new Set(['$select', '$expand', '$schemaversion']);
const INT32_MAX = 2_147_483_647;

function nonNegative(name: string, value: string): number {
  const number = Number(value);
  if (!/^\d{1,10}$/.test(value) || number > INT32_MAX) {
    throw badRequest(
      `Invalid value '${value.slice(0, 50)}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  }
  return number;
}

function usable(model: EntityModel, name: string, option: string): PropertyType {
  const type = propertyType(model, name);
  if (type === undefined) throw noSuchProperty(name, model.typeName);
  if (type === 'stream' && option !== '$select') {
    throw badRequest(`The property '${name}' cannot be used in the ${option} query option.`);
  }
  return type;
}

function parseOrderBy(text: string, model: EntityModel): OrderKey[] {
  return text.split(',').map((part) => {
    const match = /^\s*([A-Za-z_]\w*)(?:\s+(asc|desc))?\s*$/.exec(part);
    if (match === null) throw badRequest(`Syntax error in '$orderby=${text.slice(0, 200)}'.`);
    const property = match[1] as string;
    return {
      property,
      type: usable(model, property, '$orderby'),
      descending: match[2] === 'desc',
    };
  });
}

function parseSelect(text: string, model: EntityModel): string[] | undefined {
  const names = text.split(',').map((name) => name.trim());
  if (names.includes('*')) return undefined;
  for (const name of names) usable(model, name, '$select');
  return [...new Set(names)];
}

/** Reads the query string once, refusing repeated system query options (ODataLib does). */
function systemOptions(search: URLSearchParams, allowed: ReadonlySet<string>): Map<string, string> {
  const options = new Map<string, string>();
  for (const [name, value] of search) {
    if (!name.startsWith('$')) continue; // custom query options are ignored
    if (!allowed.has(name)) {
      throw badRequest(`The query parameter '${name.slice(0, 50)}' is not supported.`);
    }
    if (options.has(name)) {
      throw badRequest(
        `Query option '${name}' was specified more than once, but it must be specified at most once.`,
      );
    }
    options.set(name, value);
  }
  return options;
}

/**
 * Parses and checks the system query options of a request for a collection (`target` =
 * 'collection') or one entity (only $select). Throws ODataError (400) on anything BC would refuse.
 */
export function parseQueryOptions(
  search: URLSearchParams,
  model: EntityModel,
  target: 'collection' | 'entity',
): QueryOptions {
  const options = systemOptions(
    search,
    target === 'collection' ? COLLECTION_OPTIONS : ENTITY_OPTIONS,
  );
  const expand = options.get('$expand');
  // No navigation property is modelled, so any $expand names a property the type lacks.
  if (expand !== undefined)
    throw noSuchProperty(expand.split(',')[0]?.trim() ?? '', model.typeName);
  const count = options.get('$count');
  if (count !== undefined && count !== 'true' && count !== 'false') {
    throw badRequest(`'${count.slice(0, 20)}' is not a valid count option.`);
  }
  const filter = options.get('$filter');
  const orderby = options.get('$orderby');
  const top = options.get('$top');
  const select = options.get('$select');
  const skiptoken = options.get('$skiptoken');
  const selected = select === undefined ? undefined : parseSelect(select, model);
  return {
    ...(filter === undefined ? {} : { filter: compileFilter(parseFilter(filter), model) }),
    orderby: orderby === undefined ? [] : parseOrderBy(orderby, model),
    ...(top === undefined ? {} : { top: nonNegative('$top', top) }),
    skip: nonNegative('$skip', options.get('$skip') ?? '0'),
    ...(selected === undefined ? {} : { select: selected }),
    ...(skiptoken === undefined ? { offset: 0 } : decodeSkipToken(skiptoken)),
    count: count === 'true',
  };
}
