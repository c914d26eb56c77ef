import { GatewayError } from '../../errors/gateway-error';
import type {
  GetAssetArchivedJobLogsParam,
  GetAssetJobLogsParam,
  GetJobLogDetailsParam,
  GetJobLogsParam,
} from '../../schemas/types/scene7-ips';
import type { SourceQuery } from '../define';

/** One IPS call that answers a query: the operation and its Param element as JSON. */
export type Scene7Call =
  | { readonly operation: 'getAssetJobLogs'; readonly param: GetAssetJobLogsParam }
  | { readonly operation: 'getAssetArchivedJobLogs'; readonly param: GetAssetArchivedJobLogsParam }
  | { readonly operation: 'getJobLogs'; readonly param: GetJobLogsParam }
  | { readonly operation: 'getJobLogDetails'; readonly param: GetJobLogDetailsParam };

/** Largest numRows the adapter asks for (the IPS docs give no maximum; our choice). */
export const MAX_NUM_ROWS = 10_000;

/**
 * Rows a getJobLogs read asks for when the gateway filters what IPS cannot (a status, `q`): with
 * only `limit + 1` rows, a sparse match (e.g. failed jobs) would leave most pages empty, each
 * answered with a cursor to follow. One larger read costs one bigger answer instead.
 */
export const FILTERED_NUM_ROWS = 1000;

/** getJobLogDetails recordsPerPage: "The maximum and default value is 1000" (scene7-ips.md §3.3). */
export const DETAILS_PER_PAGE = 1000;

function requireCompany(companyHandle: string | undefined, what: string): string {
  if (companyHandle !== undefined) return companyHandle;
  throw new GatewayError('GW_ERR_MISSING_PARAMETER', `Reading ${what} needs a companyHandle.`, {
    parameter: 'companyHandle',
  });
}

/** True when the query keeps only some of what getJobLogs answers: status and text are not pushed down. */
function gatewayFilters(query: SourceQuery<'scene7'>): boolean {
  return query.status !== undefined || query.text !== undefined;
}

/**
 * Maps a query onto one IPS operation: with the getJobLogDetails parameters, that operation, as
 * given; with an asset handle, getAssetJobLogs (or getAssetArchivedJobLogs), which take no
 * filters: time and status are applied after normalizing; else getJobLogs with the time range
 * pushed down as startDate/endDate and one row more than wanted to detect truncation (at least
FILTERED_NUM_ROWS when a status or `q` is filtered here). IPS has no
 * text search: free text (`q`) is always applied after normalizing, by the skeleton's filter.
 */
export function toScene7Call(
  query: SourceQuery<'scene7'>,
  defaultCompany: string | undefined,
): Scene7Call {
  const companyHandle = query.input?.companyHandle ?? defaultCompany;
  const assetHandle = query.input?.assetHandle;
  const details = query.input?.jobLogDetails;
  if (details !== undefined) {
    return {
      operation: 'getJobLogDetails',
      param: { ...details, companyHandle: requireCompany(companyHandle, 'job log details') },
    };
  }
  if (assetHandle !== undefined) {
    const param = { companyHandle: requireCompany(companyHandle, 'asset job logs'), assetHandle };
    return query.input?.archived === true
      ? { operation: 'getAssetArchivedJobLogs', param }
      : { operation: 'getAssetJobLogs', param };
  }
  return {
    operation: 'getJobLogs',
    param: {
      ...(companyHandle === undefined ? {} : { companyHandle }),
      sortBy: 'StartDate',
      sortDirection: 'Descending',
      ...(query.since === undefined ? {} : { startDate: query.since }),
      // IPS endDate is inclusive; the gateway's `until` is exclusive, and the adapter drops a
      // record that starts exactly at `until` after normalizing.
      ...(query.until === undefined ? {} : { endDate: query.until }),
      numRows: Math.min(
        Math.max(query.limit + 1, gatewayFilters(query) ? FILTERED_NUM_ROWS : 0),
        MAX_NUM_ROWS,
      ),
    },
  };
}

/** One page of a job's detail lines (getJobLogDetails by jobHandle), as many per page as IPS gives. */
export function jobLogDetailsCall(
  companyHandle: string,
  jobHandle: string,
  resultsPage: number,
): Extract<Scene7Call, { readonly operation: 'getJobLogDetails' }> {
  return {
    operation: 'getJobLogDetails',
    param: { companyHandle, jobHandle, recordsPerPage: DETAILS_PER_PAGE, resultsPage },
  };
}
