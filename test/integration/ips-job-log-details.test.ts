/**
 * The IPS job-log family beyond getAssetJobLogs/getJobLogs on the gateway's IPS endpoint, over
 * real HTTP on loopback in front of the Scene7 emulator: getJobLogDetails (SOAP 1.1 and 1.2,
 * dated namespaces, paging, filters, faults) and getAssetArchivedJobLogs (2021-01-11-beta on).
 * Answers are read the way the IPS schema defines them (ipsReturnOf: schema-driven codec, ajv)
 * and compared with what the emulator itself answers: the pass-through changes nothing.
 */
import { parseXml } from '../../src/codec/xml-tree';
import type {
  GetAssetArchivedJobLogsReturn,
  GetJobLogDetailsReturn,
  JobLog,
} from '../../src/schemas/types/scene7-ips';
import {
  SOAP_PASSWORD,
  SOAP_USER,
  UPSTREAM_PASSWORD,
  UPSTREAM_USER,
  startStack,
  type TestStack,
} from '../helpers/gateway';
import {
  assetJobLogsParam,
  authHeader,
  envelope,
  IPS_COMMON_NS,
  ipsFaultOf,
  ipsNs,
  ipsReturnOf,
  jobLogDetailsParam,
  postSoap,
  SOAP12_NS,
} from '../helpers/soap';

const JOB = 'j|6||Add_2026-02-03-09:41:52';
const BETA_2021 = '2021-01-11-beta';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack();
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());
beforeEach(() => stack.scene7.clearRequests());

const auth = authHeader(SOAP_USER, SOAP_PASSWORD);

type Fields = Record<string, string | readonly string[]>;

/** getJobLogDetails through the gateway, read by the IPS schema. */
async function viaGateway(
  fields: Fields,
  options: { version?: string; soap?: '1.1' | '1.2' } = {},
): Promise<{ response: Response; text: string; jobs: JobLog[] }> {
  const response = await postSoap(
    endpoint,
    envelope({
      version: options.soap ?? '1.1',
      header: auth,
      body: jobLogDetailsParam(fields, options.version),
    }),
    { version: options.soap ?? '1.1', action: 'getJobLogDetails' },
  );
  const text = await response.text();
  expect(response.status).toBe(200);
  return {
    response,
    text,
    jobs: ipsReturnOf<GetJobLogDetailsReturn>(text, 'getJobLogDetails').jobLogArray,
  };
}

/** The same call made to the emulator directly, with the gateway's own upstream credentials. */
async function fromUpstream(fields: Fields): Promise<JobLog[]> {
  const response = await postSoap(
    stack.scene7.serviceUrl,
    envelope({
      header: authHeader(UPSTREAM_USER, UPSTREAM_PASSWORD),
      body: jobLogDetailsParam(fields),
    }),
    { action: 'getJobLogDetails' },
  );
  return ipsReturnOf<GetJobLogDetailsReturn>(await response.text(), 'getJobLogDetails').jobLogArray;
}

async function faultOf(body: string, version: '1.1' | '1.2' = '1.1', header = auth) {
  const response = await postSoap(endpoint, envelope({ version, header, body }), {
    version,
    action: 'getJobLogDetails',
  });
  return { status: response.status, fault: ipsFaultOf(await response.text()) };
}

describe('POST /scene7/services/IpsApiService getJobLogDetails', () => {
  describe('when a legacy client asks for one job over SOAP 1.1', () => {
    it('answers exactly what IPS answers: the JobLog and its detail lines', async () => {
      const fields = { companyHandle: 'c|6', jobHandle: JOB };
      const { response, text, jobs } = await viaGateway(fields);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(text).toContain(`<getJobLogDetailsReturn xmlns="${ipsNs()}">`);
      expect(jobs).toEqual(await fromUpstream(fields));
      expect(jobs[0]).toMatchObject({ jobHandle: JOB, detailTotalRows: 8 });
      expect(jobs[0]?.detailArray?.map((line) => line.assetHandle).filter(Boolean)).toEqual([
        'a|732|1|535',
        'a|732|1|538',
        'a|732|1|539',
      ]);
      expect(stack.scene7.requests.map((request) => request.operation)).toContain(
        'getJobLogDetails',
      );
    });
  });

  describe('when the caller speaks SOAP 1.2 in the 2016-01-14-beta namespace', () => {
    it('answers a SOAP 1.2 envelope in that namespace', async () => {
      const { response, text, jobs } = await viaGateway(
        { companyHandle: 'c|6', jobHandle: JOB },
        { soap: '1.2', version: '2016-01-14-beta' },
      );
      expect(response.headers.get('content-type')).toMatch(/^application\/soap\+xml/);
      expect(parseXml(text).ns).toBe(SOAP12_NS);
      expect(text).toContain(`<getJobLogDetailsReturn xmlns="${ipsNs('2016-01-14-beta')}">`);
      expect(jobs[0]?.detailArray?.some((line) => line.auxArray !== undefined)).toBe(true);
    });
  });

  describe('when the caller uses the 2008-01-15 namespace', () => {
    it('leaves auxArray out of the detail lines, as that schema has none', async () => {
      const { text, jobs } = await viaGateway(
        { companyHandle: 'c|6', jobHandle: JOB },
        { version: '2008-01-15' },
      );
      expect(text).toContain(`<getJobLogDetailsReturn xmlns="${ipsNs('2008-01-15')}">`);
      expect(text).not.toContain('auxArray');
      expect(jobs[0]?.detailArray).toHaveLength(8);
    });
  });

  describe('when the caller pages, filters and sorts the details', () => {
    it.each<[string, Fields]>([
      ['page 2 of 3 lines', { recordsPerPage: '3', resultsPage: '2' }],
      ['a page past the last', { recordsPerPage: '5', resultsPage: '9' }],
      ['the error and warning lines', { logTypeArray: ['UploadError', 'UploadWarning'] }],
      ['lines by LogType, descending', { sortBy: 'LogType', sortDirection: 'Descending' }],
    ])('passes %s on and answers what IPS answers', async (_case, extra) => {
      const fields = { companyHandle: 'c|6', jobHandle: JOB, ...extra };
      const { jobs } = await viaGateway(fields);
      expect(jobs).toEqual(await fromUpstream(fields));
      expect(jobs[0]?.detailTotalRows).toBeGreaterThan(0);
    });

    it('answers consecutive pages that make up the whole list', async () => {
      const whole = (await viaGateway({ companyHandle: 'c|6', jobHandle: JOB })).jobs[0];
      const lines = [];
      for (const resultsPage of ['1', '2', '3']) {
        const { jobs } = await viaGateway({
          companyHandle: 'c|6',
          jobHandle: JOB,
          recordsPerPage: '3',
          resultsPage,
        });
        lines.push(...(jobs[0]?.detailArray ?? []));
      }
      expect(lines).toEqual(whole?.detailArray);
    });
  });

  describe('when the job is named by originalName', () => {
    it('answers every job of that name with its lines', async () => {
      const fields = {
        companyHandle: 'c|14',
        originalName: 'NightlyFtpUpload',
        recordsPerPage: '2',
      };
      const { jobs } = await viaGateway(fields);
      expect(jobs.length).toBeGreaterThan(1);
      expect(jobs).toEqual(await fromUpstream(fields));
    });
  });

  describe('when the request is refused', () => {
    it('answers a missing companyHandle with 30002 and asks IPS nothing', async () => {
      const { status, fault } = await faultOf(jobLogDetailsParam({ jobHandle: JOB }));
      expect(status).toBe(500);
      expect(fault).toMatchObject({ kind: 'ipsApiFault', code: 30002, namespace: IPS_COMMON_NS });
      expect(stack.scene7.requests).toEqual([]);
    });

    it("passes IPS's own fault on for a job IPS does not know (30001)", async () => {
      const { fault } = await faultOf(
        jobLogDetailsParam({ companyHandle: 'c|6', jobHandle: 'j|6||NoSuchJob' }),
      );
      expect(fault).toMatchObject({ kind: 'ipsApiFault', code: 30001, soapCode: 'soapenv:Client' });
      expect(fault?.reason).toContain('j|6||NoSuchJob');
    });

    it("passes IPS's authorizationFault on for an unknown company (20000)", async () => {
      const { fault } = await faultOf(jobLogDetailsParam({ companyHandle: 'c|424242' }));
      expect(fault).toMatchObject({ kind: 'authorizationFault', code: 20000 });
    });

    it('answers recordsPerPage that is not an xsd:int with 30003', async () => {
      const { fault } = await faultOf(
        jobLogDetailsParam({ companyHandle: 'c|6', recordsPerPage: 'many' }),
      );
      expect(fault).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
    });

    it('answers a SOAP 1.2 caller without credentials with a SOAP 1.2 authenticationFault', async () => {
      const { fault } = await faultOf(jobLogDetailsParam({ companyHandle: 'c|6' }), '1.2', '');
      expect(fault).toMatchObject({
        kind: 'authenticationFault',
        code: 10000,
        soapCode: 'soapenv:Sender',
      });
    });
  });
});

describe('POST /scene7/services/IpsApiService getAssetArchivedJobLogs', () => {
  const archivedParam = (asset: string, version: string): string =>
    assetJobLogsParam('c|6', asset, version).replace(
      /getAssetJobLogsParam/g,
      'getAssetArchivedJobLogsParam',
    );

  describe('when the caller uses the 2021-01-11-beta namespace', () => {
    it("answers the asset's archived job logs, asking IPS in the namespace that has them", async () => {
      const response = await postSoap(
        endpoint,
        envelope({ header: auth, body: archivedParam('a|732|1|535', BETA_2021) }),
        { action: 'getAssetArchivedJobLogs' },
      );
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain(`<getAssetArchivedJobLogsReturn xmlns="${ipsNs(BETA_2021)}">`);
      const { jobLogArray } = ipsReturnOf<GetAssetArchivedJobLogsReturn>(
        text,
        'getAssetArchivedJobLogs',
      );
      expect(jobLogArray.map((entry) => entry.jobHandle)).toEqual([
        'j|6||Add_2024-03-18-10:22:41',
        'j|6||ImageServingPublish_2024-03-19-02:00:00',
      ]);
      // The source speaks 2014-04-03, whose schema lacks the operation.
      expect(stack.scene7.requests).toEqual([
        expect.objectContaining({
          operation: 'getAssetArchivedJobLogs',
          namespace: ipsNs(BETA_2021),
        }),
      ]);
    });
  });

  describe('when the caller uses a namespace before 2021-01-11-beta', () => {
    it('answers 30003, as for any operation that schema lacks, and asks IPS nothing', async () => {
      const response = await postSoap(
        endpoint,
        envelope({ header: auth, body: archivedParam('a|732|1|535', '2016-01-14-beta') }),
        { action: 'getAssetArchivedJobLogs' },
      );
      expect(ipsFaultOf(await response.text())).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
      expect(stack.scene7.requests).toEqual([]);
    });
  });

  describe('IPS WSDL', () => {
    const operation = (name: string): string => `<wsdl:operation name="${name}">`;

    it('lists getJobLogDetails in every version, getAssetArchivedJobLogs from 2021-01-11-beta', async () => {
      const current = await (await fetch(`${endpoint}?wsdl`)).text();
      const later = await (
        await fetch(`${stack.gateway.url}/scene7/webservice/IpsApi-${BETA_2021}.wsdl`)
      ).text();
      expect(current).toContain(operation('getJobLogDetails'));
      expect(current).not.toContain(operation('getAssetArchivedJobLogs'));
      expect(current).not.toContain('getAssetArchivedJobLogsParam');
      expect(later).toContain(operation('getAssetArchivedJobLogs'));
      expect(later).toContain(`targetNamespace="${ipsNs(BETA_2021)}"`);
    });
  });
});
