import type { BusinessCentralJobQueueLogEntry } from '../../schemas/types/business-central-job-queue-log-entry';
import type { UnifiedJobLog, UnifiedStatus } from '../../contract';
import type { NormalizedJobLog } from '../define';
import { encodeRecordKey } from './key';

/**
 * jobQueueLogEntry status -> unified status, written once. `filter` marks the values the
 * adapter may send in `$filter`: API v2.0 answers and filters with encoded option names
 * (business-central.md §3.1: "In Process" arrives as "In_x0020_Process"); the caption is only
 * accepted on the way in, defensively. Anything else is `unknown`, never an error.
 */
export const STATUS_TABLE: ReadonlyArray<{
  readonly native: string;
  readonly status: UnifiedStatus;
  readonly filter: boolean;
}> = [
  { native: 'Success', status: 'succeeded', filter: true },
  { native: 'In_x0020_Process', status: 'running', filter: true },
  { native: 'In Process', status: 'running', filter: false },
  { native: 'Error', status: 'failed', filter: true },
];

const STATUS_OF: ReadonlyMap<string, UnifiedStatus> = new Map(
  STATUS_TABLE.map(({ native, status }) => [native, status]),
);

/** Maps a native status to the unified one; total over all strings. */
export function statusOf(native: string): UnifiedStatus {
  return STATUS_OF.get(native) ?? 'unknown';
}

/** The native values to put in `$filter` for some unified statuses (none for queued/warning/unknown). */
export function nativeStatusesFor(statuses: readonly UnifiedStatus[]): string[] {
  return STATUS_TABLE.filter(({ status, filter }) => filter && statuses.includes(status)).map(
    ({ native }) => native,
  );
}

/** The blank AL DateTime as BC sends it (§5) [I]. */
export const BLANK_DATE_TIME = '0001-01-01T00:00:00Z';
const BLANK_TIME = Date.parse(BLANK_DATE_TIME);
const BLANK_GUID = '00000000-0000-0000-0000-000000000000';

/** Edm.DateTimeOffset -> RFC 3339 UTC; BC's blank date (0001-01-01T00:00:00Z) -> null. */
export function toUtc(value: string): string | null {
  const time = Date.parse(value);
  if (Number.isNaN(time) || time <= BLANK_TIME) return null;
  return new Date(time).toISOString();
}

const nonEmpty = (value: string): string | null => (value.trim() === '' ? null : value);

/** The unified `target.type` of an AL object type (`Report` -> `report`). */
function targetType(objectType: string): string {
  return objectType.toLowerCase();
}

/** Longest detail message the unified schema takes. */
const MAX_DETAIL = 65_536;

/**
 * Normalizes one jobQueueLogEntry (pure; keeps the record as `raw`). The record time is
 * startDateTime: every log entry has it from the moment the run starts, while endDateTime stays
 * blank until it ends. `callStack` is the errorCallStack stream, when the caller read it.
 */
export function toUnifiedJobLog(
  companyId: string,
  record: BusinessCentralJobQueueLogEntry,
  callStack?: string,
): NormalizedJobLog {
  const started = toUtc(record.startDateTime);
  const ended = toUtc(record.endDateTime);
  const detailTime = ended ?? started;
  const details: UnifiedJobLog['details'] = [];
  if (record.errorMessage !== '') {
    details.push({ message: record.errorMessage, type: 'errorMessage', time: detailTime });
  }
  if (callStack !== undefined && callStack !== '') {
    details.push({
      message: callStack.slice(0, MAX_DETAIL),
      type: 'errorCallStack',
      time: detailTime,
    });
  }
  return {
    key: encodeRecordKey(companyId, record.id),
    job: {
      id: record.jobQueueEntryId.toLowerCase() === BLANK_GUID ? null : record.jobQueueEntryId,
      name: nonEmpty(record.description),
    },
    status: statusOf(record.status),
    nativeStatus: record.status,
    time: started,
    // lastModifiedDateTime (SystemModifiedAt) is a row write time, not a log time: it stays in raw.
    times: { queued: null, started, ended, logged: null },
    message: nonEmpty(record.errorMessage) ?? nonEmpty(record.description),
    user: nonEmpty(record.userId),
    // The log entry carries no object caption (table field not exposed, §3): name stays null.
    target: {
      type: targetType(record.objectTypeToRun),
      id: String(record.objectIdToRun),
      name: null,
      container: companyId,
    },
    details,
    raw: record,
  };
}
