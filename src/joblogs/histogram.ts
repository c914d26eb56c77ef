import { GatewayError } from '../errors/gateway-error';
import { UNIFIED_STATUSES, type UnifiedJobLog, type UnifiedStatus } from '../contract';
import type { WalkEnd, WalkPage } from './walk';

/** The bucket lengths a histogram counts by, in UTC. */
export const HISTOGRAM_BUCKETS = ['hour', 'day'] as const;
export type HistogramBucket = (typeof HISTOGRAM_BUCKETS)[number];

const BUCKET_MS: Readonly<Record<HistogramBucket, number>> = {
  hour: 3_600_000,
  day: 86_400_000,
};

/** Most buckets one histogram has (schemas/job-log-histogram.schema.json says the same). */
export const MAX_BUCKETS = 1000;

/** Longest range counted by the hour unless the caller says otherwise: 72 hours. */
export const HOURLY_RANGE_MS = 72 * BUCKET_MS.hour;

/** Most records one histogram counts; past it the answer says `complete: false`. */
export const HISTOGRAM_RECORD_CAP = 100_000;

/** The buckets of a range: `count` buckets of `size` ms from `first`, a UTC boundary. */
export interface BucketLayout {
  readonly bucket: HistogramBucket;
  /** The range, epoch ms: `since` inclusive, `until` exclusive. */
  readonly since: number;
  readonly until: number;
  /** Start of the first bucket: `since` rounded down to the bucket's UTC boundary. */
  readonly first: number;
  readonly size: number;
  readonly count: number;
}

/** `hour` for a range of at most 72 hours, else `day`. */
export function defaultBucket(since: number, until: number): HistogramBucket {
  return until - since <= HOURLY_RANGE_MS ? 'hour' : 'day';
}

/**
 * The buckets of [since, until) (RFC 3339 times, since before until), aligned to UTC hour or
 * day boundaries (epoch time has no leap seconds, so a multiple of the length is one): the first
 * holds `since`, the last the millisecond before `until`. Throws GW_ERR_INVALID_PARAMETER naming
 * `bucket` when that makes more than MAX_BUCKETS.
 */
export function bucketLayout(since: string, until: string, bucket: HistogramBucket): BucketLayout {
  const from = Date.parse(since);
  const to = Date.parse(until);
  const size = BUCKET_MS[bucket];
  const first = Math.floor(from / size) * size;
  const count = Math.floor((to - 1 - first) / size) + 1;
  if (count > MAX_BUCKETS) {
    throw new GatewayError(
      'GW_ERR_INVALID_PARAMETER',
      `"bucket" ${bucket} makes ${count} buckets from "since" to "until"; at most ${MAX_BUCKETS}: count by day, or shorten the range.`,
      { parameter: 'bucket' },
    );
  }
  return { bucket, since: from, until: to, first, size, count };
}

/** The start of every bucket, oldest first, in UTC. */
export function bucketStarts(layout: BucketLayout): string[] {
  return Array.from({ length: layout.count }, (_, index) =>
    new Date(layout.first + index * layout.size).toISOString(),
  );
}

/** The counts of one source and status, aligned with the layout's buckets. */
export interface HistogramSeries {
  readonly source: string;
  readonly status: UnifiedStatus;
  readonly counts: readonly number[];
}

/** What a walk counted. */
export interface HistogramCounts {
  /** One per source and status with a record, by source id, then in the schema's status order. */
  readonly series: readonly HistogramSeries[];
  /** Records counted, `untimed` included. */
  readonly total: number;
  /** Records without a time: in no bucket. */
  readonly untimed: number;
  /** False when the cap or a failure stopped the walk before its end. */
  readonly complete: boolean;
  /**
   * Sources that failed on a page after the first (the walk left them out from there), then what
   * ended the walk early when every source still read failed (its source, when it has one).
   */
  readonly errors: ReadonlyArray<{ readonly source?: string; readonly error: GatewayError }>;
  /** Per source, how many records failed validation and were not counted. */
  readonly invalid: ReadonlyArray<{ readonly source: string; readonly count: number }>;
}

/**
 * Counts the records of a walk (walkJobLogs) into the layout's buckets, per source and status,
 * page by page (no page is kept), until the walk ends or `cap` records are counted: a record past
 * the cap ends the count with `complete: false`. A record outside [since, until) is none the
 * filters select (the sources apply them) and is not counted. The first page's failure is thrown,
 * as the walk throws it.
 */
export async function countJobLogs(
  pages: AsyncGenerator<WalkPage, WalkEnd>,
  layout: BucketLayout,
  cap: number = HISTOGRAM_RECORD_CAP,
): Promise<HistogramCounts> {
  const counts = new Map<string, Map<UnifiedStatus, number[]>>();
  const errors: Array<{ source?: string; error: GatewayError }> = [];
  const invalid = new Map<string, number>();
  let total = 0;
  let untimed = 0;

  const count = (record: UnifiedJobLog): void => {
    let index: number | undefined;
    if (record.time !== null) {
      const time = Date.parse(record.time);
      if (Number.isNaN(time) || time < layout.since || time >= layout.until) return;
      index = Math.floor((time - layout.first) / layout.size);
    }
    total += 1;
    if (index === undefined) {
      untimed += 1;
      return;
    }
    let byStatus = counts.get(record.source.id);
    if (byStatus === undefined)
      counts.set(record.source.id, (byStatus = new Map<UnifiedStatus, number[]>()));
    let series = byStatus.get(record.status);
    if (series === undefined)
      byStatus.set(record.status, (series = new Array<number>(layout.count).fill(0)));
    series[index] = (series[index] ?? 0) + 1;
  };

  let complete = true;
  for (;;) {
    const step = await pages.next();
    if (step.done === true) {
      if (!step.value.complete) {
        complete = false;
        const { error } = step.value;
        errors.push({ ...(error.source === undefined ? {} : { source: error.source }), error });
      }
      break;
    }
    const page = step.value;
    for (const { source, error } of page.errors) errors.push({ source, error });
    for (const { source, records } of page.invalid)
      invalid.set(source, (invalid.get(source) ?? 0) + records.length);
    let capped = false;
    for (const record of page.items) {
      if (total >= cap) {
        capped = true;
        break;
      }
      count(record);
    }
    if (capped) {
      complete = false;
      // Ends the walk: no further page is read.
      await pages.return({ complete: true });
      break;
    }
  }

  const series = [...counts.keys()].sort().flatMap((source) => {
    const byStatus = counts.get(source)!;
    return UNIFIED_STATUSES.filter((status) => byStatus.has(status)).map((status) => ({
      source,
      status,
      counts: byStatus.get(status)!,
    }));
  });
  return {
    series,
    total,
    untimed,
    complete,
    errors,
    invalid: [...invalid].map(([source, number]) => ({ source, count: number })),
  };
}
