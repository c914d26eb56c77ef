import type {
  Scene7Asset,
  Scene7AssetJobLog,
  Scene7Company,
  Scene7JobLog,
  Scene7User,
} from './seed-types';

/**
 * The fixed, documented part of the seed: companies, users and the `c|6` assets that the README
 * and the tests name. Handles follow Adobe's examples (`c|6`, `a|732|1|535`, `j|6||Add_...`, §2.1).
 */

/** Demo credentials: member of every seeded company. */
export const DEMO_USER: Scene7User = {
  handle: 'u|1',
  email: 'ips-api@example.com',
  password: 'demo-ips-password',
  companyHandles: ['c|6', 'c|14', 'c|27'],
};

/** Member of `c|14` only (for authorizationFault 20006 on the other companies). */
export const SINGLE_COMPANY_USER: Scene7User = {
  handle: 'u|2',
  email: 'studio@northwind.example.com',
  password: 'northwind-studio-password',
  companyHandles: ['c|14'],
};

/** Every seeded user; generated jobs are submitted by members of their company. */
export const SEEDED_USERS: readonly Scene7User[] = [
  DEMO_USER,
  SINGLE_COMPANY_USER,
  {
    handle: 'u|3',
    email: 'catalog-bot@apitestco.example.com',
    password: 'catalog-bot-password',
    companyHandles: ['c|6'],
  },
  {
    handle: 'u|4',
    email: 'm.tanaka@kumo.example.com',
    password: 'kumo-tanaka-password',
    companyHandles: ['c|27'],
  },
];

/** The three seeded companies; `c|6` ApiTestCo is the company of Adobe's examples. */
export const SEEDED_COMPANIES: readonly Scene7Company[] = [
  { handle: 'c|6', name: 'ApiTestCo' },
  { handle: 'c|14', name: 'NorthwindOutfitters' },
  { handle: 'c|27', name: 'KumoHomeGoods' },
];

const API_TEST_CO = 'c|6';
const BLAKE = 'ApiTestCo/blakexslttest.jpg';
const BOT = 'catalog-bot@apitestco.example.com';

/** `c|6` assets a|732|1|535..539; generated ones continue at 540. */
export const FIXED_ASSETS: readonly Scene7Asset[] = [
  { handle: 'a|732|1|535', companyHandle: API_TEST_CO, name: BLAKE, fileType: 'MasterImage' },
  {
    handle: 'a|732|1|536',
    companyHandle: API_TEST_CO,
    name: 'ApiTestCo/catalog/sku-10482-front.jpg',
    fileType: 'MasterImage',
  },
  {
    handle: 'a|732|1|537',
    companyHandle: API_TEST_CO,
    name: 'ApiTestCo/drafts/spring-banner-layered.psd',
    fileType: 'PsdTemplate',
  },
  {
    handle: 'a|732|1|538',
    companyHandle: API_TEST_CO,
    name: 'ApiTestCo/catalog/sku-20931-detail.tif',
    fileType: 'MasterImage',
  },
  {
    handle: 'a|732|1|539',
    companyHandle: API_TEST_CO,
    name: 'ApiTestCo/print/lookbook-2026.pdf',
    fileType: 'Pdf',
  },
];

interface FixedJob {
  readonly name: string;
  readonly user: string;
  readonly start: string;
  readonly end: string;
  readonly logType: string;
  readonly jobSubType: string;
  readonly description: string;
  readonly counts: readonly [success: number, error: number, warning: number, update: number];
}

const FIXED_JOBS: readonly FixedJob[] = [
  {
    name: 'Add_2025-06-11-13:05:44',
    user: BOT,
    start: '2025-06-11T13:05:44.651-07:00',
    end: '2025-06-11T13:06:03.220-07:00',
    logType: 'EndUpload',
    jobSubType: 'Upload',
    description: 'Upload of 1 file from the web UI',
    counts: [1, 0, 0, 0],
  },
  {
    name: 'Add_2025-10-24-16:11:07',
    user: DEMO_USER.email,
    start: '2025-10-24T16:11:07.412-07:00',
    end: '2025-10-24T16:12:33.018-07:00',
    logType: 'EndUpload',
    jobSubType: 'Upload',
    description: 'Upload of 1 file from the web UI',
    counts: [1, 0, 0, 1],
  },
  {
    name: 'ImageServingPublish_2025-10-25-02:00:00',
    user: BOT,
    start: '2025-10-25T02:00:00.127-07:00',
    end: '2025-10-25T02:04:41.530-07:00',
    logType: 'EndImageServingPublish',
    jobSubType: 'ImageServingPublish',
    description: 'Scheduled publish to Image Serving',
    counts: [1, 0, 0, 0],
  },
  {
    name: 'Add_2026-02-03-09:41:52',
    user: DEMO_USER.email,
    start: '2026-02-03T09:41:52.090-08:00',
    end: '2026-02-03T09:42:20.754-08:00',
    logType: 'EndUpload',
    jobSubType: 'Upload',
    description: 'Upload of 3 files from the web UI',
    counts: [2, 1, 1, 1],
  },
];

/** The job logs of the fixed asset entries below. */
export const FIXED_JOB_LOGS: readonly Scene7JobLog[] = FIXED_JOBS.map((job) => {
  const [success, error, warning, update] = job.counts;
  const total = success + error;
  return {
    companyHandle: API_TEST_CO,
    jobHandle: `j|6||${job.name}`,
    jobName: job.name,
    originalJobName: job.name,
    submitUserEmail: job.user,
    logType: job.logType,
    jobSubType: job.jobSubType,
    startDate: job.start,
    endDate: job.end,
    description: job.description,
    fileSuccessCount: success,
    fileErrorCount: error,
    fileWarningCount: warning,
    fileDuplicateCount: 0,
    fileUpdateCount: update,
    totalFileCount: total,
    transferSuccessCount: job.jobSubType === 'Upload' ? total : 0,
    transferErrorCount: 0,
    transferWarningCount: 0,
    fatalError: false,
  };
});

function entry(
  assetHandle: string,
  asset: string,
  jobName: string,
  logType: string,
  logDate: string,
  auxArray: Scene7AssetJobLog['auxArray'] = [],
): Scene7AssetJobLog {
  const job = FIXED_JOB_LOGS.find((j) => j.jobName === jobName);
  if (job === undefined) throw new Error(`fixture job ${jobName} is missing`);
  return {
    assetHandle,
    companyHandle: API_TEST_CO,
    jobHandle: job.jobHandle,
    jobName,
    logType,
    messageKey: logType,
    messageArgs: { asset },
    submitUserEmail: job.submitUserEmail,
    logDate,
    auxArray,
  };
}

/**
 * a|732|1|535: Adobe's two example entries (UploadSuccess, FileUpdated; §3.1) plus two more;
 * a|732|1|536: exactly one entry; a|732|1|537: none; a|732|1|538: one aux detail; a|732|1|539: three.
 */
export const FIXED_ASSET_JOB_LOGS: readonly Scene7AssetJobLog[] = [
  entry(
    'a|732|1|535',
    BLAKE,
    'Add_2025-10-24-16:11:07',
    'UploadSuccess',
    '2025-10-24T16:12:32.297-07:00',
  ),
  entry(
    'a|732|1|535',
    BLAKE,
    'Add_2025-10-24-16:11:07',
    'FileUpdated',
    '2025-10-24T16:12:32.301-07:00',
  ),
  entry(
    'a|732|1|535',
    BLAKE,
    'ImageServingPublish_2025-10-25-02:00:00',
    'ImageServingPublishSuccess',
    '2025-10-25T02:03:11.845-07:00',
  ),
  entry(
    'a|732|1|535',
    BLAKE,
    'Add_2026-02-03-09:41:52',
    'FileUpdated',
    '2026-02-03T09:42:18.006-08:00',
  ),
  entry(
    'a|732|1|536',
    'ApiTestCo/catalog/sku-10482-front.jpg',
    'Add_2025-06-11-13:05:44',
    'UploadSuccess',
    '2025-06-11T13:06:02.118-07:00',
  ),
  entry(
    'a|732|1|538',
    'ApiTestCo/catalog/sku-20931-detail.tif',
    'Add_2026-02-03-09:41:52',
    'UploadWarning',
    '2026-02-03T09:42:19.412-08:00',
    [
      {
        logType: 'UploadWarning',
        messageKey: 'aux.colorProfileMissing',
        messageArgs: {},
        dateCreated: '2026-02-03T09:42:19.398-08:00',
      },
    ],
  ),
  entry(
    'a|732|1|539',
    'ApiTestCo/print/lookbook-2026.pdf',
    'Add_2026-02-03-09:41:52',
    'UploadError',
    '2026-02-03T09:42:20.113-08:00',
    [
      {
        logType: 'UploadWarning',
        messageKey: 'aux.fontNotEmbedded',
        messageArgs: { font: 'HelveticaNeue-Bold' },
        dateCreated: '2026-02-03T09:42:19.902-08:00',
      },
      {
        logType: 'UploadError',
        messageKey: 'aux.pageRasterFailed',
        messageArgs: { page: '3' },
        dateCreated: '2026-02-03T09:42:20.087-08:00',
      },
      { logType: 'UploadError', messageKey: 'aux.fileTruncated', messageArgs: {} },
    ],
  ),
];

/** An entry of an archived job of `c|6`: the job itself is no longer in the job logs. */
function archivedEntry(
  assetHandle: string,
  asset: string,
  jobName: string,
  logType: string,
  logDate: string,
  submitUserEmail: string,
): Scene7AssetJobLog {
  return {
    assetHandle,
    companyHandle: API_TEST_CO,
    jobHandle: `j|6||${jobName}`,
    jobName,
    logType,
    messageKey: logType,
    messageArgs: { asset },
    submitUserEmail,
    logDate,
    auxArray: [],
  };
}

/**
 * Archived asset job logs (getAssetArchivedJobLogs, §3.3: undocumented [U]): a|732|1|535's first
 * upload and publish in 2024, and one entry of a|732|1|536; no other asset has any.
 */
export const FIXED_ARCHIVED_ASSET_JOB_LOGS: readonly Scene7AssetJobLog[] = [
  archivedEntry(
    'a|732|1|535',
    BLAKE,
    'Add_2024-03-18-10:22:41',
    'UploadSuccess',
    '2024-03-18T10:23:05.118-07:00',
    DEMO_USER.email,
  ),
  archivedEntry(
    'a|732|1|535',
    BLAKE,
    'ImageServingPublish_2024-03-19-02:00:00',
    'ImageServingPublishSuccess',
    '2024-03-19T02:01:47.502-07:00',
    BOT,
  ),
  archivedEntry(
    'a|732|1|536',
    'ApiTestCo/catalog/sku-10482-front.jpg',
    'Add_2024-05-02-08:15:10',
    'UploadSuccess',
    '2024-05-02T08:15:31.940-07:00',
    BOT,
  ),
];
