import { GatewayError } from '../../errors/gateway-error';
import type { GetAssetJobLogsParam, GetJobLogsParam } from '../../schemas/types/scene7-ips';
import type { SourceQuery } from '../define';

/** One IPS call that answers a query: the operation and its Param element as JSON. */
export type Scene7Call =
  | { readonly operation: 'getAssetJobLogs'; readonly param: GetAssetJobLogsParam }
  | { readonly operation: 'getJobLogs'; readonly param: GetJobLogsParam };

/** Largest numRows the adapter asks for (the IPS docs give no maximum; our choice). */
export const MAX_NUM_ROWS = 10_000;

/**
 * Maps a query onto one IPS operation: with an asset handle, getAssetJobLogs (which takes no
 * filters: time and status are applied after normalizing); without, getJobLogs with the time
 * range pushed down as startDate/endDate and one row more than wanted to detect truncation.
 */
export function toScene7Call(
  query: SourceQuery<'scene7'>,
  defaultCompany: string | undefined,
): Scene7Call {
  const companyHandle = query.input?.companyHandle ?? defaultCompany;
  const assetHandle = query.input?.assetHandle;
  if (assetHandle !== undefined) {
    if (companyHandle === undefined) {
      throw new GatewayError(
        'GW_ERR_MISSING_PARAMETER',
        'Reading asset job logs needs a companyHandle.',
        { parameter: 'companyHandle' },
      );
    }
    return {
      operation: 'getAssetJobLogs',
      param: { companyHandle, assetHandle },
    };
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
      numRows: Math.min(query.limit + 1, MAX_NUM_ROWS),
    },
  };
}
