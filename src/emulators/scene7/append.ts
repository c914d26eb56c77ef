import type { UnifiedStatus } from '../../contract';
import type { AssetJobLog } from '../../schemas/types/scene7-ips';
import {
  AppendInputError,
  checkAppendInput,
  type AppendJobLogInput,
  type AppendRandomness,
  type AppendStatusTable,
} from '../shared/append';
import type { Prng } from '../shared/prng';
import { formatDateTime, formatJobNameTime } from './date-time';
import { DEFAULT_LOCALE } from './messages';
import { renderAssetJobLog } from './operations';
import {
  companyOffsetAt,
  ERROR_DETAILS,
  jobHandleOf,
  jobLogDetailsFor,
  WARNING_DETAILS,
} from './seed';
import type { SeedIndex } from './seed-index';
import type { Scene7AssetJobLog, Scene7AuxDetail, Scene7JobLog, Scene7Seed } from './seed-types';

/**
 * Unified status -> the appended JobLog's `logType` (scene7-ips.md §3.1), default first. The
 * gateway reads a JobLog's status from its counts and end date (fatalError or errors: failed;
 * warnings: warning; no endDate: running; else succeeded), which the emulator sets to match, so
 * `nativeStatus` may be any Job Log Type name. No JobLog reads as queued or unknown.
 */
export const SCENE7_APPEND_STATUS_TABLE: AppendStatusTable = {
  queued: undefined,
  running: ['BeginUpload'],
  succeeded: ['EndUpload'],
  warning: ['EndUpload'],
  failed: ['UploadError'],
  unknown: undefined,
};

/** The logType of the asset's entry (getAssetJobLogs), read by the gateway as the status. */
const ASSET_LOG_TYPE: Readonly<Partial<Record<UnifiedStatus, string>>> = {
  running: 'FileProgress',
  succeeded: 'UploadSuccess',
  warning: 'UploadWarning',
  failed: 'UploadError',
};

const JOB_LOG_TYPE_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** What `append` takes: the common fields, the company, an asset and a submitter. */
export interface Scene7AppendInput extends AppendJobLogInput {
  /** A seeded company; default the first, `c|6` (ApiTestCo). */
  readonly companyHandle?: string;
  /** An asset of that company: the job also logs an entry for it (getAssetJobLogs). */
  readonly assetHandle?: string;
  /** submitUserEmail: a seeded member of the company; default the first member. */
  readonly user?: string;
}

/** An appended job log and, with an asset, the asset's entry. */
export interface AppendedScene7JobLog {
  readonly companyHandle: string;
  /** The JobLog as getJobLogs now answers it. */
  readonly record: Scene7JobLog;
  readonly assetHandle?: string;
  /** The AssetJobLog as getAssetJobLogs now answers it in en-US. */
  readonly assetRecord?: AssetJobLog;
}

/** What appending needs: the emulator's seed and index, its append PRNG and clock. */
export interface Scene7AppendDeps extends AppendRandomness {
  readonly seed: Scene7Seed;
  readonly index: SeedIndex;
}

interface Where {
  readonly companyHandle: string;
  readonly submitter: string;
  readonly asset?: { readonly handle: string; readonly name: string };
}

function whereOf(deps: Scene7AppendDeps, extra: Partial<Record<string, string>>): Where {
  const companyHandle = extra.companyHandle ?? deps.seed.companies[0]?.handle ?? '';
  if (!deps.index.companies.has(companyHandle))
    throw new AppendInputError(
      `companyHandle must be a company of the emulator: ${[...deps.index.companies.keys()].join(', ')}`,
    );
  const members = deps.seed.users.filter((user) => user.companyHandles.includes(companyHandle));
  const submitter =
    extra.user === undefined
      ? members[0]?.email
      : members.find((user) => user.email.toLowerCase() === extra.user?.toLowerCase())?.email;
  if (submitter === undefined)
    throw new AppendInputError(
      `user must be the email of a member of ${companyHandle}: ${members.map(({ email }) => email).join(', ')}`,
    );
  if (extra.assetHandle === undefined) return { companyHandle, submitter };
  const asset = deps.index.assets.get(extra.assetHandle);
  if (asset?.companyHandle !== companyHandle)
    throw new AppendInputError(`assetHandle must be an asset of ${companyHandle}`);
  return { companyHandle, submitter, asset: { handle: asset.handle, name: asset.name } };
}

/** jobName as given (it must be free), or `Add_<start>` made unique with a suffix. */
function jobNameOf(
  index: SeedIndex,
  companyHandle: string,
  given: string | undefined,
  base: string,
): string {
  const handle = (name: string): string => jobHandleOf(companyHandle, name);
  if (given !== undefined) {
    if (given.includes('|')) throw new AppendInputError('jobName must not contain "|"');
    if (index.hasJobHandle(handle(given)))
      throw new AppendInputError(`jobName ${given} already names a job of ${companyHandle}`);
    return given;
  }
  let name = base;
  for (let n = 2; index.hasJobHandle(handle(name)); n += 1) name = `${base}_${n}`;
  return name;
}

/** File counts that the gateway's statusOfJob reads as `status`. */
function countsOf(prng: Prng, status: UnifiedStatus, total: number) {
  const errors = status === 'failed' ? prng.int(1, total) : 0;
  const done = status === 'running' ? prng.int(0, total - 1) : total - errors;
  return {
    fileSuccessCount: done,
    fileErrorCount: errors,
    fileWarningCount: status === 'warning' ? prng.int(1, done) : 0,
    fileDuplicateCount: 0,
    fileUpdateCount: 0,
    totalFileCount: total,
    transferSuccessCount: done + errors,
    transferErrorCount: 0,
    transferWarningCount: 0,
    fatalError: status === 'failed',
  };
}

function assetEntryOf(
  prng: Prng,
  job: Scene7JobLog,
  asset: NonNullable<Where['asset']>,
  status: UnifiedStatus,
): Scene7AssetJobLog {
  const logType = ASSET_LOG_TYPE[status] ?? 'UploadSuccess';
  const pool = status === 'warning' ? WARNING_DETAILS : status === 'failed' ? ERROR_DETAILS : [];
  const auxArray: Scene7AuxDetail[] = pool.length === 0 ? [] : [{ logType, ...prng.pick(pool) }];
  return {
    assetHandle: asset.handle,
    companyHandle: job.companyHandle,
    jobHandle: job.jobHandle,
    jobName: job.jobName,
    logType,
    messageKey: logType,
    messageArgs: { asset: asset.name },
    submitUserEmail: job.submitUserEmail,
    logDate: job.startDate,
    auxArray,
  };
}

/**
 * Appends one upload job to a company of a running emulator: a JobLog (getJobLogs) whose counts
 * and end date make the gateway read `status`, started at `time` in the company's offset, with its
 * detail lines (getJobLogDetails); with `assetHandle`, also the asset's entry (getAssetJobLogs),
 * logged at the same time, whose logType reads as `status`. Throws AppendInputError on bad input.
 */
export function appendScene7JobLog(input: unknown, deps: Scene7AppendDeps): AppendedScene7JobLog {
  const checked = checkAppendInput(input, {
    table: SCENE7_APPEND_STATUS_TABLE,
    extraFields: ['companyHandle', 'assetHandle', 'user'],
    now: deps.now,
    anyNativeStatus: JOB_LOG_TYPE_NAME,
  });
  const { index, prng } = deps;
  const where = whereOf(deps, checked.extra);
  const { status, timeMs } = checked;
  const offset = companyOffsetAt(where.companyHandle, timeMs);
  const jobName = jobNameOf(
    index,
    where.companyHandle,
    checked.jobName,
    `Add_${formatJobNameTime(timeMs, offset)}`,
  );
  const total = where.asset === undefined ? prng.int(1, 5) : 1;
  const counts = countsOf(prng, status, total);
  const endMs = timeMs + prng.int(4_000, 60_000);
  const record: Scene7JobLog = {
    companyHandle: where.companyHandle,
    jobHandle: jobHandleOf(where.companyHandle, jobName),
    jobName,
    originalJobName: jobName,
    submitUserEmail: where.submitter,
    logType: checked.nativeStatus ?? 'EndUpload',
    jobSubType: 'Upload',
    startDate: formatDateTime(timeMs, offset),
    ...(status === 'running' ? {} : { endDate: formatDateTime(endMs, offset) }),
    description:
      checked.message ?? `Upload of ${total} file${total === 1 ? '' : 's'} from the web UI`,
    ...counts,
  };
  const entry =
    where.asset === undefined ? undefined : assetEntryOf(prng, record, where.asset, status);
  index.addJobLog(
    record,
    jobLogDetailsFor(record, entry === undefined ? [] : [entry], index.assets),
  );
  if (entry === undefined || where.asset === undefined) {
    return { companyHandle: where.companyHandle, record };
  }
  index.addAssetJobLog(entry);
  return {
    companyHandle: where.companyHandle,
    record,
    assetHandle: where.asset.handle,
    assetRecord: renderAssetJobLog(entry, DEFAULT_LOCALE, true),
  };
}
