import * as soap from 'soap';
import type { GetJobLogDetailsReturn } from '../../src/schemas/types/scene7-ips';
import { startStack, type TestStack } from '../helpers/gateway';
import {
  assetJobLogsParam,
  authHeader,
  envelope,
  IPS_COMMON_NS,
  ipsFaultOf,
  ipsReturnOf,
  jobLogDetailsParam,
  postSoap,
} from '../helpers/soap';

// A seeded IPS user of the emulator who belongs to NorthwindOutfitters (c|14) only.
const NORTHWIND = { user: 'studio@northwind.example.com', password: 'northwind-studio-password' };

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack({ credentialsMode: 'passthrough' });
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());
beforeEach(() => stack.scene7.clearRequests());

describe('POST /scene7/services/IpsApiService in passthrough mode', () => {
  describe('when the caller sends their own IPS credentials', () => {
    it('passes them upstream and returns what IPS allows them to see', async () => {
      const client = await soap.createClientAsync(`${endpoint}?wsdl`);
      client.addSoapHeader({ authHeader: NORTHWIND }, '', 'auth', IPS_COMMON_NS);
      const [result] = (await client.getAssetJobLogsAsync({
        companyHandle: 'c|14',
        assetHandle: 'a|1408|1|200',
      })) as [{ jobLogArray?: { items?: unknown[] } }];
      expect(Array.isArray(result.jobLogArray?.items ?? [])).toBe(true);
      expect(stack.scene7.requests).toEqual([
        expect.objectContaining({ operation: 'getAssetJobLogs', user: NORTHWIND.user }),
      ]);
    });
  });

  describe('when the caller asks for job log details', () => {
    it('passes their credentials upstream and IPS answers what they may see', async () => {
      const allowed = await postSoap(
        endpoint,
        envelope({
          header: authHeader(NORTHWIND.user, NORTHWIND.password),
          body: jobLogDetailsParam({ companyHandle: 'c|14', originalName: 'NightlyFtpUpload' }),
        }),
        { action: 'getJobLogDetails' },
      );
      expect(allowed.status).toBe(200);
      const { jobLogArray } = ipsReturnOf<GetJobLogDetailsReturn>(
        await allowed.text(),
        'getJobLogDetails',
      );
      expect(jobLogArray.length).toBeGreaterThan(0);
      const refused = await postSoap(
        endpoint,
        envelope({
          header: authHeader(NORTHWIND.user, NORTHWIND.password),
          body: jobLogDetailsParam({ companyHandle: 'c|6' }),
        }),
        { action: 'getJobLogDetails' },
      );
      expect(ipsFaultOf(await refused.text())).toMatchObject({
        kind: 'authorizationFault',
        code: 20006,
      });
      expect(stack.scene7.requests.map(({ operation, user }) => [operation, user])).toEqual([
        ['getJobLogDetails', NORTHWIND.user],
        ['getJobLogDetails', NORTHWIND.user],
      ]);
    });
  });

  describe('when IPS refuses the caller', () => {
    it('returns the upstream authorizationFault for a company the caller is not a member of', async () => {
      const response = await postSoap(
        endpoint,
        envelope({
          header: authHeader(NORTHWIND.user, NORTHWIND.password),
          body: assetJobLogsParam('c|6', 'a|732|1|535'),
        }),
      );
      expect(ipsFaultOf(await response.text())).toMatchObject({
        kind: 'authorizationFault',
        code: 20006,
      });
    });

    it('returns the upstream authenticationFault 10001 for a wrong password', async () => {
      const response = await postSoap(
        endpoint,
        envelope({
          header: authHeader(NORTHWIND.user, 'wrong'),
          body: assetJobLogsParam('c|14', 'a|1408|1|200'),
        }),
      );
      expect(response.status).toBe(500);
      expect(ipsFaultOf(await response.text())).toMatchObject({
        kind: 'authenticationFault',
        code: 10001,
      });
    });

    it('answers no credentials with 10000 without calling upstream', async () => {
      const response = await postSoap(
        endpoint,
        envelope({ body: assetJobLogsParam('c|14', 'a|1408|1|200') }),
      );
      expect(ipsFaultOf(await response.text())).toMatchObject({
        kind: 'authenticationFault',
        code: 10000,
      });
      expect(stack.scene7.requests).toEqual([]);
    });
  });
});

describe('gateway mode', () => {
  it('sends the gateway credentials upstream, never the caller’s', async () => {
    const gatewayMode = await startStack();
    try {
      gatewayMode.scene7.clearRequests();
      const response = await postSoap(
        `${gatewayMode.gateway.url}/scene7/services/IpsApiService`,
        envelope({
          header: authHeader('legacy-client@example.com', 'legacy-client-password'),
          body: assetJobLogsParam('c|6', 'a|732|1|536'),
        }),
      );
      expect(response.status).toBe(200);
      expect(gatewayMode.scene7.requests).toEqual([
        expect.objectContaining({ user: 'ips-api@example.com' }),
      ]);
    } finally {
      await gatewayMode.close();
    }
  });

  it('maps IPS refusing the gateway credentials to ipsApiFault 30000, not the caller’s fault', async () => {
    const badUpstream = await startStack({
      scene7: {
        credentials: { mode: 'gateway', user: 'ips-api@example.com', password: 'rotated' },
      },
    });
    try {
      const response = await postSoap(
        `${badUpstream.gateway.url}/scene7/services/IpsApiService`,
        envelope({
          header: authHeader('legacy-client@example.com', 'legacy-client-password'),
          body: assetJobLogsParam('c|6', 'a|732|1|536'),
        }),
      );
      const fault = ipsFaultOf(await response.text());
      expect(fault).toMatchObject({ kind: 'ipsApiFault', code: 30000, soapCode: 'soapenv:Server' });
    } finally {
      await badUpstream.close();
    }
  });
});
