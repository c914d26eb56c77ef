import { GatewayError } from '../../errors/gateway-error';
import type { UnifiedStatus } from '../../contract';
import type { SourceQuery } from '../define';
import { losantStatusesOf, NATIVE_STATUSES } from './normalize';

/**
 * The record time of a Losant job log, used for `time`, for since/until and for the sort order.
 * runQueuedAt is set from the moment a job exists (runStartedAt is absent while it is queued,
 * and on jobs that failed before starting) and is the documented default sortField (losant.md
 * §2.2), so filtering on it loses no status and pages in a stable order.
 */
export const TIME_FIELD = 'runQueuedAt';

/** A value of Losant's `query` parameter (Advanced Application Job Log Query, losant.md §5). */
export type LosantFilter = Readonly<Record<string, unknown>>;

/** How a unified query is read from Losant: the same filter and perPage on every page. */
export interface LosantListPlan {
  /** False when no Losant record can match, so no call is made (see planList). */
  readonly canMatch: boolean;
  /** The `query` parameter, when something is pushed down. */
  readonly filter: LosantFilter | undefined;
  readonly perPage: number;
}

function isoOf(value: string, parameter: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new GatewayError('GW_ERR_INVALID_PARAMETER', `"${parameter}" is not a date-time.`, {
      parameter,
    });
  }
  return new Date(time).toISOString();
}

function timeRange(query: SourceQuery<'losant'>): Record<string, string> | undefined {
  const range: Record<string, string> = {};
  // ISO strings rather than epoch ms: the query schema takes both for run*At [I], and strings
  // read the same in logs as in the records.
  if (query.since !== undefined) range.$gte = isoOf(query.since, 'since');
  if (query.until !== undefined) range.$lt = isoOf(query.until, 'until');
  return Object.keys(range).length === 0 ? undefined : range;
}

/**
 * The `status` condition for some unified statuses: undefined when every record qualifies, null
 * when none can. `unknown` is a record whose status is absent or none of Losant's five; with Mongo
 * semantics, which Losant's operators mirror, `$nin` also matches a record without the field [I].
 * So a set with `unknown` is asked as the statuses it does not want (`$nin`), one without as `$in`.
 */
function statusCondition(statuses: readonly UnifiedStatus[]): LosantFilter | undefined | null {
  const wanted = [...new Set(statuses.flatMap(losantStatusesOf))];
  if (!statuses.includes('unknown')) return wanted.length === 0 ? null : { $in: wanted };
  const unwanted = NATIVE_STATUSES.filter((native) => !wanted.includes(native));
  return unwanted.length === 0 ? undefined : { $nin: unwanted };
}

/**
 * Maps a unified query onto Losant's collection parameters, pushing down what Losant can filter:
 * since/until become a `runQueuedAt` range (`$gte`, `$lt`), statuses a `status` condition (see
 * statusCondition). A query that can match nothing Losant holds (only `warning`, which no Losant
 * status maps to) makes no call. perPage is capped at limit + 1: one record more than wanted
 * shows truncation.
 *
 * Free text (`q`) stays with the gateway: it matches the job name or the message, and while
 * Losant's query can search `name` (`$contains` with `$ci`, losant.md §5), the message is
 * `error.message`, which the query cannot reach, and a name condition alone would drop records
 * that match by message. The read pages on until enough records pass the skeleton's filter.
 */
export function planList(query: SourceQuery<'losant'>, perPage: number): LosantListPlan {
  const pageSize = Math.max(1, Math.min(perPage, query.limit + 1));
  const filter: Record<string, unknown> = {};
  const range = timeRange(query);
  if (range !== undefined) filter[TIME_FIELD] = range;
  const status = query.status === undefined ? undefined : statusCondition(query.status);
  if (status === null) return { canMatch: false, filter: undefined, perPage: pageSize };
  if (status !== undefined) filter.status = status;
  return {
    canMatch: true,
    filter: Object.keys(filter).length === 0 ? undefined : filter,
    perPage: pageSize,
  };
}

/** The query string of one collection page: newest first by the record time. */
export function listParams(plan: LosantListPlan, page: number): URLSearchParams {
  const params = new URLSearchParams({
    sortField: TIME_FIELD,
    sortDirection: 'desc',
    page: String(page),
    perPage: String(plan.perPage),
  });
  // Sent JSON-stringified, as the official clients do (losant.md §2.2).
  if (plan.filter !== undefined) params.set('query', JSON.stringify(plan.filter));
  return params;
}
