import { insertInTimeOrder } from '../shared/append';
import type { LosantApplication, LosantSeed, LosantSeedJobLog } from './seed-types';

/**
 * The job logs the emulator serves: the seed's, copied at start (the seed object is never
 * changed, so two emulators may share one), plus the ones appended while it runs. Each
 * application's logs stay in runQueuedAt order, as the seed's are.
 */
export interface LosantStore {
  /** The application with this (lower-case) id, or undefined. */
  application(id: string): LosantApplication | undefined;
  /** Every application id, in seed order. */
  readonly applicationIds: readonly string[];
  /** True when any application holds a job log with this id. */
  hasJobLog(id: string): boolean;
  /** Adds a job log to an application, after every log queued no later than it. */
  add(applicationId: string, jobLog: LosantSeedJobLog): void;
}

const queuedMs = (log: LosantSeedJobLog): number => Date.parse(log.runQueuedAt ?? '') || 0;

/** Copies the seed's applications into a store the emulator can append to. */
export function createLosantStore(seed: LosantSeed): LosantStore {
  const logs = new Map<string, LosantSeedJobLog[]>();
  const applications = new Map<string, LosantApplication>();
  const ids = new Set<string>();
  for (const application of seed.applications) {
    const jobLogs = [...application.jobLogs];
    logs.set(application.id, jobLogs);
    // The same application, reading the store's list: appended logs are served like seeded ones.
    applications.set(application.id, { id: application.id, name: application.name, jobLogs });
    for (const log of jobLogs) ids.add(log.id);
  }
  return {
    application: (id) => applications.get(id),
    applicationIds: [...applications.keys()],
    hasJobLog: (id) => ids.has(id),
    add(applicationId, jobLog) {
      const list = logs.get(applicationId);
      if (list === undefined) throw new RangeError(`no application ${applicationId}`);
      insertInTimeOrder(list, jobLog, queuedMs);
      ids.add(jobLog.id);
    },
  };
}
