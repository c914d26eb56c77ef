import { formatDateTime, offsetOfDateTime, parseDateTime } from './date-time';
import type {
  Scene7Asset,
  Scene7AssetJobLog,
  Scene7JobLog,
  Scene7JobLogDetail,
} from './seed-types';

/** The Job Log Types (§3.1) a kind of job writes: its begin and end lines and its per-file ones. */
export interface JobLogTypes {
  readonly begin: string;
  readonly end: string;
  readonly success: string;
  /** Kinds without a warning type in the list (Metadata, Delete) use their success type. */
  readonly warning: string;
  readonly error: string;
}

/** What the detail lines of one job name: its company and the asset entries it logged. */
export interface JobFiles {
  readonly companyName: string;
  /** The job's entries in getAssetJobLogs: each becomes that file's line. */
  readonly assetEntries: readonly Scene7AssetJobLog[];
  readonly assets: ReadonlyMap<string, Scene7Asset>;
}

/** Adobe's getJobLogDetails example names `s7oslo` as the JobClient (§3.1). */
const JOB_CLIENT = 's7oslo';
/** Data lines (a job name, a count) carry their value as the message, in every locale. */
const VALUE_MESSAGE = 'detail.value';

const FILE_TYPES: readonly (readonly [extension: string, fileType: string])[] = [
  ['jpg', 'MasterImage'],
  ['jpg', 'MasterImage'],
  ['tif', 'MasterImage'],
  ['png', 'MasterImage'],
  ['jpg', 'MasterImage'],
  ['mp4', 'Video'],
  ['pdf', 'Pdf'],
];

type Outcome = 'success' | 'warning' | 'error';

function outcomeOf(logType: string): Outcome {
  if (/(error|failure)$/i.test(logType)) return 'error';
  return /warning$/i.test(logType) ? 'warning' : 'success';
}

/** `n` outcomes with the given error and warning counts, spread over the files by a fixed stride. */
function spreadOutcomes(n: number, errors: number, warnings: number): Outcome[] {
  const ordered: Outcome[] = Array.from({ length: n }, (_, i) =>
    i < errors ? 'error' : i < errors + warnings ? 'warning' : 'success',
  );
  const stride = [7, 11, 13, 17, 19, 23].find((prime) => n % prime !== 0) ?? 1;
  const spread: Outcome[] = new Array<Outcome>(n);
  ordered.forEach((outcome, i) => {
    spread[(i * stride) % n] = outcome;
  });
  return spread;
}

function fileName(companyName: string, job: Scene7JobLog, index: number): [string, string] {
  const [extension, fileType] = FILE_TYPES[index % FILE_TYPES.length] as readonly [string, string];
  const folder = job.jobName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  return [
    `${companyName}/jobs/${folder}/file-${String(index + 1).padStart(3, '0')}.${extension}`,
    fileType,
  ];
}

/**
 * The detail lines of one job, as getJobLogDetails lists them (§3.3): the begin line (Adobe's
 * example: `Upload has begun!`), the `OriginalJobName`, `JobClient` and `TotalFileCount` lines,
 * one line per file processed so far (the job's asset entries first, as those assets; then made-up
 * files of the company, so that the lines of each outcome match the job's file counts where they
 * can), and the end line (`FatalError` for a job that stopped on one; none while it runs). Pure
 * and deterministic: derived from the job and its entries only, so seeded and appended jobs alike
 * have them, and the seed's PRNG draws are untouched.
 */
export function jobLogDetailsOf(
  job: Scene7JobLog,
  types: JobLogTypes,
  files: JobFiles,
): Scene7JobLogDetail[] {
  const offset = offsetOfDateTime(job.startDate);
  const startMs = parseDateTime(job.startDate) ?? 0;
  const processed =
    job.endDate === undefined ? job.fileSuccessCount + job.fileErrorCount : job.totalFileCount;
  const endMs =
    job.endDate === undefined
      ? startMs + (processed + 2) * 1000
      : (parseDateTime(job.endDate) ?? startMs);
  const at = (ms: number): string => formatDateTime(ms, offset);
  const line = (
    logType: string,
    messageKey: string,
    messageArgs: Readonly<Record<string, string>>,
    dateCreated: string,
  ): Scene7JobLogDetail => ({
    jobHandle: job.jobHandle,
    logType,
    messageKey,
    messageArgs,
    dateCreated,
    auxArray: [],
  });

  const seen = new Set<string>();
  const assetLines: Scene7JobLogDetail[] = [];
  const counted = { success: 0, warning: 0, error: 0 };
  for (const entry of files.assetEntries) {
    const asset = files.assets.get(entry.assetHandle);
    if (asset === undefined || seen.has(asset.handle)) continue;
    seen.add(asset.handle);
    counted[outcomeOf(entry.logType)] += 1;
    assetLines.push({
      ...line(entry.logType, entry.messageKey, entry.messageArgs, entry.logDate),
      assetName: asset.name,
      assetType: asset.fileType,
      assetHandle: asset.handle,
      auxArray: entry.auxArray,
    });
  }
  const slots = Math.max(0, processed - assetLines.length);
  const errors = Math.min(slots, Math.max(0, job.fileErrorCount - counted.error));
  const warnings = Math.min(slots - errors, Math.max(0, job.fileWarningCount - counted.warning));
  const step = (endMs - startMs) / (slots + 2);
  const fileLines = spreadOutcomes(slots, errors, warnings).map((outcome, i) => {
    const [assetName, assetType] = fileName(files.companyName, job, i);
    const logType = types[outcome];
    const time = at(startMs + Math.max(1, Math.round(step * (i + 1))));
    return { ...line(logType, logType, { asset: assetName }, time), assetName, assetType };
  });
  const start = at(startMs);
  const perFile = [...assetLines, ...fileLines].sort(
    (a, b) => (parseDateTime(a.dateCreated) ?? 0) - (parseDateTime(b.dateCreated) ?? 0),
  );
  const ending =
    job.endDate === undefined
      ? []
      : [
          job.fatalError
            ? line('FatalError', 'FatalError', {}, job.endDate)
            : line(types.end, types.end, {}, job.endDate),
        ];
  return [
    line(types.begin, types.begin, {}, start),
    line('OriginalJobName', VALUE_MESSAGE, { value: job.originalJobName }, start),
    line('JobClient', VALUE_MESSAGE, { value: JOB_CLIENT }, start),
    line('TotalFileCount', VALUE_MESSAGE, { value: String(job.totalFileCount) }, start),
    ...perFile,
    ...ending,
  ];
}
