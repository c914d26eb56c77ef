import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import type { UnifiedJobLog, UnifiedStatus } from '../../contract';
import type { NormalizedJobLog } from '../define';
import { encodeRecordKey } from './key';

/** The status values of Losant's published Application Job Log schema. */
export type LosantStatus = NonNullable<LosantJobLog['status']>;

/**
 * Losant job-log status -> unified status (losant.md §6), the one table both directions read.
 * The difference between `errored` and `failed` is undocumented [I]; both are failures.
 */
export const STATUS_TABLE: Readonly<Record<LosantStatus, UnifiedStatus>> = {
  queued: 'queued',
  inProgress: 'running',
  completed: 'succeeded',
  errored: 'failed',
  failed: 'failed',
};

/** Losant's five statuses, in the order of its published schema. */
export const NATIVE_STATUSES = Object.keys(STATUS_TABLE) as readonly LosantStatus[];

/** Maps a Losant status to the unified one; total: absent or unheard-of values are `unknown`. */
export function statusOfLosant(status: unknown): UnifiedStatus {
  if (typeof status !== 'string' || !Object.hasOwn(STATUS_TABLE, status)) return 'unknown';
  return STATUS_TABLE[status as LosantStatus];
}

/** The Losant statuses that map to a unified status (none for `warning` and `unknown`). */
export function losantStatusesOf(status: UnifiedStatus): LosantStatus[] {
  return NATIVE_STATUSES.filter((native) => STATUS_TABLE[native] === status);
}

/** A Losant job log as the gateway reads it: the published shape, with the `id` it requires. */
export type LosantRecord = LosantJobLog & { readonly id: string };

/** A Losant `date-time` -> RFC 3339 UTC with milliseconds; absent or unreadable -> null. */
export function toUtc(value: string | undefined): string | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** "Exporting devices (5 of 10)": progress.status and the counts, whichever are there. */
function progressText(progress: NonNullable<LosantJobLog['progress']>): string | undefined {
  const { completed, total, status } = progress;
  const counts =
    completed === undefined
      ? undefined
      : total === undefined
        ? `${completed} done`
        : `${completed} of ${total}`;
  if (status !== undefined && status !== '')
    return counts === undefined ? status : `${status} (${counts})`;
  return counts;
}

/** Detail lines: the error (name as type, at completion) and the progress, when present. */
export function detailsOf(record: LosantJobLog): UnifiedJobLog['details'] {
  const details: UnifiedJobLog['details'] = [];
  const { error, progress } = record;
  const errorText = error?.message ?? error?.name;
  if (errorText !== undefined) {
    details.push({
      message: errorText,
      type: error?.name ?? 'error',
      time: toUtc(record.runCompletedAt),
    });
  }
  const text = progress === undefined ? undefined : progressText(progress);
  if (text !== undefined) details.push({ message: text, type: 'progress', time: null });
  return details;
}

function targetOf(record: LosantJobLog, applicationId: string): UnifiedJobLog['target'] {
  if (record.resourceType === undefined && record.resourceId === undefined) return null;
  return {
    type: record.resourceType ?? 'unknown',
    id: record.resourceId ?? null,
    name: null,
    // Every record of /applications/{id}/jobLogs belongs to that application (losant.md §2.2).
    container: record.applicationId ?? applicationId,
  };
}

/**
 * Normalizes one Losant Application Job Log (pure; keeps the record as `raw`). The record time
 * is runQueuedAt (query.ts TIME_FIELD); `logged` stays null: Losant keeps no separate log time.
 */
export function jobLogToUnified(applicationId: string, record: LosantRecord): NormalizedJobLog {
  const queued = toUtc(record.runQueuedAt);
  return {
    key: encodeRecordKey(record.id),
    job: { id: record.jobId ?? null, name: record.name ?? null },
    status: statusOfLosant(record.status),
    nativeStatus: record.status ?? null,
    time: queued,
    times: {
      queued,
      started: toUtc(record.runStartedAt),
      ended: toUtc(record.runCompletedAt),
      logged: null,
    },
    message: record.error?.message ?? null,
    user: record.requestedById ?? null,
    target: targetOf(record, applicationId),
    details: detailsOf(record),
    raw: record,
  };
}
