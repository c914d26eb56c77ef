import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import type { CallContext, UnifiedJobLog, UnifiedStatus } from '../contract';
import { GatewayError, toGatewayError } from '../errors/gateway-error';
import type { JobLogService } from '../joblogs/service';
import { walkJobLogs } from '../joblogs/walk';
import { eventOf } from './identity';
import type { DeliveryJob, Lease, SourceMark, WatchEvent, WatchStore } from './types';

/** How one source is watched (watch: in the config, with its defaults filled). */
export interface SourceWatchSettings {
  /** The records wanted; undefined = every status. */
  readonly statuses: readonly UnifiedStatus[] | undefined;
  /** How far before the high-water mark each poll reads again, for records that arrive late. */
  readonly lookbackMs: number;
  /** Records newer than now minus this are left for the next poll (0: none). */
  readonly settleMs: number;
  /** Records per page of a poll's walk. */
  readonly pageSize: number;
  /** Deadline of one poll, every page included. */
  readonly pollTimeoutMs: number;
}

/** What a poll found and committed. */
export interface PollResult {
  readonly events: readonly WatchEvent[];
  /** Records the source sent that failed validation (reported, never dropped silently). */
  readonly invalid: number;
  /** False when the store refused the commit: the lease was lost meanwhile. */
  readonly committed: boolean;
}

export interface SourceWatcherDeps {
  readonly source: string;
  readonly service: JobLogService;
  readonly store: WatchStore;
  readonly settings: SourceWatchSettings;
  readonly logger: Logger;
  /** The webhook jobs of a new event (committed with it, so none is lost or sent twice). */
  readonly jobsFor: (event: WatchEvent, now: number) => readonly DeliveryJob[];
  /** When the watcher first started: on a source's very first poll, only newer records notify. */
  readonly startedAt: number;
  readonly now?: () => number;
}

/** A record's time in epoch ms, or `fallback` when it has none. */
function timeOf(record: UnifiedJobLog, fallback: number): number {
  if (record.time === null) return fallback;
  const time = Date.parse(record.time);
  return Number.isNaN(time) ? fallback : time;
}

/** Oldest first, ties by id: the order events go into the outbox. */
function byTime(a: WatchEvent, b: WatchEvent): number {
  const ta = a.time === null ? Infinity : Date.parse(a.time);
  const tb = b.time === null ? Infinity : Date.parse(b.time);
  return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Watches one source: each poll reads every page of `[hwm - lookback, now - settle)` (the time
 * window pushed down to the upstream, statuses too), keeps the records whose event id is not in
 * the mark's seen-set, and commits them with the new mark and their webhook jobs in one atomic
 * store write. Dedupe is by record identity, never by time, so equal timestamps and late records
 * (older time, visible later, within the lookback) are each seen exactly once. A poll that fails
 * anywhere (a source error, a truncated walk) commits nothing and throws: the next poll reads the
 * same window again.
 *
 * On a source's first poll ever (no saved mark), the records already there become the baseline:
 * they are marked seen, and only those newer than the watcher's start are notified.
 */
export function createSourceWatcher(deps: SourceWatcherDeps) {
  const { source, service, store, settings, logger } = deps;
  const now = deps.now ?? Date.now;

  function contextFor(deadline: number, signal: AbortSignal): CallContext {
    return { signal, deadline, requestId: `watch-${randomUUID()}`, logger };
  }

  /** Every record of the window, or throws what stopped the walk. */
  async function readWindow(since: number, until: number | undefined) {
    const deadline = now() + settings.pollTimeoutMs;
    const signal = AbortSignal.timeout(settings.pollTimeoutMs);
    const query = {
      since: new Date(since).toISOString(),
      ...(until === undefined ? {} : { until: new Date(until).toISOString() }),
      ...(settings.statuses === undefined ? {} : { status: settings.statuses }),
      limit: settings.pageSize,
    };
    const records: UnifiedJobLog[] = [];
    let invalid = 0;
    const pages = walkJobLogs(
      service,
      { query },
      {
        sources: [source],
        pageSize: settings.pageSize,
        contextFor: () => contextFor(deadline, signal),
      },
    );
    for (;;) {
      const step = await pages.next();
      if (step.done === true) {
        if (!step.value.complete) throw step.value.error;
        break;
      }
      const failure = step.value.errors[0];
      if (failure !== undefined) throw failure.error;
      records.push(...step.value.items);
      for (const entry of step.value.invalid) invalid += entry.records.length;
    }
    return { records, invalid };
  }

  return {
    source,
    /** One poll under `lease` (undefined for the file store): reads, dedupes, commits. */
    async poll(lease: Lease | undefined): Promise<PollResult> {
      const mark: SourceMark = await store.load(source);
      const pollStart = now();
      const first = mark.hwm === null;
      const hwm = mark.hwm ?? deps.startedAt;
      const since = hwm - settings.lookbackMs;
      const until = settings.settleMs > 0 ? pollStart - settings.settleMs : undefined;
      let window;
      try {
        window = await readWindow(since, until);
      } catch (error) {
        throw toGatewayError(error);
      }
      const seen: Record<string, number> = { ...mark.seen };
      const events: WatchEvent[] = [];
      let newest = mark.hwm ?? Number.NEGATIVE_INFINITY;
      for (const record of window.records) {
        const event = eventOf(source, record);
        if (Object.hasOwn(seen, event.id)) continue;
        const time = timeOf(record, pollStart);
        seen[event.id] = time;
        newest = Math.max(newest, time);
        if (first && time < deps.startedAt) continue;
        events.push(event);
      }
      events.sort(byTime);
      const nextHwm = Number.isFinite(newest) ? newest : hwm;
      // Forget what the next window cannot read again.
      const floor = nextHwm - settings.lookbackMs;
      for (const [id, time] of Object.entries(seen)) if (time < floor) delete seen[id];
      const at = now();
      const deliveries = events.flatMap((event) => deps.jobsFor(event, at));
      const committed = await store.commit(source, lease, {
        mark: { hwm: nextHwm, seen },
        events,
        deliveries,
      });
      if (!committed)
        logger.warn({ source }, 'watch: the lease on this source was lost; poll not committed');
      if (window.invalid > 0)
        logger.warn(
          { source, invalid: window.invalid },
          'watch: records failed validation and were not notified (see GET /v1/job-logs invalid)',
        );
      return { events: committed ? events : [], invalid: window.invalid, committed };
    },
  };
}

export type SourceWatcher = ReturnType<typeof createSourceWatcher>;

/** Every reason a poll can fail for (the poll-errors counter is pre-set with each). */
export const POLL_ERROR_REASONS = [
  'timeout',
  'breaker_open',
  'credentials',
  'throttled',
  'unreachable',
  'upstream',
  'store',
] as const;

/** Why a poll failed, as a bounded metric label. */
export function pollErrorReason(error: unknown): (typeof POLL_ERROR_REASONS)[number] {
  if (error instanceof GatewayError) {
    switch (error.code) {
      case 'GW_ERR_UPSTREAM_TIMEOUT':
      case 'GW_ERR_REQUEST_TIMEOUT':
        return 'timeout';
      case 'GW_ERR_SOURCE_UNAVAILABLE':
        return 'breaker_open';
      case 'GW_ERR_UPSTREAM_REJECTED_CREDS':
        return 'credentials';
      case 'GW_ERR_UPSTREAM_THROTTLED':
        return 'throttled';
      case 'GW_ERR_UPSTREAM_UNREACHABLE':
        return 'unreachable';
      default:
        return 'upstream';
    }
  }
  return 'store';
}
