import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { pollErrorReason, type PollResult, type SourceWatcher } from './watcher';
import type { Lease, WatchStore } from './types';

/** What the coordinator reports, for metrics. */
export interface WatchObserver {
  /** A poll committed (its new events, possibly none). */
  polled(source: string, result: PollResult): void;
  /** A poll failed; `reason` is a bounded label (pollErrorReason). */
  pollFailed(source: string, reason: string): void;
  /** This process took or lost the lease on polling a source. */
  leader(source: string, held: boolean): void;
}

export interface CoordinatorDeps {
  readonly watchers: readonly SourceWatcher[];
  readonly store: WatchStore;
  readonly intervalMs: number;
  readonly leaseTtlMs: number;
  readonly logger: Logger;
  readonly observer: WatchObserver;
  /** Called after each committed poll that found events (kicks the webhook dispatcher). */
  readonly onCommitted: (result: PollResult) => void;
}

/**
 * Runs every source's watcher on its interval, on the replica that holds that source's lease:
 * exactly one replica polls a source at a time, and another takes over within about one lease
 * TTL when it dies. Leases are renewed every third of their TTL; a failed renewal, or a lease
 * whose TTL may have passed on the monotonic clock, stops polling at once (and the store refuses
 * a commit under a lost lease anyway: the fencing check). Polls of one source never overlap.
 */
export function createWatchCoordinator(deps: CoordinatorDeps) {
  const { store, logger, observer } = deps;
  const renewEvery = Math.max(50, Math.floor(deps.leaseTtlMs / 3));
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  /** Each source's lease release, run on close. */
  const releases: Array<() => Promise<void>> = [];
  let stopped = false;

  function later(ms: number, run: () => Promise<void>): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const work = run().catch((error: unknown) =>
        logger.error({ err: error }, 'watch: unexpected error'),
      );
      running.add(work);
      void work.finally(() => running.delete(work));
    }, ms);
    timers.add(timer);
  }

  function watch(watcher: SourceWatcher): void {
    const { source } = watcher;
    let lease: Lease | undefined;
    let polling = false;
    const log = logger.child({ source });

    const lose = (why: string): void => {
      if (lease === undefined) return;
      lease = undefined;
      observer.leader(source, false);
      log.warn(`watch: stopped polling this source (${why})`);
    };

    async function keepLease(): Promise<void> {
      try {
        if (lease !== undefined && performance.now() >= lease.validUntil) lose('lease lapsed');
        if (lease === undefined) {
          lease = await store.acquire(source, deps.leaseTtlMs);
          if (lease !== undefined) {
            observer.leader(source, true);
            log.info('watch: this replica polls this source');
            later(0, poll);
          }
        } else {
          const renewed = await store.renew(lease, deps.leaseTtlMs);
          if (renewed === undefined) lose('lease taken over');
          else lease = renewed;
        }
      } catch (error) {
        log.warn({ err: error }, 'watch: the lease could not be checked');
        if (lease !== undefined && performance.now() >= lease.validUntil) lose('lease lapsed');
      }
      later(renewEvery, keepLease);
    }

    async function poll(): Promise<void> {
      if (polling || stopped) return;
      const held = lease;
      if (held === undefined || performance.now() >= held.validUntil) return;
      polling = true;
      try {
        const result = await watcher.poll(held);
        if (result.committed) {
          observer.polled(source, result);
          if (result.events.length > 0) deps.onCommitted(result);
        } else {
          lose('commit refused: lease lost');
        }
      } catch (error) {
        const reason = pollErrorReason(error);
        observer.pollFailed(source, reason);
        log.warn({ err: error, reason }, 'watch: poll failed; the same window is read next time');
      } finally {
        polling = false;
      }
    }

    async function pollLoop(): Promise<void> {
      await poll();
      later(deps.intervalMs, pollLoop);
    }

    observer.leader(source, false);
    later(0, keepLease);
    later(deps.intervalMs, pollLoop);
    // Leases released on close: another replica takes over at once instead of after the TTL.
    releases.push(async () => {
      const held = lease;
      lease = undefined;
      if (held !== undefined) await store.release(held).catch(() => undefined);
    });
  }

  return {
    start(): void {
      for (const watcher of deps.watchers) watch(watcher);
    },
    /** Stops polling, waits for polls in progress, releases the leases. */
    async close(): Promise<void> {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
      await Promise.allSettled(releases.map((release) => release()));
    },
  };
}
