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

/** An application whose job log list the store appends to: the routes read that same list. */
interface StoredApplication extends LosantApplication {
  readonly jobLogs: LosantSeedJobLog[];
}

/** Copies the seed's applications into a store the emulator can append to. */
export function createLosantStore(seed: LosantSeed): LosantStore {
  const applications = new Map<string, StoredApplication>(
    seed.applications.map(({ id, name, jobLogs }) => [id, { id, name, jobLogs: [...jobLogs] }]),
  );
  const ids = new Set(seed.applications.flatMap(({ jobLogs }) => jobLogs.map((log) => log.id)));
  return {
    application: (id) => applications.get(id),
    applicationIds: [...applications.keys()],
    hasJobLog: (id) => ids.has(id),
    add(applicationId, jobLog) {
      const application = applications.get(applicationId);
      if (application === undefined) throw new RangeError(`no application ${applicationId}`);
      insertInTimeOrder(application.jobLogs, jobLog, queuedMs);
      ids.add(jobLog.id);
    },
  };
}
