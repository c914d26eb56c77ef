import { compareNewestFirst, type UnifiedJobLog } from '../contract';

/** Merges per-source record lists into one list, newest first, at most `limit` long. */
export function mergeNewestFirst(
  lists: ReadonlyArray<readonly UnifiedJobLog[]>,
  limit: number,
): UnifiedJobLog[] {
  return lists.flat().sort(compareNewestFirst).slice(0, limit);
}
