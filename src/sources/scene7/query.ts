import { GatewayError } from '../../errors/gateway-error';
import type { GetAssetJobLogsParam, GetJobLogsParam } from '../../schemas/types/scene7-ips';
import type { JobLogQuery } from '../../contract';

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
export function toScene7Call(query: JobLogQuery, defaultCompany: string | undefined): Scene7Call {
  const companyHandle = query.companyHandle ?? defaultCompany;
  if (query.assetHandle !== undefined) {
    if (companyHandle === undefined) {
      throw new GatewayError(
        'GW_ERR_MISSING_PARAMETER',
        'Reading asset job logs needs a companyHandle.',
        { parameter: 'companyHandle' },
      );
    }
    return {
      operation: 'getAssetJobLogs',
      param: { companyHandle, assetHandle: query.assetHandle },
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

/** The opaque part of a Scene7 record id: enough to read the same record again. */
export type Scene7RecordKey =
  | readonly ['a', string, string, string, string, string] // company, asset, jobHandle, logType, logDate
  | readonly ['j', string, string, string]; // company, jobHandle, startDate ('' when absent)

/** Encodes a record key as URL-safe text. */
export function encodeRecordKey(key: Scene7RecordKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a record key from untrusted text; undefined when it is not one of ours. */
export function decodeRecordKey(text: string): Scene7RecordKey | undefined {
  if (text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string')) return undefined;
  const parts = value;
  if (parts[0] === 'a' && parts.length === 6) return parts as unknown as Scene7RecordKey;
  if (parts[0] === 'j' && parts.length === 4) return parts as unknown as Scene7RecordKey;
  return undefined;
}
