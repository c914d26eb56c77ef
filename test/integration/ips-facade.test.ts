import * as soap from 'soap';
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import { IPS_COMMON_NS, ipsFaultOf, ipsNs } from '../helpers/soap';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack();
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());

interface ClientResult {
  jobLogArray?: { items?: Array<Record<string, unknown>> };
}

async function soapClient(version: '1.1' | '1.2'): Promise<soap.Client> {
  const client = await soap.createClientAsync(
    `${endpoint}?wsdl`,
    version === '1.2' ? { forceSoap12Headers: true } : {},
  );
  // The WSDL's own address must point back at the gateway, not the emulator.
  const ports = (
    client.wsdl.definitions.services['IpsApiService'] as unknown as {
      ports: Record<string, { location: string }>;
    }
  ).ports;
  expect(Object.values(ports).map((port) => port.location)).toEqual([endpoint, endpoint]);
  return client;
}

function versionedAuthHeader(): Record<string, unknown> {
  return {
    user: SOAP_USER,
    password: SOAP_PASSWORD,
    locale: 'en-US',
    appName: 'LegacyDam',
    appVersion: '7.2',
  };
}

describe('POST /scene7/services/IpsApiService', () => {
  describe.each(['1.1', '1.2'] as const)('with a soap package client over SOAP %s', (version) => {
    it.each(['common', 'versioned'] as const)(
      'returns the asset job logs with the %s authHeader',
      async (variant) => {
        const client = await soapClient(version);
        const ns = variant === 'common' ? IPS_COMMON_NS : ipsNs();
        client.addSoapHeader({ authHeader: versionedAuthHeader() }, '', 'auth', ns);
        const [result] = (await client.getAssetJobLogsAsync({
          companyHandle: 'c|6',
          assetHandle: 'a|732|1|535',
        })) as [ClientResult];
        // The client really spoke the version under test, and got the same version back.
        expect(client.lastRequest).toContain(
          version === '1.1'
            ? 'http://schemas.xmlsoap.org/soap/envelope/'
            : 'http://www.w3.org/2003/05/soap-envelope',
        );
        expect(
          String(
            (client.lastResponseHeaders as Record<string, unknown> | undefined)?.['content-type'],
          ),
        ).toMatch(version === '1.1' ? /^text\/xml/ : /^application\/soap\+xml/);
        const items = result.jobLogArray?.items ?? [];
        expect(items.length).toBeGreaterThanOrEqual(2);
        expect(items.map((item) => item.logMessage)).toEqual(
          expect.arrayContaining([
            'ApiTestCo/blakexslttest.jpg was processed into IPS',
            'ApiTestCo/blakexslttest.jpg was processed into IPS.',
          ]),
        );
        expect(Object.keys(items[0]!).slice(0, 6)).toEqual([
          'jobHandle',
          'jobName',
          'logMessage',
          'logType',
          'submitUserEmail',
          'logDate',
        ]);
      },
    );

    it('returns an asset with exactly one job log as an array of one', async () => {
      const client = await soapClient(version);
      client.addSoapHeader({ authHeader: versionedAuthHeader() }, '', 'auth', IPS_COMMON_NS);
      const [result] = (await client.getAssetJobLogsAsync({
        companyHandle: 'c|6',
        assetHandle: 'a|732|1|536',
      })) as [ClientResult];
      expect(Array.isArray(result.jobLogArray?.items)).toBe(true);
      expect(result.jobLogArray?.items).toHaveLength(1);
    });

    it('returns the detail lines of a job with getJobLogDetails, paged as asked', async () => {
      const client = await soapClient(version);
      client.addSoapHeader({ authHeader: versionedAuthHeader() }, '', 'auth', IPS_COMMON_NS);
      const [result] = (await client.getJobLogDetailsAsync({
        companyHandle: 'c|6',
        jobHandle: 'j|6||Add_2026-02-03-09:41:52',
        logTypeArray: { items: ['BeginUpload', 'UploadError', 'UploadWarning', 'EndUpload'] },
        recordsPerPage: 3,
        resultsPage: 1,
      })) as [ClientResult];
      const jobs = result.jobLogArray?.items ?? [];
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({
        jobHandle: 'j|6||Add_2026-02-03-09:41:52',
        detailTotalRows: 4,
      });
      const lines = (jobs[0]?.detailArray as { items: Array<Record<string, unknown>> }).items;
      expect(lines.map((line) => [line.logType, line.assetHandle])).toEqual([
        ['BeginUpload', undefined],
        ['UploadWarning', 'a|732|1|538'],
        ['UploadError', 'a|732|1|539'],
      ]);
      expect(client.lastRequest).toContain('getJobLogDetailsParam');
    });

    it('answers getJobLogDetails for a job IPS does not know with its ipsApiFault 30001', async () => {
      const client = await soapClient(version);
      client.addSoapHeader({ authHeader: versionedAuthHeader() }, '', 'auth', IPS_COMMON_NS);
      const error = (await client
        .getJobLogDetailsAsync({ companyHandle: 'c|6', jobHandle: 'j|6||NoSuchJob' })
        .catch((e: unknown) => e)) as { body?: string };
      expect(ipsFaultOf(String(error.body))).toMatchObject({ kind: 'ipsApiFault', code: 30001 });
    });

    it('answers a bad password with authenticationFault 10001', async () => {
      const client = await soapClient(version);
      client.addSoapHeader(
        { authHeader: { user: SOAP_USER, password: 'wrong-password' } },
        '',
        'auth',
        IPS_COMMON_NS,
      );
      const error = (await client
        .getAssetJobLogsAsync({ companyHandle: 'c|6', assetHandle: 'a|732|1|535' })
        .catch((e: unknown) => e)) as { body?: string };
      expect(ipsFaultOf(String(error.body))).toMatchObject({
        kind: 'authenticationFault',
        code: 10001,
        namespace: IPS_COMMON_NS,
      });
    });
  });
});
