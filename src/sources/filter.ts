import type { JobLogQuery, UnifiedJobLog } from '../contract';

/**
 * Whether a normalized record satisfies a query's status and time range (`since` inclusive,
 * `until` exclusive, on `time`; a record without a time is in no range). Adapters apply it to
 * what the upstream could not filter, and as a safety net behind what they pushed down.
 */
export function matchesQuery(record: UnifiedJobLog, query: JobLogQuery): boolean {
  if (query.status !== undefined && !query.status.includes(record.status)) return false;
  if (query.since === undefined && query.until === undefined) return true;
  const time = record.time === null ? Number.NaN : Date.parse(record.time);
  return (
    !Number.isNaN(time) &&
    (query.since === undefined || time >= Date.parse(query.since)) &&
    (query.until === undefined || time < Date.parse(query.until))
  );
}
