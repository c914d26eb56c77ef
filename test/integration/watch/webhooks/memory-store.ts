/**
 * An in-memory WatchStore for the dispatcher tests: only the delivery-job half (commit's
 * deliveries, claimDue, complete, reschedule) does anything; the outbox, marks and leases are
 * not used by the dispatcher and throw. The real stores live in src/watch/store/.
 */
import type { DeliveryJob, WatchStore } from '../../../../src/watch/types';

export interface MemoryDeliveryStore extends WatchStore {
  /** Jobs still pending (due or claimed), by job id. */
  readonly pending: Map<string, DeliveryJob>;
  /** Every job as completed, in order. */
  readonly completed: DeliveryJob[];
  /** Every job as rescheduled, in order. */
  readonly rescheduled: DeliveryJob[];
}

const unused = (what: string) => () => {
  throw new Error(`${what} is not part of the delivery-only test store`);
};

/** A delivery-only WatchStore kept in memory; `now` is the clock claims hide jobs by. */
export function createMemoryDeliveryStore(jobs: readonly DeliveryJob[] = []): MemoryDeliveryStore {
  const pending = new Map(jobs.map((job) => [job.id, job]));
  const hiddenUntil = new Map<string, number>();
  const completed: DeliveryJob[] = [];
  const rescheduled: DeliveryJob[] = [];
  return {
    kind: 'file',
    pending,
    completed,
    rescheduled,
    load: unused('load'),
    commit(_source, _lease, update) {
      for (const job of update.deliveries) pending.set(job.id, job);
      return Promise.resolve(true);
    },
    readAfter: unused('readAfter'),
    subscribe: unused('subscribe'),
    acquire: unused('acquire'),
    renew: unused('renew'),
    release: unused('release'),
    claimDue(now, limit, visibilityMs) {
      const due = [...pending.values()]
        .filter((job) => job.dueAt <= now && (hiddenUntil.get(job.id) ?? -Infinity) <= now)
        .sort((a, b) => a.dueAt - b.dueAt)
        .slice(0, limit);
      for (const job of due) hiddenUntil.set(job.id, now + visibilityMs);
      return Promise.resolve(due);
    },
    complete(job) {
      pending.delete(job.id);
      hiddenUntil.delete(job.id);
      completed.push(job);
      return Promise.resolve();
    },
    reschedule(job) {
      pending.set(job.id, job);
      hiddenUntil.delete(job.id);
      rescheduled.push(job);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
