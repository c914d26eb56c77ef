import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import type { UnifiedStatus } from '../../contract';

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

const NATIVE_STATUSES = Object.keys(STATUS_TABLE) as LosantStatus[];

/** Maps a Losant status to the unified one; total: absent or unheard-of values are `unknown`. */
export function statusOfLosant(status: unknown): UnifiedStatus {
  if (typeof status !== 'string' || !Object.hasOwn(STATUS_TABLE, status)) return 'unknown';
  return STATUS_TABLE[status as LosantStatus];
}

/** The Losant statuses that map to a unified status (none for `warning` and `unknown`). */
export function losantStatusesOf(status: UnifiedStatus): LosantStatus[] {
  return NATIVE_STATUSES.filter((native) => STATUS_TABLE[native] === status);
}
