import type { GetJobLogDetailsReturn, JobLogDetail } from '../../schemas/types/scene7-ips';
import { authorizeCompany } from './auth';
import { parseDateTime } from './date-time';
import { renderLogMessage } from './messages';
import { supportsAuxArray } from './namespaces';
import {
  compare,
  readDirection,
  toAuxItem,
  toJobLogItem,
  type NodeSoapShape,
  type OperationCall,
} from './operations';
import {
  invalidParameter,
  optionalParam,
  optionalPositiveInt,
  optionalStringArray,
  requiredParam,
  type Params,
} from './params';
import type { SeedIndex } from './seed-index';
import type { Scene7JobLogDetail } from './seed-types';

/** `getJobLogDetailsReturn` (§3.3): JobLogs whose detailArray holds one page of their lines. */
export type JobLogDetailsReply = NodeSoapShape<GetJobLogDetailsReturn>;

type DetailItem = NodeSoapShape<JobLogDetail>;

/** recordsPerPage: "The maximum and default value is 1000" (r-get-job-log-details.md, §3.3). */
export const MAX_RECORDS_PER_PAGE = 1000;

type DetailKey = (detail: Scene7JobLogDetail) => string | number;

// Job Detail Sort Field constants (§3.3: Date or LogType); matched without regard to case [I].
const DETAIL_SORT_KEYS: ReadonlyMap<string, DetailKey> = new Map<string, DetailKey>([
  ['date', (detail) => parseDateTime(detail.dateCreated) ?? 0],
  ['logtype', (detail) => detail.logType],
]);

/**
 * getJobLogDetails (§3.3): `companyHandle` required (30002) and authorized (20000/20006); then
 * the company's jobs, narrowed by `jobHandle` (one the company does not have: 30001) and
 * `originalName` (none matching: an empty jobLogArray [I]), newest first [I]. Each JobLog carries
 * `detailTotalRows` (its lines of the `logTypeArray` types, or all) and, in `detailArray`, page
 * `resultsPage` (default 1) of `recordsPerPage` lines (default and most 1000; more is read as
 * 1000 [I]), sorted by `sortBy` (Date, the default, or LogType; ties by date) and
 * `sortDirection` (default ascending).
 */
export function getJobLogDetails(index: SeedIndex, call: OperationCall): JobLogDetailsReply {
  const { params, user } = call;
  const companyHandle = requiredParam(params, 'companyHandle');
  const denied = authorizeCompany(user, companyHandle, index);
  if (denied !== null) throw denied;
  const jobHandle = optionalParam(params, 'jobHandle');
  const originalName = optionalParam(params, 'originalName');
  const logTypes = optionalStringArray(params, 'logTypeArray');
  const perPage = Math.min(
    optionalPositiveInt(params, 'recordsPerPage') ?? MAX_RECORDS_PER_PAGE,
    MAX_RECORDS_PER_PAGE,
  );
  const page = optionalPositiveInt(params, 'resultsPage') ?? 1;
  const sortKey = readDetailSortKey(params);
  const direction = readDirection(params, 1);
  const ofCompany = index.jobLogs.filter(({ log }) => log.companyHandle === companyHandle);
  if (jobHandle !== undefined && !ofCompany.some(({ log }) => log.jobHandle === jobHandle)) {
    // Unknown, or a job of another company: not a job of this company either way.
    throw invalidParameter('jobHandle', jobHandle);
  }
  const jobs = ofCompany.filter(
    ({ log }) =>
      (jobHandle === undefined || log.jobHandle === jobHandle) &&
      (originalName === undefined || log.originalJobName === originalName),
  );
  const withAux = supportsAuxArray(call.apiVersion);
  const items = jobs
    .sort((a, b) => b.startMs - a.startMs || compare(a.log.jobHandle, b.log.jobHandle))
    .map(({ log }) => {
      const lines = (index.jobLogDetails.get(log.jobHandle) ?? [])
        .filter(
          (detail) =>
            logTypes === undefined || logTypes.length === 0 || logTypes.includes(detail.logType),
        )
        .map((detail, position) => ({ detail, position }))
        .sort(
          (a, b) =>
            direction * compare(sortKey(a.detail), sortKey(b.detail)) ||
            compare(
              parseDateTime(a.detail.dateCreated) ?? 0,
              parseDateTime(b.detail.dateCreated) ?? 0,
            ) ||
            a.position - b.position,
        );
      const shown = lines
        .slice((page - 1) * perPage, page * perPage)
        .map(({ detail }) => toDetailItem(detail, call.locale, withAux));
      return {
        ...toJobLogItem(log),
        detailTotalRows: lines.length,
        detailArray: shown.length === 0 ? {} : { items: shown },
      };
    });
  return { jobLogArray: items.length === 0 ? {} : { items } };
}

// A fresh object in schema order (§2.3 JobLogDetail), auxArray only with content and where the
// namespace has it (JobLogDetailAux came with 4.5, as for AssetJobLog).
function toDetailItem(detail: Scene7JobLogDetail, locale: string, withAux: boolean): DetailItem {
  return {
    logMessage: renderLogMessage(detail.messageKey, detail.messageArgs, locale),
    logType: detail.logType,
    dateCreated: detail.dateCreated,
    ...(detail.assetName === undefined ? {} : { assetName: detail.assetName }),
    ...(detail.assetType === undefined ? {} : { assetType: detail.assetType }),
    ...(detail.assetHandle === undefined ? {} : { assetHandle: detail.assetHandle }),
    ...(withAux && detail.auxArray.length > 0
      ? { auxArray: { items: detail.auxArray.map((aux) => toAuxItem(aux, locale)) } }
      : {}),
  };
}

function readDetailSortKey(params: Params): DetailKey {
  const sortBy = optionalParam(params, 'sortBy');
  const key = DETAIL_SORT_KEYS.get((sortBy ?? 'Date').trim().toLowerCase());
  if (key === undefined) throw invalidParameter('sortBy', sortBy ?? '');
  return key;
}
