/**
 * A Scene7 job's detail lines (getJobLogDetails) reach a JSON caller, on `GET /v1/job-logs/{id}`
 * of the job (as Business Central's call stack does), and an IPS caller, through getJobLogDetails
 * on the IPS endpoint: the same lines, over real HTTP on loopback in front of the Scene7
 * emulator. Its seed gets one job of 1500 files, so that reading one job pages its lines.
 */
import {
  createScene7Seed,
  startScene7Emulator,
  type Scene7Emulator,
  type Scene7JobLog,
} from '../../src/emulators/scene7';
import { jobLogDetailsFor } from '../../src/emulators/scene7/seed';
import type { RunningGateway } from '../../src/server/gateway';
import type { GetJobLogDetailsReturn, JobLog } from '../../src/schemas/types/scene7-ips';
import type { UnifiedJobLog } from '../../src/schemas/types/unified-job-log';
import {
  API_KEY,
  SOAP_PASSWORD,
  SOAP_USER,
  getFromGateway,
  scene7Source,
  startGatewayFor,
} from '../helpers/gateway';
import { authHeader, envelope, ipsReturnOf, jobLogDetailsParam, postSoap } from '../helpers/soap';

const SMALL_JOB = 'j|6||Add_2026-02-03-09:41:52';
/** 2026-02-03T09:41:52.090-08:00, the job's startDate in UTC. */
const SMALL_JOB_START = '2026-02-03T17:41:52.090Z';

const BIG_JOB: Scene7JobLog = {
  companyHandle: 'c|6',
  jobHandle: 'j|6||FtpUpload_2026-06-30-22:00:00',
  jobName: 'FtpUpload_2026-06-30-22:00:00',
  originalJobName: 'NightlyFtpUpload',
  submitUserEmail: 'catalog-bot@apitestco.example.com',
  logType: 'EndUpload',
  jobSubType: 'FtpUpload',
  startDate: '2026-06-30T22:00:00.000-07:00',
  endDate: '2026-06-30T23:10:00.000-07:00',
  description: 'Nightly FTP upload of 1500 files',
  fileSuccessCount: 1490,
  fileErrorCount: 10,
  fileWarningCount: 0,
  fileDuplicateCount: 0,
  fileUpdateCount: 0,
  totalFileCount: 1500,
  transferSuccessCount: 1500,
  transferErrorCount: 0,
  transferWarningCount: 0,
  fatalError: false,
};
const BIG_JOB_START = '2026-07-01T05:00:00.000Z';
/** Begin, OriginalJobName, JobClient, TotalFileCount, 1500 files, EndUpload. */
const BIG_JOB_LINES = 1505;

let scene7: Scene7Emulator;
let gateway: RunningGateway;

beforeAll(async () => {
  const seed = createScene7Seed();
  scene7 = await startScene7Emulator({
    seed: {
      ...seed,
      jobLogs: [...seed.jobLogs, BIG_JOB],
      jobLogDetails: [...seed.jobLogDetails, ...jobLogDetailsFor(BIG_JOB, [], new Map())],
    },
  });
  ({ gateway } = await startGatewayFor([scene7Source(scene7.serviceUrl)]));
});
afterAll(async () => {
  await gateway.close(100);
  await scene7.close();
});
beforeEach(() => scene7.clearRequests());

/** The unified record of the job that started at `start`, read by its id. */
async function recordStartedAt(start: string): Promise<UnifiedJobLog> {
  const until = new Date(Date.parse(start) + 1).toISOString();
  const listing = await getFromGateway(
    gateway,
    `/v1/job-logs?source=scene7-test&since=${start}&until=${until}`,
    API_KEY,
  );
  const { items } = (await listing.json()) as { items: UnifiedJobLog[] };
  expect(items).toHaveLength(1);
  expect(items[0]?.details).toEqual([]);
  scene7.clearRequests();
  const response = await getFromGateway(
    gateway,
    `/v1/job-logs/${encodeURIComponent(items[0]!.id)}`,
    API_KEY,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as UnifiedJobLog;
}

async function detailsForIpsCaller(fields: Record<string, string>): Promise<JobLog[]> {
  const response = await postSoap(
    `${gateway.url}/scene7/services/IpsApiService`,
    envelope({ header: authHeader(SOAP_USER, SOAP_PASSWORD), body: jobLogDetailsParam(fields) }),
    { action: 'getJobLogDetails' },
  );
  expect(response.status).toBe(200);
  return ipsReturnOf<GetJobLogDetailsReturn>(await response.text(), 'getJobLogDetails').jobLogArray;
}

describe('GET /v1/job-logs/{id}', () => {
  describe('when the id is a Scene7 job', () => {
    it("adds the job's detail lines from getJobLogDetails, the listing having none", async () => {
      const record = await recordStartedAt(SMALL_JOB_START);
      expect(record.job.id).toBe(SMALL_JOB);
      expect(record.details).toEqual([
        { message: 'Upload has begun!', type: 'BeginUpload', time: SMALL_JOB_START },
        { message: 'Add_2026-02-03-09:41:52', type: 'OriginalJobName', time: SMALL_JOB_START },
        { message: 's7oslo', type: 'JobClient', time: SMALL_JOB_START },
        { message: '3', type: 'TotalFileCount', time: SMALL_JOB_START },
        {
          message: 'ApiTestCo/blakexslttest.jpg was processed into IPS.',
          type: 'FileUpdated',
          time: '2026-02-03T17:42:18.006Z',
        },
        {
          message: 'ApiTestCo/catalog/sku-20931-detail.tif was processed into IPS with warnings',
          type: 'UploadWarning',
          time: '2026-02-03T17:42:19.412Z',
        },
        {
          message: 'ApiTestCo/print/lookbook-2026.pdf could not be processed into IPS',
          type: 'UploadError',
          time: '2026-02-03T17:42:20.113Z',
        },
        { message: 'Upload has ended', type: 'EndUpload', time: '2026-02-03T17:42:20.754Z' },
      ]);
      // raw is the JobLog as getJobLogDetails sent it: the files' names and handles are there.
      const raw = record.raw as unknown as JobLog;
      expect(raw.detailTotalRows).toBe(8);
      expect(raw.detailArray?.[6]).toMatchObject({
        assetName: 'ApiTestCo/print/lookbook-2026.pdf',
        assetHandle: 'a|732|1|539',
      });
      expect(scene7.requests.map((request) => request.operation)).toEqual([
        'getJobLogs',
        'getJobLogDetails',
      ]);
    });

    it('reads every page of a job with more lines than IPS sends at once', async () => {
      const record = await recordStartedAt(BIG_JOB_START);
      expect(record.details).toHaveLength(BIG_JOB_LINES);
      expect(record.details.filter((line) => line.type === 'UploadError')).toHaveLength(10);
      expect(record.details.at(-1)).toMatchObject({ type: 'EndUpload' });
      expect((record.raw as unknown as JobLog).detailTotalRows).toBe(BIG_JOB_LINES);
      expect(scene7.requests.map((request) => request.operation)).toEqual([
        'getJobLogs',
        'getJobLogDetails',
        'getJobLogDetails',
      ]);
    });
  });
});

describe("a Scene7 job's detail lines", () => {
  it('reach a JSON caller and an IPS caller alike', async () => {
    const record = await recordStartedAt(SMALL_JOB_START);
    const [job] = await detailsForIpsCaller({ companyHandle: 'c|6', jobHandle: SMALL_JOB });
    expect(job?.detailArray?.map((line) => [line.logType, line.logMessage])).toEqual(
      record.details.map((line) => [line.type, line.message]),
    );
    expect(job).toEqual(record.raw);
  });

  it('reach an IPS caller one page of recordsPerPage at a time', async () => {
    const [first] = await detailsForIpsCaller({
      companyHandle: 'c|6',
      jobHandle: BIG_JOB.jobHandle,
    });
    expect(first).toMatchObject({ detailTotalRows: BIG_JOB_LINES });
    expect(first?.detailArray).toHaveLength(1000);
    const [last] = await detailsForIpsCaller({
      companyHandle: 'c|6',
      jobHandle: BIG_JOB.jobHandle,
      recordsPerPage: '500',
      resultsPage: '4',
    });
    expect(last?.detailArray).toHaveLength(5);
    expect(last?.detailArray?.at(-1)?.logType).toBe('EndUpload');
  });
});
