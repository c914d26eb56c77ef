import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import { createPrng, type Prng } from '../shared/prng';
import { JOB_KINDS, type JobContext, type JobKind } from './seed-jobs';
import {
  EMPTY_APPLICATION_ID,
  FACTORY_APPLICATION_ID,
  GREENHOUSE_APPLICATION_ID,
  PUBLISHED_EXAMPLE_JOB_LOG,
  SEED_TOKENS,
} from './seed-fixtures';
import type { LosantApplication, LosantSeed, LosantSeedJobLog } from './seed-types';

export interface LosantSeedOptions {
  /** PRNG seed (default 0x105a47): change it for other, equally deterministic data. */
  readonly prngSeed?: number;
  /** Generated job logs of the factory application (default 300, plus Losant's example). */
  readonly factoryJobLogs?: number;
  /** Generated job logs of the greenhouse application (default 23). */
  readonly greenhouseJobLogs?: number;
}

/** One of the five statuses of Losant's published schema. */
export type LosantStatus = NonNullable<LosantJobLog['status']>;
type Requester = NonNullable<LosantJobLog['requestedByType']>;

/** `digits` hex digits from the PRNG. */
export const hex = (prng: Prng, digits: number): string =>
  Array.from({ length: digits }, () => prng.int(0, 15).toString(16)).join('');

/** Keys in alphabetical order, as Losant's examples print them (losant.md §3). */
export function sortedKeys<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ) as T;
}

/** Older jobs have finished; the newest few are still queued or running. */
function statusFor(prng: Prng, fromNewest: number): LosantStatus {
  if (fromNewest < 6) return prng.pick(['queued', 'queued', 'inProgress'] as const);
  const roll = prng.next();
  if (roll < 0.72) return 'completed';
  if (roll < 0.84) return 'errored';
  if (roll < 0.93) return 'failed';
  return roll < 0.97 ? 'inProgress' : 'queued';
}

/** Who asked for a job: a type, and one of `people` unless the system did [I]. */
export function requester(prng: Prng, people: readonly string[]): Partial<LosantJobLog> {
  const type: Requester = prng.pick([
    'user',
    'user',
    'user',
    'apiToken',
    'flow',
    'flow',
    'device',
    'system',
  ] as const);
  // A system job has nobody behind it [I]: no requestedById.
  if (type === 'system') return { requestedByType: type };
  return { requestedByType: type, requestedById: prng.pick(people) };
}

/** The run fields of one status: times, progress, error and output (losant.md §3.1). */
export function runOf(kind: JobKind, status: LosantStatus, ctx: JobContext): Partial<LosantJobLog> {
  const { prng, queuedAt } = ctx;
  const startedAt = queuedAt + prng.int(200, 30_000);
  const endedAt = startedAt + prng.int(1_000, 1_200_000);
  const total = prng.int(2, 400);
  const iso = (ms: number): string => new Date(ms).toISOString();
  switch (status) {
    case 'queued':
      return { progress: { completed: 0, total } };
    case 'inProgress':
      return {
        runStartedAt: iso(startedAt),
        progress: { completed: prng.int(0, total - 1), total, status: kind.progressText },
      };
    case 'completed':
      return {
        runStartedAt: iso(startedAt),
        runCompletedAt: iso(endedAt),
        progress: { completed: total, total },
        output: kind.output(ctx),
      };
    case 'errored': {
      const [name, message] = prng.pick(kind.errors);
      return {
        runStartedAt: iso(startedAt),
        runCompletedAt: iso(endedAt),
        progress: { completed: prng.int(0, total - 1), total, status: kind.progressText },
        error: { name, message },
      };
    }
    case 'failed': {
      // [I] `failed`: the job could not run; a third never started.
      const started = prng.chance(0.66);
      return {
        ...(started ? { runStartedAt: iso(startedAt) } : {}),
        runCompletedAt: iso(started ? endedAt : queuedAt + prng.int(50, 5_000)),
        error: prng.chance(0.85)
          ? { name: 'Error', message: 'Job execution failed: worker lost' }
          : { message: 'Job timed out after 3600 seconds' },
      };
    }
  }
}

/**
 * An id like a MongoDB ObjectId, as Losant's are: the first 8 hex digits are the creation second
 * (modulo 2^32, as an ObjectId's 32-bit timestamp), then 16 from the PRNG.
 */
export function objectIdAt(prng: Prng, epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000) % 2 ** 32;
  return seconds.toString(16).padStart(8, '0') + hex(prng, 16);
}

/** The resource a job of `kind` works on, as the seed names it: some name none. */
export function resourceOf(
  prng: Prng,
  kind: JobKind,
  applicationId: string,
  newId: () => string,
): Partial<LosantJobLog> {
  if (kind.resourceType === undefined || prng.chance(0.1)) return {};
  return {
    resourceType: kind.resourceType,
    resourceId: kind.resourceType === 'application' ? applicationId : newId(),
  };
}

function generateJobLogs(
  prng: Prng,
  applicationId: string,
  count: number,
  startMs: number,
): LosantSeedJobLog[] {
  const used = new Set<string>();
  const newId = (): string => hex(prng, 24);
  const people = Array.from({ length: 6 }, newId);
  const recurringIds = new Map(JOB_KINDS.map((kind) => [kind.name, newId()]));
  const logs: LosantSeedJobLog[] = [];
  let queuedAt = startMs;
  for (let index = 0; index < count; index += 1) {
    queuedAt += prng.int(60_000, 3 * 86_400_000) + prng.int(0, 999);
    let id: string;
    do id = objectIdAt(prng, queuedAt);
    while (used.has(id));
    used.add(id);
    const kind = prng.pick(JOB_KINDS);
    const status = statusFor(prng, count - 1 - index);
    const ctx: JobContext = { prng, applicationId, logId: id, queuedAt, newId };
    const input = kind.input(ctx);
    const record: LosantSeedJobLog = {
      id,
      jobId: kind.recurring ? (recurringIds.get(kind.name) ?? id) : id,
      ...(prng.chance(0.9) ? { jobExecutionId: newId() } : {}),
      name: kind.name,
      applicationId,
      ownerType: 'application',
      ownerId: applicationId,
      runQueuedAt: new Date(queuedAt).toISOString(),
      status,
      ...requester(prng, people),
      // Some logs name no resource, like Losant's own example.
      ...resourceOf(prng, kind, applicationId, newId),
      ...(input === undefined || Object.keys(input).length === 0 ? {} : { input }),
      ...runOf(kind, status, ctx),
    };
    logs.push(sortedKeys(record));
  }
  return logs;
}

const byQueuedAt = (a: LosantSeedJobLog, b: LosantSeedJobLog): number =>
  (a.runQueuedAt ?? '') < (b.runQueuedAt ?? '') ? -1 : 1;

/**
 * Builds the emulator's data, deterministically (a seeded mulberry32 PRNG, no clock): three
 * applications (the factory one with hundreds of job logs of every status, Losant's published
 * example among them; a small greenhouse one; an empty one) and the seeded tokens.
 */
export function createLosantSeed(options: LosantSeedOptions = {}): LosantSeed {
  const prng = createPrng(options.prngSeed ?? 0x105a47);
  const factory = generateJobLogs(
    prng,
    FACTORY_APPLICATION_ID,
    options.factoryJobLogs ?? 300,
    Date.UTC(2025, 0, 6, 7, 30),
  );
  const greenhouse = generateJobLogs(
    prng,
    GREENHOUSE_APPLICATION_ID,
    options.greenhouseJobLogs ?? 23,
    Date.UTC(2025, 8, 1, 12),
  );
  const applications: LosantApplication[] = [
    {
      id: FACTORY_APPLICATION_ID,
      name: 'Smart Factory',
      jobLogs: [...factory, PUBLISHED_EXAMPLE_JOB_LOG].sort(byQueuedAt),
    },
    { id: GREENHOUSE_APPLICATION_ID, name: 'Greenhouse Monitoring', jobLogs: greenhouse },
    { id: EMPTY_APPLICATION_ID, name: 'Empty Sandbox', jobLogs: [] },
  ];
  return { applications, tokens: SEED_TOKENS };
}
