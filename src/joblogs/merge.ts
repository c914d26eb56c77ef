import type { UnifiedJobLog } from '../contract';

/**
 * Orders records newest first by `time` (records without a time last), ties broken by id so
 * the order is total and stable across calls and sources.
 */
export function compareNewestFirst(a: UnifiedJobLog, b: UnifiedJobLog): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time < b.time ? 1 : -1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Merges per-source record lists into one list, newest first, at most `limit` long. */
export function mergeNewestFirst(
  lists: ReadonlyArray<readonly UnifiedJobLog[]>,
  limit: number,
): UnifiedJobLog[] {
  return lists.flat().sort(compareNewestFirst).slice(0, limit);
}
