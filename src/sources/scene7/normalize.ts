import { xsdDateTimeToUtc } from '../../codec';
import type { AssetJobLog, JobLog, JobLogDetailAux } from '../../schemas/types/scene7-ips';
import type { UnifiedJobLog, UnifiedStatus } from '../../contract';
import type { NormalizedJobLog } from '../define';
import { encodeRecordKey } from './key';

/**
 * IPS Job Log Types -> unified status (scene7-ips.md §3.1). Exact names first, then the
 * families the list is built from. Anything else is `unknown`, never an error: IPS adds types.
 */
const EXACT_STATUS: Readonly<Record<string, UnifiedStatus>> = {
  FileUpdated: 'succeeded',
  FileEnd: 'succeeded',
  ReturnSuccess: 'succeeded',
  FileBegin: 'running',
  FileProgress: 'running',
  DuplicateSkipped: 'warning',
  FatalError: 'failed',
  FileCancel: 'failed',
  PdfRipError: 'failed',
};

const SUFFIX_STATUS: ReadonlyArray<readonly [string, UnifiedStatus]> = [
  ['success', 'succeeded'],
  ['error', 'failed'],
  ['failure', 'failed'],
  ['warning', 'warning'],
];

/** Maps an IPS logType to the unified status; total over all strings. */
export function statusOfLogType(logType: string): UnifiedStatus {
  const exact = Object.hasOwn(EXACT_STATUS, logType) ? EXACT_STATUS[logType] : undefined;
  if (exact !== undefined) return exact;
  const lower = logType.toLowerCase();
  for (const [suffix, status] of SUFFIX_STATUS) if (lower.endsWith(suffix)) return status;
  if (lower.startsWith('begin')) return 'running';
  return 'unknown';
}

/** Status of a whole job (JobLog): fatal or failed files beat warnings; no end means running. */
export function statusOfJob(job: JobLog): UnifiedStatus {
  if (job.fatalError || job.fileErrorCount > 0 || job.transferErrorCount > 0) return 'failed';
  if (job.fileWarningCount > 0 || job.transferWarningCount > 0) return 'warning';
  if (job.endDate === undefined) return job.startDate === undefined ? 'unknown' : 'running';
  return 'succeeded';
}

/** xsd:dateTime -> RFC 3339 UTC; IPS sends offsets (`2007-10-24T16:12:32.297-07:00`). */
export function toUtc(value: string | undefined): string | null {
  return value === undefined ? null : (xsdDateTimeToUtc(value) ?? null);
}

function details(aux: readonly JobLogDetailAux[] | undefined): UnifiedJobLog['details'] {
  return (aux ?? []).map((item) => ({
    message: item.logMessage,
    type: item.logType,
    time: toUtc(item.dateCreated),
  }));
}

const nonEmpty = (value: string): string | null => (value === '' ? null : value);

/** Normalizes one getAssetJobLogs record of an asset (pure; keeps the record as `raw`). */
export function assetJobLogToUnified(
  companyHandle: string,
  assetHandle: string,
  record: AssetJobLog,
): NormalizedJobLog {
  const logged = toUtc(record.logDate);
  const { jobHandle, logType, logDate } = record;
  return {
    key: encodeRecordKey(['a', companyHandle, assetHandle, jobHandle, logType, logDate]),
    job: { id: record.jobHandle, name: record.jobName },
    status: statusOfLogType(record.logType),
    nativeStatus: record.logType,
    time: logged,
    times: { queued: null, started: null, ended: null, logged },
    message: record.logMessage,
    user: nonEmpty(record.submitUserEmail),
    target: { type: 'asset', id: assetHandle, name: null, container: companyHandle },
    details: details(record.auxArray),
    raw: record,
  };
}

/** Normalizes one getJobLogs record (pure; keeps the record as `raw`). */
export function jobLogToUnified(record: JobLog): NormalizedJobLog {
  const started = toUtc(record.startDate);
  const jobDetails = (record.detailArray ?? []).map((item) => ({
    message: item.logMessage,
    type: item.logType,
    time: toUtc(item.dateCreated),
  }));
  return {
    key: encodeRecordKey(['j', record.companyHandle, record.jobHandle, record.startDate ?? '']),
    job: { id: record.jobHandle, name: record.jobName },
    status: statusOfJob(record),
    nativeStatus: record.logType,
    time: started,
    times: { queued: null, started, ended: toUtc(record.endDate), logged: null },
    message: nonEmpty(record.description),
    user: nonEmpty(record.submitUserEmail),
    target: { type: 'company', id: record.companyHandle, name: null, container: null },
    details: jobDetails,
    raw: record,
  };
}
