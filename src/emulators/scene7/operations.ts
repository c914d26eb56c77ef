import type {
  AssetJobLog,
  GetAssetJobLogsReturn,
  GetJobLogsReturn,
  JobLogDetailAux,
} from '../../schemas/types/scene7-ips';
import { authorizeCompany } from './auth';
import { ipsApiFault } from './faults';
import { renderLogMessage } from './messages';
import { supportsAuxArray } from './namespaces';
import {
  invalidParameter,
  optionalDateTime,
  optionalParam,
  optionalPositiveInt,
  requiredParam,
  type Params,
} from './params';
import type { IndexedJobLog, SeedIndex } from './seed-index';
import type { Scene7AssetJobLog, Scene7AuxDetail, Scene7JobLog, Scene7User } from './seed-types';

/** What an operation needs once the caller is signed in. */
export interface OperationCall {
  readonly user: Scene7User;
  readonly params: Params;
  readonly apiVersion: string;
  readonly locale: string;
}

/**
 * A schema type as node-soap takes it: each array becomes its wrapper element, holding the
 * entries as `items` (absent for an empty array).
 */
export type NodeSoapShape<T> = T extends readonly (infer Item)[]
  ? { items?: NodeSoapShape<Item>[] }
  : T extends object
    ? { [K in keyof T]: NodeSoapShape<T[K]> }
    : T;

/** `getAssetJobLogsReturn`: `jobLogArray` is required, empty for an asset without logs (§2.2). */
export type AssetJobLogsReply = NodeSoapShape<GetAssetJobLogsReturn>;

/** `getJobLogsReturn` (§3.3). */
export type JobLogsReply = NodeSoapShape<GetJobLogsReturn>;

type AssetJobLogItem = NodeSoapShape<AssetJobLog>;

/** Not published [U]; 1000 mirrors getJobLogDetails' documented recordsPerPage maximum. */
export const DEFAULT_NUM_ROWS = 1000;

/**
 * getAssetJobLogs (§2): both handles required (30002), the company must exist and include the
 * user (20000/20006), the asset must exist in that company (30001). Entries oldest first [I].
 */
export function getAssetJobLogs(index: SeedIndex, call: OperationCall): AssetJobLogsReply {
  return assetJobLogsOf(index, call, index.assetJobLogs);
}

/**
 * getAssetArchivedJobLogs (§3.3, 2021-01-11-beta on): the param shape and checks of
 * getAssetJobLogs, answered from the asset's archived entries [U: undocumented].
 */
export function getAssetArchivedJobLogs(index: SeedIndex, call: OperationCall): AssetJobLogsReply {
  return assetJobLogsOf(index, call, index.archivedAssetJobLogs);
}

function assetJobLogsOf(
  index: SeedIndex,
  call: OperationCall,
  entries: ReadonlyMap<string, readonly Scene7AssetJobLog[]>,
): AssetJobLogsReply {
  const companyHandle = requiredParam(call.params, 'companyHandle');
  const assetHandle = requiredParam(call.params, 'assetHandle');
  const denied = authorizeCompany(call.user, companyHandle, index);
  if (denied !== null) throw denied;
  const asset = index.assets.get(assetHandle);
  if (asset === undefined || asset.companyHandle !== companyHandle) {
    throw ipsApiFault(
      30001,
      `Invalid asset handle '${assetHandle}' for company '${companyHandle}'`,
    );
  }
  const withAux = supportsAuxArray(call.apiVersion);
  const logs = entries.get(assetHandle) ?? [];
  const items = logs.map((entry) => toAssetJobLogItem(entry, call.locale, withAux));
  return { jobLogArray: items.length === 0 ? {} : { items } };
}

type SortKey = (entry: IndexedJobLog, index: SeedIndex) => string | number;

// Job Log Sort Fields (r-job-log-sort-fields.md, §3.3); matched without regard to case [I].
const SORT_KEYS: ReadonlyMap<string, SortKey> = new Map<string, SortKey>([
  ['jobname', (e) => e.log.jobName],
  ['logtype', (e) => e.log.logType],
  ['startdate', (e) => e.startMs],
  ['enddate', (e) => e.endMs],
  ['companyname', (e, index) => index.companies.get(e.log.companyHandle)?.name ?? ''],
  [
    'userid',
    (e, index) => index.usersByEmail.get(e.log.submitUserEmail.toLowerCase())?.handle ?? '',
  ],
  ['email', (e) => e.log.submitUserEmail],
  ['filesuccesscount', (e) => e.log.fileSuccessCount],
  ['fileerrorcount', (e) => e.log.fileErrorCount],
  ['filewarningcount', (e) => e.log.fileWarningCount],
  ['fileduplicatecount', (e) => e.log.fileDuplicateCount],
  ['fileupdatecount', (e) => e.log.fileUpdateCount],
  ['totalfilecount', (e) => e.log.totalFileCount],
]);

/**
 * getJobLogs (§3.3): every parameter optional. Without companyHandle, all companies of the
 * user. startDate/endDate filter the job's startDate, inclusive. Defaults [I]: sortBy StartDate,
 * sortDirection Descending (newest first), numRows 1000.
 */
export function getJobLogs(index: SeedIndex, call: OperationCall): JobLogsReply {
  const { params, user } = call;
  const companyHandle = optionalParam(params, 'companyHandle');
  if (companyHandle !== undefined) {
    const denied = authorizeCompany(user, companyHandle, index);
    if (denied !== null) throw denied;
  }
  const companies = companyHandle === undefined ? user.companyHandles : [companyHandle];
  const submitter = readSubmitter(params, index);
  const sortKey = readSortKey(params);
  const direction = readDirection(params, -1);
  const from = optionalDateTime(params, 'startDate') ?? -Infinity;
  const to = optionalDateTime(params, 'endDate') ?? Infinity;
  const numRows = optionalPositiveInt(params, 'numRows') ?? DEFAULT_NUM_ROWS;
  const rows = index.jobLogs
    .filter((e) => companies.includes(e.log.companyHandle))
    .filter((e) => submitter === undefined || e.log.submitUserEmail.toLowerCase() === submitter)
    .filter((e) => e.startMs >= from && e.startMs <= to)
    .sort(
      (a, b) =>
        direction * compare(sortKey(a, index), sortKey(b, index)) ||
        compare(a.log.jobHandle, b.log.jobHandle),
    )
    .slice(0, numRows)
    .map((e) => toJobLogItem(e.log));
  return { jobLogArray: rows.length === 0 ? {} : { items: rows } };
}

// A fresh object in schema order, so node-soap emits the sequence the ADB parsers expect (§2.4).
export function toJobLogItem(log: Scene7JobLog): Scene7JobLog {
  return {
    companyHandle: log.companyHandle,
    jobHandle: log.jobHandle,
    jobName: log.jobName,
    originalJobName: log.originalJobName,
    submitUserEmail: log.submitUserEmail,
    logType: log.logType,
    jobSubType: log.jobSubType,
    startDate: log.startDate,
    ...(log.endDate === undefined ? {} : { endDate: log.endDate }),
    description: log.description,
    fileSuccessCount: log.fileSuccessCount,
    fileErrorCount: log.fileErrorCount,
    fileWarningCount: log.fileWarningCount,
    fileDuplicateCount: log.fileDuplicateCount,
    fileUpdateCount: log.fileUpdateCount,
    totalFileCount: log.totalFileCount,
    transferSuccessCount: log.transferSuccessCount,
    transferErrorCount: log.transferErrorCount,
    transferWarningCount: log.transferWarningCount,
    fatalError: log.fatalError,
  };
}

/**
 * An asset's entry as the schema's `AssetJobLog`, its messages rendered in `locale`: a fresh
 * object in schema order, auxArray only with content and where the namespace has it (§2.4).
 */
export function renderAssetJobLog(
  entry: Scene7AssetJobLog,
  locale: string,
  withAux: boolean,
): AssetJobLog {
  return {
    jobHandle: entry.jobHandle,
    jobName: entry.jobName,
    logMessage: renderLogMessage(entry.messageKey, entry.messageArgs, locale),
    logType: entry.logType,
    submitUserEmail: entry.submitUserEmail,
    logDate: entry.logDate,
    ...(withAux && entry.auxArray.length > 0
      ? { auxArray: entry.auxArray.map((detail) => toAuxItem(detail, locale)) }
      : {}),
  };
}

// node-soap writes an array's wrapper element from `items`.
function toAssetJobLogItem(
  entry: Scene7AssetJobLog,
  locale: string,
  withAux: boolean,
): AssetJobLogItem {
  const { auxArray, ...item } = renderAssetJobLog(entry, locale, withAux);
  return auxArray === undefined ? item : { ...item, auxArray: { items: auxArray } };
}

/** A JobLogDetailAux item, its message rendered in `locale`. */
export function toAuxItem(detail: Scene7AuxDetail, locale: string): JobLogDetailAux {
  const item: JobLogDetailAux = {
    logMessage: renderLogMessage(detail.messageKey, detail.messageArgs, locale),
    logType: detail.logType,
  };
  if (detail.dateCreated !== undefined) item.dateCreated = detail.dateCreated;
  return item;
}

function readSubmitter(params: Params, index: SeedIndex): string | undefined {
  const userHandle = optionalParam(params, 'userHandle');
  if (userHandle === undefined) return undefined;
  const user = index.usersByHandle.get(userHandle);
  if (user === undefined) throw invalidParameter('userHandle', userHandle);
  return user.email.toLowerCase();
}

function readSortKey(params: Params): SortKey {
  const sortBy = optionalParam(params, 'sortBy');
  const key = SORT_KEYS.get((sortBy ?? 'StartDate').trim().toLowerCase());
  if (key === undefined) throw invalidParameter('sortBy', sortBy ?? '');
  return key;
}

/**
 * Reads sortDirection: 1 ascending, -1 descending, `fallback` when absent. Sort Direction
 * constants are not restated anywhere public [U]; "Ascending"/"Descending" and the short
 * "asc"/"desc" are accepted without regard to case.
 */
export function readDirection(params: Params, fallback: 1 | -1): 1 | -1 {
  const value = optionalParam(params, 'sortDirection');
  if (value === undefined) return fallback;
  const normalized = value.trim().toLowerCase();
  if (normalized === 'ascending' || normalized === 'asc') return 1;
  if (normalized === 'descending' || normalized === 'desc') return -1;
  throw invalidParameter('sortDirection', value);
}

/** Orders two sort keys ascending. */
export function compare(a: string | number, b: string | number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
