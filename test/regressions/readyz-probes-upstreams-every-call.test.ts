// Regression: /readyz is unauthenticated and was not cached, so every call cost one upstream call
// per source: anyone could make the gateway call its upstreams as often as they liked. Now the
// probes are reused for `server.readyCacheMs`.
import { startGatewayFor } from '../helpers/gateway';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
} from '../../src/emulators/losant';
import type { RunningGateway } from '../../src/server/gateway';

let losant: LosantEmulator;

beforeAll(async () => {
  losant = await startLosantEmulator();
});
afterAll(() => losant.close());
afterEach(() => losant.clearRequests());

async function gatewayWith(readyCacheMs: number): Promise<RunningGateway> {
  const source = {
    id: 'losant-ready',
    type: 'losant',
    baseUrl: losant.url,
    applicationId: LOSANT_FACTORY_APPLICATION_ID,
    token: LOSANT_GATEWAY_TOKEN,
  };
  return (await startGatewayFor([source], { server: { readyCacheMs } })).gateway;
}

describe('GET /readyz', () => {
  describe('when called twice within server.readyCacheMs', () => {
    it('probes each source once and answers both from that probe', async () => {
      const gateway = await gatewayWith(60_000);
      try {
        const first = await fetch(`${gateway.url}/readyz`);
        const second = await fetch(`${gateway.url}/readyz`);
        expect([first.status, second.status]).toEqual([200, 200]);
        expect(await second.json()).toEqual(await first.json());
        expect(losant.requests).toHaveLength(1);
      } finally {
        await gateway.close(100);
      }
    });

    it('shares one probe between calls that arrive together', async () => {
      const gateway = await gatewayWith(60_000);
      try {
        const answers = await Promise.all(
          Array.from({ length: 10 }, () => fetch(`${gateway.url}/readyz`)),
        );
        expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
        expect(losant.requests).toHaveLength(1);
      } finally {
        await gateway.close(100);
      }
    });
  });

  describe('when the cache has expired', () => {
    it('probes again', async () => {
      const gateway = await gatewayWith(100);
      try {
        await fetch(`${gateway.url}/readyz`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        await fetch(`${gateway.url}/readyz`);
        expect(losant.requests).toHaveLength(2);
      } finally {
        await gateway.close(100);
      }
    });
  });
});
