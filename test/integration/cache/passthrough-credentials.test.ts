/**
 * In passthrough mode each IPS caller's own credentials go upstream, so the response cache must
 * never answer one caller with what another caller's credentials read: the credentials enter
 * the cache key (as a digest).
 */
import {
  startStack,
  UPSTREAM_PASSWORD,
  UPSTREAM_USER,
  type TestStack,
} from '../../helpers/gateway';
import { assetJobLogsParam, authHeader, envelope, ipsFaultOf, postSoap } from '../../helpers/soap';

// A seeded IPS user of the emulator who belongs to NorthwindOutfitters (c|14) only.
const NORTHWIND = { user: 'studio@northwind.example.com', password: 'northwind-studio-password' };

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack({ credentialsMode: 'passthrough', scene7: { cacheTtlMs: 60_000 } });
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());
beforeEach(() => stack.scene7.clearRequests());

const read = (user: string, password: string): Promise<Response> =>
  postSoap(
    endpoint,
    envelope({
      header: authHeader(user, password),
      body: assetJobLogsParam('c|14', 'a|1408|1|200'),
    }),
  );

describe('POST /scene7/services/IpsApiService in passthrough mode with a response cache', () => {
  it('when the same caller reads twice / calls IPS once', async () => {
    expect((await read(NORTHWIND.user, NORTHWIND.password)).status).toBe(200);
    expect((await read(NORTHWIND.user, NORTHWIND.password)).status).toBe(200);
    expect(stack.scene7.requests).toHaveLength(1);
  });

  it('when another caller reads the same asset / calls IPS with their own credentials', async () => {
    await read(NORTHWIND.user, NORTHWIND.password);
    expect((await read(UPSTREAM_USER, UPSTREAM_PASSWORD)).status).toBe(200);
    expect(stack.scene7.requests).toEqual([
      expect.objectContaining({ operation: 'getAssetJobLogs', user: UPSTREAM_USER }),
    ]);
  });

  it('when a caller sends a wrong password for a cached read / gets the IPS authentication fault, not the cached answer', async () => {
    await read(NORTHWIND.user, NORTHWIND.password);
    const response = await read(NORTHWIND.user, 'wrong');
    expect(response.status).toBe(500);
    expect(ipsFaultOf(await response.text())).toMatchObject({
      kind: 'authenticationFault',
      code: 10001,
    });
    expect(stack.scene7.requests).toHaveLength(1);
  });
});
