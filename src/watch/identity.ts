import { createHash } from 'node:crypto';
import type { UnifiedJobLog } from '../contract';
import type { WatchEvent } from './types';

/**
 * The event id of a record: the first 32 hex digits of the SHA-256 of its unified id. The same
 * record always gives the same id (on every replica, after every restart), which is what lets
 * receivers and the outbox dedupe on it; hex never contains the `.` that Standard Webhooks forbids
 * in an id.
 */
export function eventIdOf(record: UnifiedJobLog): string {
  return createHash('sha256').update(record.id).digest('hex').slice(0, 32);
}

/** The watch event of a record read from `source`. */
export function eventOf(source: string, record: UnifiedJobLog): WatchEvent {
  return { id: eventIdOf(record), source, status: record.status, time: record.time, record };
}
