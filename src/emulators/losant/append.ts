import type { LosantJobLog } from '../../schemas/types/losant-job-log';
import {
  AppendInputError,
  checkAppendInput,
  type AppendJobLogInput,
  type AppendRandomness,
  type AppendStatusTable,
} from '../shared/append';
import {
  hex,
  objectIdAt,
  requester,
  resourceOf,
  runOf,
  sortedKeys,
  type LosantStatus,
} from './seed';
import { JOB_KINDS, type JobContext } from './seed-jobs';
import { FACTORY_APPLICATION_ID } from './seed-fixtures';
import type { LosantSeedJobLog } from './seed-types';
import type { LosantStore } from './store';

/**
 * Unified status -> Losant `status` (the first is the default), the inverse of the gateway's
 * table (losant.md §6): `failed` may be `errored` or `failed`; `unknown` is a log without a
 * status; no Losant status reads as `warning`.
 */
export const LOSANT_APPEND_STATUS_TABLE: AppendStatusTable = {
  queued: ['queued'],
  running: ['inProgress'],
  succeeded: ['completed'],
  warning: undefined,
  failed: ['errored', 'failed'],
  unknown: [],
};

/** What `append` takes: the common fields and the application (default the factory one). */
export interface LosantAppendInput extends AppendJobLogInput {
  /** A 24-hex application id of the emulator; default `LOSANT_FACTORY_APPLICATION_ID`. */
  readonly applicationId?: string;
}

/** An appended job log and where it is. */
export interface AppendedLosantJobLog {
  readonly applicationId: string;
  /** The Application Job Log exactly as the routes now serve it. */
  readonly record: LosantSeedJobLog;
}

/** What appending needs: the emulator's store, its append PRNG and clock. */
export interface LosantAppendDeps extends AppendRandomness {
  readonly store: LosantStore;
}

function applicationOf(store: LosantStore, given: string | undefined): string {
  const id = (given ?? FACTORY_APPLICATION_ID).toLowerCase();
  if (store.application(id) === undefined)
    throw new AppendInputError(
      `applicationId must be an application of the emulator: ${store.applicationIds.join(', ')}`,
    );
  return id;
}

/** The run fields of the status, with the caller's message as the error message. */
function runFields(
  run: Partial<LosantJobLog>,
  status: LosantStatus | undefined,
  message: string | undefined,
): Partial<LosantJobLog> {
  if (status === undefined) {
    // A log without a status (unified `unknown`): queued-like, with nothing run.
    return { progress: run.progress ?? {} };
  }
  if (message === undefined) return run;
  return { ...run, error: { ...(run.error?.name === undefined ? {} : run.error), message } };
}

/**
 * Appends one Application Job Log to a running emulator: `status` maps to a Losant status by
 * LOSANT_APPEND_STATUS_TABLE, `time` is `runQueuedAt`, the other fields look like the seed's
 * (job kind by `jobName` when it is one, ObjectId-like id from the queue second, the job's
 * recurring jobId, a requester of the application). Throws AppendInputError on bad input.
 */
export function appendLosantJobLog(input: unknown, deps: LosantAppendDeps): AppendedLosantJobLog {
  const checked = checkAppendInput(input, {
    table: LOSANT_APPEND_STATUS_TABLE,
    extraFields: ['applicationId'],
    now: deps.now,
  });
  const applicationId = applicationOf(deps.store, checked.extra.applicationId);
  if (checked.message !== undefined && checked.status !== 'failed')
    throw new AppendInputError(
      'message is the error message of a failed job log: give it only with status failed',
    );
  const { prng, store } = deps;
  const status = checked.nativeStatus as LosantStatus | undefined;
  const kind = JOB_KINDS.find((known) => known.name === checked.jobName) ?? prng.pick(JOB_KINDS);
  const name = checked.jobName ?? kind.name;
  const queuedAt = checked.timeMs;
  let id: string;
  do id = objectIdAt(prng, queuedAt);
  while (store.hasJobLog(id));
  const newId = (): string => hex(prng, 24);
  const ctx: JobContext = { prng, applicationId, logId: id, queuedAt, newId };
  const earlier = store.application(applicationId)?.jobLogs ?? [];
  const previous = [...earlier].reverse().find((log) => log.name === name);
  const people = [...new Set(earlier.flatMap((log) => log.requestedById ?? []))];
  const kindInput = kind.input(ctx);
  const record = sortedKeys({
    id,
    // A recurring job runs again under the same jobId; any other run is a job of its own.
    jobId: kind.recurring && previous?.jobId !== undefined ? previous.jobId : id,
    jobExecutionId: newId(),
    name,
    applicationId,
    ownerType: 'application',
    ownerId: applicationId,
    runQueuedAt: new Date(queuedAt).toISOString(),
    ...(status === undefined ? {} : { status }),
    ...(people.length === 0 ? { requestedByType: 'system' as const } : requester(prng, people)),
    ...resourceOf(prng, kind, applicationId, newId),
    ...(kindInput === undefined || Object.keys(kindInput).length === 0 ? {} : { input: kindInput }),
    ...runFields(runOf(kind, status ?? 'queued', ctx), status, checked.message),
  } satisfies LosantSeedJobLog);
  store.add(applicationId, record);
  return { applicationId, record };
}
