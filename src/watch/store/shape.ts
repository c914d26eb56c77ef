/**
 * Checks that data read back from the store's own file or keys still has the watch shapes: the
 * store wrote it, but a file edited by hand, a disk fault or another program sharing the Redis
 * keys can change it. Records inside events are checked only for their envelope (the sources
 * validated them against the unified schema when they were first read).
 */
import { UNIFIED_STATUSES } from '../../contract';
import type { DeliveryJob, SourceMark, StoredEvent, WatchEvent } from '../types';

/** Events the outbox keeps for replay unless told otherwise. */
export const DEFAULT_BUFFER_SIZE = 1000;

const STATUSES: ReadonlySet<string> = new Set(UNIFIED_STATUSES);

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `value` (never one inherited from a prototype). */
export function own(value: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A source mark: `hwm` a number or null, `seen` an object of event id -> epoch ms. */
export function isSourceMark(value: unknown): value is SourceMark {
  if (!isObject(value)) return false;
  const hwm = own(value, 'hwm');
  const seen = own(value, 'seen');
  return (
    (hwm === null || isFiniteNumber(hwm)) &&
    isObject(seen) &&
    Object.values(seen).every(isFiniteNumber)
  );
}

/** A watch event: string id and source, a unified status, a time or null, a record object. */
export function isWatchEvent(value: unknown): value is WatchEvent {
  if (!isObject(value)) return false;
  const time = own(value, 'time');
  const status = own(value, 'status');
  const record = own(value, 'record');
  return (
    typeof own(value, 'id') === 'string' &&
    typeof own(value, 'source') === 'string' &&
    typeof status === 'string' &&
    STATUSES.has(status) &&
    (time === null || typeof time === 'string') &&
    isObject(record) &&
    typeof own(record, 'id') === 'string'
  );
}

/** A delivery job: ids, endpoint, a watch event, a whole attempt count and a due time. */
export function isDeliveryJob(value: unknown): value is DeliveryJob {
  if (!isObject(value)) return false;
  const attempt = own(value, 'attempt');
  const lastOutcome = own(value, 'lastOutcome');
  return (
    typeof own(value, 'id') === 'string' &&
    typeof own(value, 'endpoint') === 'string' &&
    isWatchEvent(own(value, 'event')) &&
    Number.isSafeInteger(attempt) &&
    (attempt as number) >= 0 &&
    isFiniteNumber(own(value, 'dueAt')) &&
    (lastOutcome === undefined || typeof lastOutcome === 'string')
  );
}

/** The mark of a source never committed. */
export function emptyMark(): SourceMark {
  return { hwm: null, seen: {} };
}

/** The event's own fields only (a StoredEvent passed as a WatchEvent loses its old position). */
export function eventFields(event: WatchEvent): WatchEvent {
  const { id, source, status, time, record } = event;
  return { id, source, status, time, record };
}

/** The event as the outbox keeps it: its own fields and its position, nothing else. */
export function storedEvent(event: WatchEvent, position: string): StoredEvent {
  return { ...eventFields(event), position };
}

/** Throws a RangeError unless `value` is a whole number >= `min` (a caller's mistake, not data). */
export function checkCount(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number >= ${min}, not ${value}`);
  }
}
