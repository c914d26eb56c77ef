// Regression: with no cap on requests in flight, a hung upstream let every new request wait for
// the deadline. Over server.maxInFlight (in total) or server.maxInFlightPerCaller (per API key),
// a request is now answered at once with 503 GW_ERR_OVERLOADED and Retry-After; /healthz is exempt.
import { startLosantEmulator, type LosantEmulator } from '../../src/emulators/losant';
import {
  API_KEY,
  getFromGateway,
  startGatewayFor,
  type GatewayUnderTest,
} from '../helpers/gateway';
import { losantSource, untilRecorded } from '../integration/admission/fixtures';

const OTHER_KEY = 'other-api-key-0123456789';

jest.setTimeout(30_000);

let losant: LosantEmulator;
let subject: GatewayUnderTest;
beforeAll(async () => {
  losant = await startLosantEmulator();
  subject = await startGatewayFor(
    [losantSource('losant-test', losant.url, { timeoutMs: 15_000 })],
    {
      server: { maxInFlight: 3, maxInFlightPerCaller: 2, requestTimeoutMs: 20_000 },
      auth: { apiKeys: [{ id: 'other', key: OTHER_KEY }] },
    },
  );
});
afterAll(async () => {
  await subject.gateway.close(0);
  await losant.close();
});

let listings = 0;

/**
 * GET /v1/job-logs, given up after 8 s: a shed request must be answered long before. Each asks
 * its own `limit`, so that each is its own upstream call (identical reads at once share one).
 */
function list(key: string): Promise<Response> {
  listings += 1;
  return fetch(`${subject.gateway.url}/v1/job-logs?source=losant-test&limit=${listings}`, {
    headers: { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(8000),
  });
}

async function expectShed(key: string): Promise<void> {
  const started = Date.now();
  const response = await list(key);
  // The held requests wait 15 s for the hung upstream; a shed one is answered well before.
  expect(Date.now() - started).toBeLessThan(2500);
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await response.json()).toMatchObject({ code: 'GW_ERR_OVERLOADED' });
}

describe('GET /v1/job-logs', () => {
  describe('when the upstream hangs and requests pile up', () => {
    it('answers at once with 503 and Retry-After over the per-caller and the total cap, and /healthz stays 200', async () => {
      losant.inject({ kind: 'hang' }, 3);
      const hung = [list(API_KEY), list(API_KEY)];
      await untilRecorded(losant.requests, 2);
      // The test key holds maxInFlightPerCaller (2): its next request is shed...
      await expectShed(API_KEY);
      // ...while another key still gets in, up to maxInFlight (3) in all.
      hung.push(list(OTHER_KEY));
      await untilRecorded(losant.requests, 3);
      await expectShed(OTHER_KEY);

      const health = await getFromGateway(subject.gateway, '/healthz', null);
      expect(health.status).toBe(200);
      // Nothing shed reached the upstream.
      expect(losant.requests).toHaveLength(3);
      for (const request of hung) void request.catch(() => undefined);
    });
  });
});
