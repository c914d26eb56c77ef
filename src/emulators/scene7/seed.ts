import { formatDateTime, formatJobNameTime, parseDateTime } from './date-time';
import { createPrng, type Prng } from '../shared/prng';
import { jobLogDetailsOf, type JobLogTypes } from './seed-details';
import {
  FIXED_ARCHIVED_ASSET_JOB_LOGS,
  FIXED_ASSET_JOB_LOGS,
  FIXED_ASSETS,
  FIXED_JOB_LOGS,
  SEEDED_COMPANIES,
  SEEDED_USERS,
} from './seed-fixtures';
import type {
  Scene7Asset,
  Scene7AssetJobLog,
  Scene7AuxDetail,
  Scene7JobLog,
  Scene7JobLogDetail,
  Scene7Seed,
  Scene7User,
} from './seed-types';

/** Options of `createScene7Seed`. */
export interface Scene7SeedOptions {
  /** More users, each a member of the listed seeded company handles. */
  readonly extraUsers?: ReadonlyArray<{ email: string; password: string; companies: string[] }>;
}

interface CompanyProfile {
  readonly handle: string;
  readonly name: string;
  /** `a|<catalog>|1|` plus a running number */
  readonly assetPrefix: string;
  readonly firstGeneratedAsset: number;
  /** Assets to generate after the fixed ones. */
  readonly generatedAssets: number;
  readonly jobs: number;
  /** UTC offsets in minutes, roughly by season, so dates carry real-looking offsets. */
  readonly zone: { readonly winter: number; readonly summer: number };
  readonly folders: readonly string[];
}

const PROFILES: readonly CompanyProfile[] = [
  {
    handle: 'c|6',
    name: 'ApiTestCo',
    assetPrefix: 'a|732|1|',
    firstGeneratedAsset: 540,
    generatedAssets: 15,
    jobs: 110,
    zone: { winter: -480, summer: -420 },
    folders: ['catalog', 'campaigns/spring-2026', 'web/banners'],
  },
  {
    handle: 'c|14',
    name: 'NorthwindOutfitters',
    assetPrefix: 'a|1408|1|',
    firstGeneratedAsset: 200,
    generatedAssets: 20,
    jobs: 100,
    zone: { winter: 0, summer: 60 },
    folders: ['products/outerwear', 'products/footwear', 'lookbooks'],
  },
  {
    handle: 'c|27',
    name: 'KumoHomeGoods',
    assetPrefix: 'a|2710|1|',
    firstGeneratedAsset: 400,
    generatedAssets: 20,
    jobs: 90,
    zone: { winter: 540, summer: 540 },
    folders: ['kitchen', 'living/textiles', 'stores/signage'],
  },
];

interface JobKind extends JobLogTypes {
  readonly prefix: string;
  readonly jobSubType: string;
  readonly weight: number;
  readonly transfers: boolean;
  readonly describe: (files: number) => string;
  /** logTypes this job writes into the asset job logs of the files it touched */
  readonly assetLogTypes: readonly string[];
}

// Job Log Types constants (r-job-log-types.md, §3.1); jobSubType values are not published [U].
// Metadata and Delete have no warning type in that list: their warnings log the success type.
const JOB_KINDS: readonly JobKind[] = [
  {
    prefix: 'Add',
    jobSubType: 'Upload',
    begin: 'BeginUpload',
    end: 'EndUpload',
    success: 'UploadSuccess',
    warning: 'UploadWarning',
    error: 'UploadError',
    weight: 6,
    transfers: true,
    describe: (n) => `Upload of ${n} file${n === 1 ? '' : 's'} from the web UI`,
    assetLogTypes: [
      'UploadSuccess',
      'UploadSuccess',
      'FileUpdated',
      'UploadWarning',
      'UploadError',
    ],
  },
  {
    prefix: 'FtpUpload',
    jobSubType: 'FtpUpload',
    begin: 'BeginUpload',
    end: 'EndUpload',
    success: 'UploadSuccess',
    warning: 'UploadWarning',
    error: 'UploadError',
    weight: 2,
    transfers: true,
    describe: (n) => `Nightly FTP upload of ${n} file${n === 1 ? '' : 's'}`,
    assetLogTypes: ['UploadSuccess', 'FileUpdated', 'DuplicateSkipped'],
  },
  {
    prefix: 'ImageServingPublish',
    jobSubType: 'ImageServingPublish',
    begin: 'BeginImageServingPublish',
    end: 'EndImageServingPublish',
    success: 'ImageServingPublishSuccess',
    warning: 'ImageServingPublishWarning',
    error: 'ImageServingPublishError',
    weight: 3,
    transfers: false,
    describe: () => 'Scheduled publish to Image Serving',
    assetLogTypes: [
      'ImageServingPublishSuccess',
      'ImageServingPublishSuccess',
      'ImageServingPublishWarning',
    ],
  },
  {
    prefix: 'Metadata',
    jobSubType: 'Metadata',
    begin: 'BeginMetadata',
    end: 'EndMetadata',
    success: 'MetadataSuccess',
    warning: 'MetadataSuccess',
    error: 'MetadataFailure',
    weight: 1,
    transfers: false,
    describe: (n) => `Metadata import for ${n} asset${n === 1 ? '' : 's'}`,
    assetLogTypes: ['MetadataSuccess'],
  },
  {
    prefix: 'Delete',
    jobSubType: 'Delete',
    begin: 'BeginDelete',
    end: 'EndDelete',
    success: 'DeleteSuccess',
    warning: 'DeleteSuccess',
    error: 'DeleteFailure',
    weight: 1,
    transfers: false,
    describe: (n) => `Delete ${n} asset${n === 1 ? '' : 's'}`,
    assetLogTypes: [],
  },
];

/** Details of an UploadWarning entry's auxArray. */
export const WARNING_DETAILS: readonly Pick<Scene7AuxDetail, 'messageKey' | 'messageArgs'>[] = [
  { messageKey: 'aux.colorProfileMissing', messageArgs: {} },
  { messageKey: 'aux.lowResolution', messageArgs: { width: '1200', height: '900' } },
  { messageKey: 'aux.clippingPathIgnored', messageArgs: { path: 'Path 1' } },
];
/** Details of an UploadError entry's auxArray. */
export const ERROR_DETAILS: readonly Pick<Scene7AuxDetail, 'messageKey' | 'messageArgs'>[] = [
  { messageKey: 'aux.fileTruncated', messageArgs: {} },
  { messageKey: 'aux.fontNotEmbedded', messageArgs: { font: 'Futura-Medium' } },
  { messageKey: 'aux.pageRasterFailed', messageArgs: { page: '2' } },
];

const STEMS = ['hero', 'sku-detail', 'swatch', 'lifestyle', 'banner', 'thumbnail', 'spin'];
const FILE_TYPES: readonly (readonly [fileType: string, extension: string])[] = [
  ['MasterImage', 'jpg'],
  ['MasterImage', 'jpg'],
  ['MasterImage', 'tif'],
  ['MasterImage', 'png'],
  ['Video', 'mp4'],
  ['Pdf', 'pdf'],
  ['Svg', 'svg'],
];

const SEED = 0x5ce7e7;
const RANGE_START = Date.UTC(2025, 0, 2);
const RANGE_END = Date.UTC(2026, 5, 28);

interface GeneratedJob {
  readonly log: Scene7JobLog;
  readonly kind: JobKind;
  readonly startMs: number;
  readonly durationMs: number;
  readonly offset: number;
}

/** Builds the deterministic seed: the fixed entries of seed-fixtures.ts plus seeded-PRNG data. */
export function createScene7Seed(options: Scene7SeedOptions = {}): Scene7Seed {
  const random = createPrng(SEED);
  const jobLogs: Scene7JobLog[] = [...FIXED_JOB_LOGS];
  const assets: Scene7Asset[] = [...FIXED_ASSETS];
  const assetJobLogs: Scene7AssetJobLog[] = [...FIXED_ASSET_JOB_LOGS];
  const jobNames = new Set(jobLogs.map((job) => job.jobHandle));
  for (const profile of PROFILES) {
    const submitters = SEEDED_USERS.filter((u) => u.companyHandles.includes(profile.handle));
    const jobs = Array.from({ length: profile.jobs }, () =>
      generateJob(random, profile, submitters, jobNames),
    );
    jobLogs.push(...jobs.map((job) => job.log));
    const withAssetLogs = jobs.filter((j) => j.kind.assetLogTypes.length > 0 && !j.log.fatalError);
    for (let i = 0; i < profile.generatedAssets; i += 1) {
      const asset = generateAsset(random, profile, profile.firstGeneratedAsset + i);
      assets.push(asset);
      const count = random.pick([0, 1, 1, 2, 2, 3, 4, 6]);
      for (let n = 0; n < count; n += 1) {
        assetJobLogs.push(generateAssetJobLog(random, asset, random.pick(withAssetLogs)));
      }
    }
  }
  return {
    companies: SEEDED_COMPANIES,
    users: [...SEEDED_USERS, ...extraUsers(options)],
    assets,
    assetJobLogs,
    jobLogs,
    jobLogDetails: detailsOfJobs(jobLogs, assets, assetJobLogs),
    archivedAssetJobLogs: FIXED_ARCHIVED_ASSET_JOB_LOGS,
  };
}

/** The detail lines of every job, each job's asset entries naming its files (oldest first). */
function detailsOfJobs(
  jobLogs: readonly Scene7JobLog[],
  assets: readonly Scene7Asset[],
  assetJobLogs: readonly Scene7AssetJobLog[],
): Scene7JobLogDetail[] {
  const byHandle = new Map(assets.map((asset) => [asset.handle, asset]));
  const entriesOf = new Map<string, Scene7AssetJobLog[]>();
  for (const entry of assetJobLogs) {
    const list = entriesOf.get(entry.jobHandle) ?? [];
    list.push(entry);
    entriesOf.set(entry.jobHandle, list);
  }
  return jobLogs.flatMap((job) =>
    jobLogDetailsFor(job, entriesOf.get(job.jobHandle) ?? [], byHandle),
  );
}

/**
 * The detail lines of a job of a seeded company (see jobLogDetailsOf), its log types by its
 * jobSubType; `assetEntries` are its entries in getAssetJobLogs.
 */
export function jobLogDetailsFor(
  job: Scene7JobLog,
  assetEntries: readonly Scene7AssetJobLog[],
  assets: ReadonlyMap<string, Scene7Asset>,
): Scene7JobLogDetail[] {
  const kind = JOB_KINDS.find(({ jobSubType }) => jobSubType === job.jobSubType) ?? JOB_KINDS[0];
  const companyName =
    SEEDED_COMPANIES.find(({ handle }) => handle === job.companyHandle)?.name ?? job.companyHandle;
  const sorted = [...assetEntries].sort(
    (a, b) => (parseDateTime(a.logDate) ?? 0) - (parseDateTime(b.logDate) ?? 0),
  );
  return jobLogDetailsOf(job, kind as JobKind, { companyName, assetEntries: sorted, assets });
}

function extraUsers(options: Scene7SeedOptions): Scene7User[] {
  return (options.extraUsers ?? []).map((user, i) => {
    const unknown = user.companies.find((c) => !SEEDED_COMPANIES.some((s) => s.handle === c));
    if (unknown !== undefined)
      throw new RangeError(`extra user ${user.email}: no company ${unknown}`);
    return {
      handle: `u|${100 + i}`,
      email: user.email,
      password: user.password,
      companyHandles: [...user.companies],
    };
  });
}

function offsetAt(profile: CompanyProfile, epochMs: number): number {
  const month = new Date(epochMs).getUTCMonth();
  return month >= 3 && month <= 9 ? profile.zone.summer : profile.zone.winter;
}

/** The UTC offset (minutes) a seeded company's dates carry at an instant; 0 for another company. */
export function companyOffsetAt(companyHandle: string, epochMs: number): number {
  const profile = PROFILES.find(({ handle }) => handle === companyHandle);
  return profile === undefined ? 0 : offsetAt(profile, epochMs);
}

/** A job's handle: company number and job name, as Adobe's examples spell it (`j|6||Add_...`, §2.1). */
export function jobHandleOf(companyHandle: string, jobName: string): string {
  return `j|${companyHandle.slice(2)}||${jobName}`;
}

function pickKind(random: Prng): JobKind {
  const total = JOB_KINDS.reduce((sum, kind) => sum + kind.weight, 0);
  let roll = random.int(1, total);
  for (const kind of JOB_KINDS) {
    roll -= kind.weight;
    if (roll <= 0) return kind;
  }
  return JOB_KINDS[0] as JobKind;
}

function generateJob(
  random: Prng,
  profile: CompanyProfile,
  submitters: readonly Scene7User[],
  jobHandles: Set<string>,
): GeneratedJob {
  const kind = pickKind(random);
  let startMs = RANGE_START + Math.floor(random.next() * (RANGE_END - RANGE_START));
  const offset = offsetAt(profile, startMs);
  let jobName = `${kind.prefix}_${formatJobNameTime(startMs, offset)}`;
  while (jobHandles.has(jobHandleOf(profile.handle, jobName))) {
    startMs += 1000;
    jobName = `${kind.prefix}_${formatJobNameTime(startMs, offset)}`;
  }
  const jobHandle = jobHandleOf(profile.handle, jobName);
  jobHandles.add(jobHandle);
  const durationMs = random.int(4_000, 2_400_000);
  const state = random.next();
  const fatalError = state < 0.06;
  const running = !fatalError && state > 0.97;
  const total = random.pick([
    random.int(1, 5),
    random.int(1, 5),
    random.int(6, 60),
    random.int(61, 240),
  ]);
  const errors = fatalError
    ? random.int(1, total)
    : random.chance(0.15)
      ? random.int(1, Math.min(5, total))
      : 0;
  const done = running ? random.int(0, total - errors) : total - errors;
  const warnings = random.chance(0.25) ? random.int(0, done) : 0;
  const transferErrors = kind.transfers && random.chance(0.05) ? 1 : 0;
  const log: Scene7JobLog = {
    companyHandle: profile.handle,
    jobHandle,
    jobName,
    originalJobName: kind.prefix === 'FtpUpload' ? 'NightlyFtpUpload' : jobName,
    submitUserEmail: random.pick(submitters).email,
    logType: fatalError ? kind.error : running ? kind.begin : kind.end,
    jobSubType: kind.jobSubType,
    startDate: formatDateTime(startMs, offset),
    ...(running ? {} : { endDate: formatDateTime(startMs + durationMs, offset) }),
    description: kind.describe(total),
    fileSuccessCount: done,
    fileErrorCount: errors,
    fileWarningCount: warnings,
    fileDuplicateCount: random.chance(0.1) ? random.int(0, done) : 0,
    fileUpdateCount: random.chance(0.3) ? random.int(0, done) : 0,
    totalFileCount: total,
    transferSuccessCount: kind.transfers ? Math.max(0, done + errors - transferErrors) : 0,
    transferErrorCount: transferErrors,
    transferWarningCount: kind.transfers && random.chance(0.05) ? 1 : 0,
    fatalError,
  };
  return { log, kind, startMs, durationMs, offset };
}

function generateAsset(random: Prng, profile: CompanyProfile, number: number): Scene7Asset {
  const [fileType, extension] = random.pick(FILE_TYPES);
  const folder = random.pick(profile.folders);
  const stem = `${random.pick(STEMS)}-${random.int(10000, 99999)}`;
  return {
    handle: `${profile.assetPrefix}${number}`,
    companyHandle: profile.handle,
    name: `${profile.name}/${folder}/${stem}.${extension}`,
    fileType,
  };
}

function generateAssetJobLog(
  random: Prng,
  asset: Scene7Asset,
  job: GeneratedJob,
): Scene7AssetJobLog {
  const logType = random.pick(job.kind.assetLogTypes);
  const logMs = job.startMs + Math.floor(job.durationMs * (0.1 + 0.85 * random.next()));
  const logDate = formatDateTime(logMs, job.offset);
  const pool =
    logType === 'UploadWarning' ? WARNING_DETAILS : logType === 'UploadError' ? ERROR_DETAILS : [];
  const auxArray: Scene7AuxDetail[] = [];
  for (let i = pool.length === 0 ? 0 : random.int(1, 3); i > 0; i -= 1) {
    const detail = random.pick(pool);
    auxArray.push({
      logType,
      ...detail,
      ...(random.chance(0.5)
        ? { dateCreated: formatDateTime(logMs - random.int(1, 900), job.offset) }
        : {}),
    });
  }
  return {
    assetHandle: asset.handle,
    companyHandle: asset.companyHandle,
    jobHandle: job.log.jobHandle,
    jobName: job.log.jobName,
    logType,
    messageKey: logType,
    messageArgs: { asset: asset.name },
    submitUserEmail: job.log.submitUserEmail,
    logDate,
    auxArray,
  };
}
