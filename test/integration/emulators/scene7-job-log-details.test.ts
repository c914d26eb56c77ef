/**
 * The Scene7 emulator's getJobLogDetails and getAssetArchivedJobLogs over real HTTP on loopback
 * (shared/reference/scene7-ips.md §3.3): a node-soap client built from the emulator's WSDL over
 * SOAP 1.1 and 1.2, and raw envelopes for paging, filters, sorting and faults. Answers are checked
 * against the IPS schema the way the gateway reads them (schema-driven codec, then ajv:
 * ipsReturnOf).
 */
import * as soap from 'soap';
import { startScene7Emulator, type Scene7Emulator } from '../../../src/emulators/scene7';
import type {
  GetAssetArchivedJobLogsReturn,
  GetJobLogDetailsReturn,
  JobLog,
} from '../../../src/schemas/types/scene7-ips';
import {
  assetParam,
  betaSoap12Client,
  bodyOf,
  child,
  COMMON_NS,
  commonAuth,
  DEMO,
  envelope,
  faultOf,
  ns,
  post,
  SOAP12,
  SOLO,
  versionedAuth,
} from './scene7-wire';
import { ipsReturnOf, jobLogDetailsParam } from '../../helpers/soap';

const JOB = 'j|6||Add_2026-02-03-09:41:52';
const BETA_2021 = '2021-01-11-beta';

let emulator: Scene7Emulator;

beforeAll(async () => {
  emulator = await startScene7Emulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

/** POSTs getJobLogDetails for the demo user and returns the decoded, validated JobLogs. */
async function details(
  fields: Record<string, string | readonly string[]>,
  options: { version?: string; header?: string } = {},
): Promise<JobLog[]> {
  const res = await post(
    emulator.serviceUrl,
    envelope('1.1', jobLogDetailsParam(fields, options.version), options.header ?? commonAuth()),
  );
  expect(res.status).toBe(200);
  return ipsReturnOf<GetJobLogDetailsReturn>(res.text, 'getJobLogDetails').jobLogArray;
}

async function faultFor(fields: Record<string, string | readonly string[]>, header = commonAuth()) {
  const res = await post(emulator.serviceUrl, envelope('1.1', jobLogDetailsParam(fields), header));
  expect(res.status).toBe(500);
  return faultOf(res.text);
}

describe('POST /scene7/services/IpsApiService getJobLogDetails', () => {
  describe('when a node-soap client asks for one job over SOAP 1.1 (2014-04-03 WSDL)', () => {
    it('answers the JobLog with its detail lines, one per file naming the asset', async () => {
      const client = await soap.createClientAsync(`${emulator.serviceUrl}?wsdl`);
      client.addSoapHeader({ authHeader: DEMO }, '', 'common', COMMON_NS);
      const [result] = await client.getJobLogDetailsAsync({ companyHandle: 'c|6', jobHandle: JOB });
      const jobs = result.jobLogArray.items as Array<Record<string, unknown>>;
      expect(jobs).toHaveLength(1);
      const job = jobs[0]!;
      expect(job).toMatchObject({ jobHandle: JOB, totalFileCount: 3, detailTotalRows: 8 });
      const lines = (job.detailArray as { items: Array<Record<string, unknown>> }).items;
      expect(lines.map((line) => [line.logType, line.logMessage, line.assetHandle])).toEqual([
        ['BeginUpload', 'Upload has begun!', undefined],
        ['OriginalJobName', 'Add_2026-02-03-09:41:52', undefined],
        ['JobClient', 's7oslo', undefined],
        ['TotalFileCount', '3', undefined],
        ['FileUpdated', 'ApiTestCo/blakexslttest.jpg was processed into IPS.', 'a|732|1|535'],
        [
          'UploadWarning',
          'ApiTestCo/catalog/sku-20931-detail.tif was processed into IPS with warnings',
          'a|732|1|538',
        ],
        [
          'UploadError',
          'ApiTestCo/print/lookbook-2026.pdf could not be processed into IPS',
          'a|732|1|539',
        ],
        ['EndUpload', 'Upload has ended', undefined],
      ]);
      expect(lines[6]).toMatchObject({
        assetName: 'ApiTestCo/print/lookbook-2026.pdf',
        assetType: 'Pdf',
      });
      expect(emulator.requests[0]).toMatchObject({
        operation: 'getJobLogDetails',
        soapAction: 'getJobLogDetails',
      });
    });
  });

  describe('when a node-soap client calls over SOAP 1.2 with the 2016-01-14-beta WSDL', () => {
    it('answers in SOAP 1.2 and the beta namespace, a file line carrying its auxArray', async () => {
      const beta = ns('2016-01-14-beta');
      const client = await betaSoap12Client(emulator.url);
      const [result] = await client.getJobLogDetailsAsync({
        companyHandle: 'c|6',
        jobHandle: JOB,
        logTypeArray: { items: ['UploadError'] },
      });
      expect(client.lastResponse).toContain(`<env:Envelope xmlns:env="${SOAP12}"`);
      expect(client.lastResponse).toContain(`<getJobLogDetailsReturn xmlns="${beta}">`);
      const job = result.jobLogArray.items[0];
      expect(job.detailTotalRows).toBe(1);
      expect(
        job.detailArray.items[0].auxArray.items.map((aux: { logType: string }) => aux.logType),
      ).toEqual(['UploadWarning', 'UploadError', 'UploadError']);
    });
  });

  describe('when it answers', () => {
    it('writes JobLog and JobLogDetail fields in schema order, in the request namespace', async () => {
      const res = await post(
        emulator.serviceUrl,
        envelope('1.1', jobLogDetailsParam({ companyHandle: 'c|6', jobHandle: JOB }), commonAuth()),
      );
      const item = child(child(bodyOf(res.text), 'jobLogArray')!, 'items')!;
      expect(item.children.map((c) => c.localName).slice(-3)).toEqual([
        'fatalError',
        'detailTotalRows',
        'detailArray',
      ]);
      const line = child(item, 'detailArray')!.children[6]!;
      expect(line.children.map((c) => c.localName)).toEqual([
        'logMessage',
        'logType',
        'dateCreated',
        'assetName',
        'assetType',
        'assetHandle',
        'auxArray',
      ]);
      expect(line.children.every((c) => c.namespace === ns())).toBe(true);
      expect(res.text).not.toContain('nil');
    });

    it('leaves auxArray out of detail lines for namespaces before 2010-01-31', async () => {
      const [job] = await details(
        { companyHandle: 'c|6', jobHandle: JOB },
        { version: '2008-01-15' },
      );
      expect(job?.detailArray?.some((line) => line.auxArray !== undefined)).toBe(false);
    });

    it('renders the messages in the authHeader locale; logType stays', async () => {
      const [job] = await details(
        { companyHandle: 'c|6', jobHandle: JOB },
        { header: commonAuth(DEMO, '<locale>de-DE</locale>') },
      );
      expect(job?.detailArray?.[0]).toMatchObject({
        logType: 'BeginUpload',
        logMessage: 'Upload hat begonnen!',
      });
    });
  });

  describe('when recordsPerPage and resultsPage page the details', () => {
    it('answers consecutive pages of the same lines and the same detailTotalRows', async () => {
      const [all] = await details({ companyHandle: 'c|6', jobHandle: JOB });
      const pages = await Promise.all(
        ['1', '2', '3'].map(async (resultsPage) => {
          const [job] = await details({
            companyHandle: 'c|6',
            jobHandle: JOB,
            recordsPerPage: '3',
            resultsPage,
          });
          return job!;
        }),
      );
      expect(pages.map((page) => page.detailArray?.length)).toEqual([3, 3, 2]);
      expect(pages.every((page) => page.detailTotalRows === 8)).toBe(true);
      expect(pages.flatMap((page) => page.detailArray ?? [])).toEqual(all?.detailArray);
    });

    it('answers an empty detailArray past the last page', async () => {
      const [job] = await details({
        companyHandle: 'c|6',
        jobHandle: JOB,
        recordsPerPage: '5',
        resultsPage: '3',
      });
      expect(job).toMatchObject({ detailTotalRows: 8, detailArray: [] });
    });

    it('pages a job with many files 1000 lines at most', async () => {
      const big = emulator.seed.jobLogs.reduce((a, b) =>
        b.totalFileCount > a.totalFileCount ? b : a,
      );
      const [job] = await details({
        companyHandle: big.companyHandle,
        jobHandle: big.jobHandle,
        recordsPerPage: '5000',
      });
      expect(job?.detailArray).toHaveLength(job?.detailTotalRows ?? -1);
      expect(job?.detailTotalRows).toBeGreaterThan(big.totalFileCount);
    });
  });

  describe('when logTypeArray, sortBy and sortDirection are given', () => {
    it('keeps only those log types, counting them in detailTotalRows', async () => {
      const [job] = await details({
        companyHandle: 'c|6',
        jobHandle: JOB,
        logTypeArray: ['UploadError', 'UploadWarning'],
      });
      expect(job?.detailTotalRows).toBe(2);
      expect(job?.detailArray?.map((line) => line.logType)).toEqual([
        'UploadWarning',
        'UploadError',
      ]);
    });

    it('sorts by LogType descending, ties by date', async () => {
      const [job] = await details({
        companyHandle: 'c|6',
        jobHandle: JOB,
        sortBy: 'LogType',
        sortDirection: 'Descending',
      });
      const types = job?.detailArray?.map((line) => line.logType) ?? [];
      expect(types).toEqual([...types].sort().reverse());
    });

    it('sorts by Date descending', async () => {
      const [job] = await details({ companyHandle: 'c|6', jobHandle: JOB, sortDirection: 'desc' });
      expect(job?.detailArray?.[0]?.logType).toBe('EndUpload');
    });
  });

  describe('when the job is named by originalName or not at all', () => {
    it('answers every job of that original name, newest first, each with its lines', async () => {
      const named = emulator.seed.jobLogs.filter(
        (job) => job.companyHandle === 'c|14' && job.originalJobName === 'NightlyFtpUpload',
      );
      expect(named.length).toBeGreaterThan(1);
      const jobs = await details({ companyHandle: 'c|14', originalName: 'NightlyFtpUpload' });
      expect(jobs.map((job) => job.jobHandle).sort()).toEqual(
        named.map((job) => job.jobHandle).sort(),
      );
      const starts = jobs.map((job) => Date.parse(job.startDate ?? ''));
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
      expect(jobs.every((job) => (job.detailArray?.length ?? 0) > 0)).toBe(true);
    });

    it('answers an empty jobLogArray for an original name no job has', async () => {
      expect(await details({ companyHandle: 'c|6', originalName: 'NoSuchJob' })).toEqual([]);
    });

    it('answers every job of the company without jobHandle and originalName', async () => {
      const jobs = await details({ companyHandle: 'c|27', recordsPerPage: '1' });
      expect(jobs).toHaveLength(
        emulator.seed.jobLogs.filter((j) => j.companyHandle === 'c|27').length,
      );
    });
  });

  describe('when the request is refused', () => {
    it.each([
      ['a missing companyHandle', { jobHandle: JOB }, 30002],
      ['a blank companyHandle', { companyHandle: ' ', jobHandle: JOB }, 30002],
      ['an unknown jobHandle', { companyHandle: 'c|6', jobHandle: 'j|6||NoSuchJob' }, 30001],
      ["another company's job", { companyHandle: 'c|14', jobHandle: JOB }, 30001],
      ['an unknown sortBy', { companyHandle: 'c|6', sortBy: 'Size' }, 30001],
      ['recordsPerPage 0', { companyHandle: 'c|6', recordsPerPage: '0' }, 30001],
      ['resultsPage not an int', { companyHandle: 'c|6', resultsPage: 'two' }, 30001],
      ['an unknown company', { companyHandle: 'c|999' }, 20000],
    ])('answers %s with fault %i', async (_case, fields, code) => {
      expect((await faultFor(fields)).faultCode).toBe(code);
    });

    it('answers a company the user is not in with authorizationFault 20006', async () => {
      expect((await faultFor({ companyHandle: 'c|6' }, commonAuth(SOLO))).faultCode).toBe(20006);
    });

    it('answers no credentials with authenticationFault 10000', async () => {
      expect((await faultFor({ companyHandle: 'c|6' }, '')).faultCode).toBe(10000);
    });

    it('answers a logTypeArray holding other elements than items with 30003', async () => {
      const body = `<getJobLogDetailsParam xmlns="${ns()}"><companyHandle>c|6</companyHandle><logTypeArray><type>UploadError</type></logTypeArray></getJobLogDetailsParam>`;
      const res = await post(emulator.serviceUrl, envelope('1.1', body, commonAuth()));
      expect(faultOf(res.text).faultCode).toBe(30003);
    });
  });
});

describe('POST /scene7/services/IpsApiService getAssetArchivedJobLogs', () => {
  const archivedParam = (asset: string, version: string): string =>
    assetParam('c|6', asset, ns(version)).replace(
      /getAssetJobLogsParam/g,
      'getAssetArchivedJobLogsParam',
    );

  describe('when the body uses the 2021-01-11-beta namespace or later', () => {
    it.each([BETA_2021, '2022-11-01-beta'])(
      'answers the archived entries only in %s',
      async (version) => {
        const res = await post(
          emulator.serviceUrl,
          envelope('1.2', archivedParam('a|732|1|535', version), versionedAuth(ns(version))),
          { version: '1.2' },
        );
        expect(res.status).toBe(200);
        expect(res.text).toContain(`<getAssetArchivedJobLogsReturn xmlns="${ns(version)}">`);
        const { jobLogArray } = ipsReturnOf<GetAssetArchivedJobLogsReturn>(
          res.text,
          'getAssetArchivedJobLogs',
        );
        expect(jobLogArray.map((entry) => [entry.jobHandle, entry.logType])).toEqual([
          ['j|6||Add_2024-03-18-10:22:41', 'UploadSuccess'],
          ['j|6||ImageServingPublish_2024-03-19-02:00:00', 'ImageServingPublishSuccess'],
        ]);
      },
    );

    it('answers an empty jobLogArray for an asset without archived entries', async () => {
      const res = await post(
        emulator.serviceUrl,
        envelope('1.1', archivedParam('a|732|1|537', BETA_2021), commonAuth()),
      );
      expect(
        ipsReturnOf<GetAssetArchivedJobLogsReturn>(res.text, 'getAssetArchivedJobLogs').jobLogArray,
      ).toEqual([]);
    });

    it('answers a node-soap client built from the 2021-01-11-beta WSDL', async () => {
      const client = await soap.createClientAsync(
        `${emulator.url}/scene7/webservice/IpsApi-${BETA_2021}.wsdl`,
      );
      client.addSoapHeader({ authHeader: DEMO }, '', 'common', COMMON_NS);
      const [result] = await client.getAssetArchivedJobLogsAsync({
        companyHandle: 'c|6',
        assetHandle: 'a|732|1|536',
      });
      expect(result.jobLogArray.items).toHaveLength(1);
    });
  });

  describe('when the body uses an older namespace', () => {
    it('answers ipsApiFault 30003, as for any operation that schema lacks', async () => {
      const res = await post(
        emulator.serviceUrl,
        envelope('1.1', archivedParam('a|732|1|535', '2016-01-14-beta'), commonAuth()),
      );
      expect(faultOf(res.text).faultCode).toBe(30003);
    });

    it("leaves the operation out of that version's WSDL", async () => {
      const old = await (await fetch(`${emulator.serviceUrl}?wsdl`)).text();
      const later = await (
        await fetch(`${emulator.url}/scene7/webservice/IpsApi-${BETA_2021}.wsdl`)
      ).text();
      const operation = (name: string): string => `<wsdl:operation name="${name}">`;
      expect(old).not.toContain(operation('getAssetArchivedJobLogs'));
      expect(old).not.toContain('getAssetArchivedJobLogsParam');
      expect(old).toContain(operation('getJobLogDetails'));
      expect(later).toContain(operation('getAssetArchivedJobLogs'));
    });
  });
});
