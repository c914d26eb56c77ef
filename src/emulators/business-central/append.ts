import type { UnifiedStatus } from '../../contract';
import {
  AppendInputError,
  checkAppendInput,
  type AppendJobLogInput,
  type AppendRandomness,
  type AppendStatusTable,
} from '../shared/append';
import { logEntryOf, seededGuid, type RunOutcome } from './seed';
import { JOB_TEMPLATES, JOB_USERS } from './seed-fixtures';
import type { SeedIndex } from './seed-index';
import type { LogEntryFields } from './seed-types';

/**
 * Unified status -> jobQueueLogEntry `status` (encoded member names, §3.1), the inverse of the
 * gateway's table: a log entry is Success, In Process or Error, so nothing reads as queued,
 * warning or unknown.
 */
export const BUSINESS_CENTRAL_APPEND_STATUS_TABLE: AppendStatusTable = {
  queued: undefined,
  running: ['In_x0020_Process'],
  succeeded: ['Success'],
  warning: undefined,
  failed: ['Error'],
  unknown: undefined,
};

/** How the run of each status ended (the table allows one native value per status). */
const OUTCOME: Readonly<Partial<Record<UnifiedStatus, RunOutcome>>> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
};

/** What `append` takes: the common fields, the company and the user. */
export interface BusinessCentralAppendInput extends AppendJobLogInput {
  /** A company id of the emulator; default the first company (CRONUS USA, Inc.). */
  readonly companyId?: string;
  /** The entry's userId (Code[50]); default the user of the job's last run. */
  readonly user?: string;
}

/** An appended log entry and where it is. */
export interface AppendedBusinessCentralEntry {
  readonly companyId: string;
  /** Entry No. (the table's key): one more than the company's last. */
  readonly entryNo: number;
  /** The 16 inline properties, as GET jobQueueLogEntries({id}) now answers them. */
  readonly record: LogEntryFields;
  /** The errorCallStack stream's text ('' unless the run failed). */
  readonly errorCallStack: string;
}

/** What appending needs: the emulator's index, its append PRNG and clock. */
export interface BusinessCentralAppendDeps extends AppendRandomness {
  readonly index: SeedIndex;
}

function companyOf(index: SeedIndex, given: string | undefined): string {
  const first = index.seed.companies[0]?.id;
  const company = index.company(given ?? first ?? '');
  if (company === undefined)
    throw new AppendInputError(
      `companyId must be a company of the emulator: ${index.seed.companies.map(({ id }) => id).join(', ')}`,
    );
  return company.id;
}

/**
 * Appends one job queue log entry to a company of a running emulator: `status` maps to a BC
 * status by BUSINESS_CENTRAL_APPEND_STATUS_TABLE, `time` is startDateTime, the next Entry No.,
 * the job (by `jobName` when it is a seeded job's caption, else `jobName` as the description)
 * and, for a failed run, an error message (`message`) and an AL call stack, as the seed has.
 * Throws AppendInputError on bad input.
 */
export function appendBusinessCentralEntry(
  input: unknown,
  deps: BusinessCentralAppendDeps,
): AppendedBusinessCentralEntry {
  const checked = checkAppendInput(input, {
    table: BUSINESS_CENTRAL_APPEND_STATUS_TABLE,
    extraFields: ['companyId', 'user'],
    now: deps.now,
  });
  const { index, prng } = deps;
  const companyId = companyOf(index, checked.extra.companyId);
  if (checked.message !== undefined && checked.status !== 'failed')
    throw new AppendInputError(
      'message is the errorMessage of a failed entry: give it only with status failed',
    );
  const { user } = checked.extra;
  if (user !== undefined && user.length > 50)
    throw new AppendInputError('user must be at most 50 characters (a Code[50] user id)');
  const entries = index.entries(companyId);
  const template =
    JOB_TEMPLATES.find(({ caption }) => caption === checked.jobName) ?? prng.pick(JOB_TEMPLATES);
  // The same job queue entry as the job's last run, as a recurring job's log entries have.
  const previous = [...entries]
    .reverse()
    .find(
      ({ fields }) =>
        fields.objectIdToRun === template.objectIdToRun &&
        fields.objectTypeToRun === template.objectTypeToRun,
    );
  const job = {
    template,
    jobQueueEntryId: previous?.fields.jobQueueEntryId ?? seededGuid(prng),
    userId: user ?? previous?.fields.userId ?? prng.pick(JOB_USERS),
  };
  const entry = logEntryOf(prng, {
    entryNo: (entries.at(-1)?.entryNo ?? 0) + 1,
    job,
    startMs: checked.timeMs,
    outcome: OUTCOME[checked.status] ?? 'succeeded',
    newId: () => {
      let id: string;
      do id = seededGuid(prng);
      while (index.hasEntryId(id));
      return id;
    },
    ...(checked.jobName === undefined ? {} : { description: checked.jobName }),
    ...(checked.message === undefined ? {} : { errorMessage: checked.message }),
  });
  index.add(companyId, entry);
  return {
    companyId,
    entryNo: entry.entryNo,
    record: entry.fields,
    errorCallStack: entry.errorCallStack,
  };
}
