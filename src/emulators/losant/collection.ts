import type { ErrorObject, ValidateFunction } from 'ajv';
import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import { validationError, type LosantErrorReply } from './errors';
import { compileQuery, QueryError, type JobLogPredicate } from './query-match';
import { DATE_FIELDS } from './query-schema';
import type { LosantSeedJobLog } from './seed-types';

/** losant.md §2.2: the sortField enum; the default is runQueuedAt. */
export const SORT_FIELDS = [
  'name',
  'status',
  'resourceType',
  'runQueuedAt',
  'runStartedAt',
  'runCompletedAt',
] as const;
/** [I] The largest perPage accepted; Losant documents none. */
export const MAX_PER_PAGE = 1000;

/** The parameters of one collection request, defaults applied. */
export interface CollectionParams {
  readonly sortField: (typeof SORT_FIELDS)[number];
  /** As sent (asc, desc, ASC or DESC), echoed back. */
  readonly sortDirection: string;
  readonly page: number;
  readonly perPage: number;
  readonly query: Readonly<Record<string, unknown>> | undefined;
  readonly matches: JobLogPredicate;
}

function wholeNumber(
  params: URLSearchParams,
  name: string,
  fallback: number,
  max: number,
): number | LosantErrorReply {
  const text = params.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  const min = name === 'page' ? 0 : 1;
  if (!/^\d{1,9}$/.test(text) || value < min || value > max) {
    return validationError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseQuery(
  text: string | null,
  validate: ValidateFunction,
):
  | { query: Readonly<Record<string, unknown>> | undefined; matches: JobLogPredicate }
  | LosantErrorReply {
  if (text === null) return { query: undefined, matches: () => true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return validationError('query must be a JSON object');
  }
  if (!validate(parsed)) {
    // anyOf reports every branch: the deepest error that is not a branch's type mismatch names
    // the operator or value at fault better than the summary.
    const rank = (error: ErrorObject): number =>
      error.instancePath.length * 2 + (['type', 'anyOf'].includes(error.keyword) ? 0 : 1);
    const deepest = (validate.errors ?? []).reduce<ErrorObject | undefined>(
      (best, error) => (best === undefined || rank(error) > rank(best) ? error : best),
      undefined,
    ) ?? { instancePath: '', message: 'is invalid' };
    return validationError(`query${deepest.instancePath} ${deepest.message ?? 'is invalid'}`);
  }
  const query = parsed as Readonly<Record<string, unknown>>;
  try {
    return { query, matches: compileQuery(query) };
  } catch (error) {
    if (error instanceof QueryError) return validationError(error.message);
    throw error;
  }
}

/** Reads sortField, sortDirection, page, perPage and query (losant.md §2.2); 400 on a bad one. */
export function parseCollectionParams(
  params: URLSearchParams,
  validateQuery: ValidateFunction,
): CollectionParams | LosantErrorReply {
  const sortField = params.get('sortField') ?? 'runQueuedAt';
  if (!(SORT_FIELDS as readonly string[]).includes(sortField)) {
    return validationError(`sortField must be one of ${SORT_FIELDS.join(', ')}`);
  }
  const sortDirection = params.get('sortDirection') ?? 'asc';
  if (!/^(asc|desc)$/i.test(sortDirection)) {
    return validationError('sortDirection must be asc or desc');
  }
  const page = wholeNumber(params, 'page', 0, 1e9);
  if (typeof page !== 'number') return page;
  const perPage = wholeNumber(params, 'perPage', 100, MAX_PER_PAGE);
  if (typeof perPage !== 'number') return perPage;
  const query = parseQuery(params.get('query'), validateQuery);
  if ('status' in query) return query;
  return {
    sortField: sortField as CollectionParams['sortField'],
    sortDirection,
    page,
    perPage,
    ...query,
  };
}

function sortKey(
  record: LosantJobLog,
  field: CollectionParams['sortField'],
): string | number | undefined {
  const value = record[field];
  if (value === undefined) return undefined;
  return DATE_FIELDS.includes(field) ? Date.parse(value) : value;
}

/**
 * Sorts by the field, then by id, both in the asked direction [I]; a missing value sorts first
 * when ascending, as MongoDB puts missing before any value.
 */
export function sortJobLogs(
  records: readonly LosantSeedJobLog[],
  field: CollectionParams['sortField'],
  direction: string,
): LosantSeedJobLog[] {
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  const order = (a: string | number | undefined, b: string | number | undefined): number => {
    if (a === b) return 0;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    return a < b ? -1 : 1;
  };
  return [...records].sort(
    (a, b) => sign * (order(sortKey(a, field), sortKey(b, field)) || order(a.id, b.id)),
  );
}

/** The Application Job Logs envelope (losant.md §3.2), keys in alphabetical order like Losant's example. */
export function collectionOf(
  applicationId: string,
  records: readonly LosantSeedJobLog[],
  params: CollectionParams,
): Record<string, unknown> {
  const matching = sortJobLogs(
    records.filter(params.matches),
    params.sortField,
    params.sortDirection,
  );
  const items = matching.slice(params.page * params.perPage, (params.page + 1) * params.perPage);
  return {
    applicationId,
    count: items.length,
    items,
    page: params.page,
    perPage: params.perPage,
    ...(params.query === undefined ? {} : { query: params.query }),
    sortDirection: params.sortDirection,
    sortField: params.sortField,
    totalCount: matching.length,
  };
}
