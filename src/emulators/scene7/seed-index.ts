import { insertInTimeOrder } from '../shared/append';
import { parseDateTime } from './date-time';
import type {
  Scene7Asset,
  Scene7AssetJobLog,
  Scene7Company,
  Scene7JobLog,
  Scene7JobLogDetail,
  Scene7Seed,
  Scene7User,
} from './seed-types';

/** A job log with its instants, for date filters and sorting (a running job ends at +Infinity). */
export interface IndexedJobLog {
  readonly log: Scene7JobLog;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Lookups over the served data, built once when the emulator starts from a copy of the seed
 * (which is never changed) and grown by `addJobLog` / `addAssetJobLog`, which keep every
 * lookup in step.
 */
export interface SeedIndex {
  readonly companies: ReadonlyMap<string, Scene7Company>;
  /** By lower-cased email: sign-in ignores the case of the email [I]. */
  readonly usersByEmail: ReadonlyMap<string, Scene7User>;
  readonly usersByHandle: ReadonlyMap<string, Scene7User>;
  readonly assets: ReadonlyMap<string, Scene7Asset>;
  /** Per asset handle, oldest first. */
  readonly assetJobLogs: ReadonlyMap<string, readonly Scene7AssetJobLog[]>;
  readonly jobLogs: readonly IndexedJobLog[];
  /** Per jobHandle, the job's detail lines in time order (getJobLogDetails sorts them again). */
  readonly jobLogDetails: ReadonlyMap<string, readonly Scene7JobLogDetail[]>;
  /** Per asset handle, the archived entries, oldest first (getAssetArchivedJobLogs). */
  readonly archivedAssetJobLogs: ReadonlyMap<string, readonly Scene7AssetJobLog[]>;
  /** True when a job log has this jobHandle. */
  hasJobHandle(jobHandle: string): boolean;
  /**
   * Adds a job log (getJobLogs sorts on every call) with its detail lines; throws on a taken
   * jobHandle or bad date.
   */
  addJobLog(log: Scene7JobLog, details: readonly Scene7JobLogDetail[]): void;
  /** Adds an asset job log after every entry of its asset logged no later than it. */
  addAssetJobLog(entry: Scene7AssetJobLog): void;
}

/** Indexes a seed; throws when a seeded date is not an xsd:dateTime. */
export function indexSeed(seed: Scene7Seed): SeedIndex {
  const assetJobLogs = byAssetOldestFirst(seed.assetJobLogs);
  const jobLogs = seed.jobLogs.map(indexJobLog);
  const jobHandles = new Set(seed.jobLogs.map((log) => log.jobHandle));
  const jobLogDetails = new Map<string, Scene7JobLogDetail[]>();
  for (const detail of seed.jobLogDetails) {
    const list = jobLogDetails.get(detail.jobHandle) ?? [];
    list.push(detail);
    jobLogDetails.set(detail.jobHandle, list);
  }
  return {
    companies: new Map(seed.companies.map((c) => [c.handle, c])),
    usersByEmail: new Map(seed.users.map((u) => [u.email.toLowerCase(), u])),
    usersByHandle: new Map(seed.users.map((u) => [u.handle, u])),
    assets: new Map(seed.assets.map((a) => [a.handle, a])),
    assetJobLogs,
    jobLogs,
    jobLogDetails,
    archivedAssetJobLogs: byAssetOldestFirst(seed.archivedAssetJobLogs),
    hasJobHandle: (jobHandle) => jobHandles.has(jobHandle),
    addJobLog(log, details) {
      if (jobHandles.has(log.jobHandle)) throw new RangeError(`job ${log.jobHandle} exists`);
      jobLogs.push(indexJobLog(log));
      jobHandles.add(log.jobHandle);
      jobLogDetails.set(log.jobHandle, [...details]);
    },
    addAssetJobLog(entry) {
      const list = assetJobLogs.get(entry.assetHandle) ?? [];
      insertInTimeOrder(list, entry, ({ logDate }) => instant(logDate));
      assetJobLogs.set(entry.assetHandle, list);
    },
  };
}

function byAssetOldestFirst(
  entries: readonly Scene7AssetJobLog[],
): Map<string, Scene7AssetJobLog[]> {
  const byAsset = new Map<string, Scene7AssetJobLog[]>();
  for (const entry of entries) {
    const list = byAsset.get(entry.assetHandle) ?? [];
    list.push(entry);
    byAsset.set(entry.assetHandle, list);
  }
  for (const list of byAsset.values()) {
    list.sort((a, b) => instant(a.logDate) - instant(b.logDate));
  }
  return byAsset;
}

function indexJobLog(log: Scene7JobLog): IndexedJobLog {
  return {
    log,
    startMs: instant(log.startDate),
    endMs: log.endDate === undefined ? Infinity : instant(log.endDate),
  };
}

function instant(dateTime: string): number {
  const ms = parseDateTime(dateTime);
  if (ms === null) throw new RangeError(`seed date ${dateTime} is not an xsd:dateTime`);
  return ms;
}
