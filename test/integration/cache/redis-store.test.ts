/**
 * With `redis: { url }`, the response cache lives in Redis (the rate limits' client): two gateway
 * instances in front of one real redis-server share it, so a read through one is a hit through
 * the other. A Redis that goes away never fails a read: the source is called instead.
 */
import pino from 'pino';
import { buildConfig } from '../../../src/config/load';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
} from '../../../src/emulators/losant';
import { startGateway, type RunningGateway } from '../../../src/server/gateway';
import { getFromGateway, TEST_BREAKER } from '../../helpers/gateway';
import { startRedis, type TestRedis } from '../../helpers/redis';

const LIST = '/v1/job-logs?source=losant-test&limit=5';

let redis: TestRedis;
let losant: LosantEmulator;
const gateways: RunningGateway[] = [];

function startReplica(): Promise<RunningGateway> {
  const config = buildConfig({
    server: { host: '127.0.0.1', port: 0, logLevel: 'silent' },
    auth: { apiKeys: [{ id: 'tests', key: 'test-api-key-0123456789' }], soapUsers: [] },
    sources: [
      {
        id: 'losant-test',
        type: 'losant',
        baseUrl: losant.url,
        applicationId: LOSANT_FACTORY_APPLICATION_ID,
        token: LOSANT_GATEWAY_TOKEN,
        timeoutMs: 2000,
        cacheTtlMs: 60_000,
        breaker: TEST_BREAKER,
      },
    ],
    redis: { url: redis.url, keyPrefix: `cache-test-${process.pid}:` },
  });
  return startGateway(config, { logger: pino({ level: 'silent' }) });
}

beforeAll(async () => {
  redis = await startRedis();
  losant = await startLosantEmulator();
  gateways.push(await startReplica(), await startReplica());
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close(100)));
  await losant?.close();
  await redis?.stop();
});
beforeEach(() => losant.clearRequests());

async function items(gateway: RunningGateway, path: string): Promise<unknown> {
  const response = await getFromGateway(gateway, path);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: unknown }).items;
}

describe('two gateways sharing one Redis', () => {
  it('when one reads a listing and the other reads it too / the upstream is called once', async () => {
    const [first, second] = gateways as [RunningGateway, RunningGateway];
    const path = `${LIST}&status=failed`;
    const fromFirst = await items(first, path);
    const calls = losant.requests.length;
    expect(calls).toBeGreaterThan(0);
    expect(await items(second, path)).toEqual(fromFirst);
    expect(losant.requests).toHaveLength(calls);
    const metrics = await (await getFromGateway(second, '/metrics')).text();
    expect(metrics).toContain(
      'joblog_gateway_cache_requests_total{source="losant-test",result="hit"} 1',
    );
  });

  it('when Redis has gone away / reads still answer, from the upstream', async () => {
    await redis.stop();
    const [first] = gateways as [RunningGateway];
    await items(first, `${LIST}&status=succeeded`);
    await items(first, `${LIST}&status=succeeded`);
    expect(losant.requests.length).toBeGreaterThanOrEqual(2);
  });
});
