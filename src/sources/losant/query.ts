import { GatewayError } from '../../errors/gateway-error';
import type { JobLogQuery } from '../../contract';
import { losantStatusesOf } from './status';

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

function timeRange(query: JobLogQuery): Record<string, string> | undefined {
  const range: Record<string, string> = {};
  // ISO strings rather than epoch ms: the query schema takes both for run*At [I], and strings
  // read the same in logs as in the records.
  if (query.since !== undefined) range.$gte = isoOf(query.since, 'since');
  if (query.until !== undefined) range.$lt = isoOf(query.until, 'until');
  return Object.keys(range).length === 0 ? undefined : range;
}

/**
 * Maps a unified query onto Losant's collection parameters: since/until become a
 * `runQueuedAt` range (`$gte`, `$lt`), statuses become `status: {$in: [native...]}`. When the
 * statuses include `unknown` (a record without a status) nothing is pushed down for status and
 * the adapter filters after normalizing. A query that can match nothing Losant holds (only
 * `warning`, which no Losant status maps to, or an `assetHandle`, which names a Scene7 asset)
 * makes no call. perPage is capped at limit + 1: one record more than wanted shows truncation.
 */
export function planList(query: JobLogQuery, perPage: number): LosantListPlan {
  const pageSize = Math.max(1, Math.min(perPage, query.limit + 1));
  if (query.assetHandle !== undefined)
    return { canMatch: false, filter: undefined, perPage: pageSize };
  const filter: Record<string, unknown> = {};
  const range = timeRange(query);
  if (range !== undefined) filter[TIME_FIELD] = range;
  if (query.status !== undefined && !query.status.includes('unknown')) {
    const natives = [...new Set(query.status.flatMap(losantStatusesOf))];
    if (natives.length === 0) return { canMatch: false, filter: undefined, perPage: pageSize };
    filter.status = { $in: natives };
  }
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

const LOSANT_ID = /^[A-Fa-f\d]{24}$/;

/** Encodes a job log's `id` as the opaque key of its unified id. */
export function encodeRecordKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** Decodes a record key from untrusted text into a Losant id; undefined when it is not one of ours. */
export function decodeRecordKey(text: string): string | undefined {
  if (text.length > 64 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const id = Buffer.from(text, 'base64url').toString('utf8');
  // Only the canonical spelling: another text decoding to the same id is not an id we gave out.
  if (!LOSANT_ID.test(id) || encodeRecordKey(id) !== text) return undefined;
  return id;
}
