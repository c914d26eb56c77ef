/**
 * A gateway whose Redis goes away keeps answering: rate limits fall back to per-process counts
 * (fail open to the process's own limit, never to no limit and never to an outage), the fallback
 * is logged once, and shutdown does not wait for the lost Redis.
 */
import { buildConfig } from '../../../src/config/load';
import { startGateway, type RunningGateway } from '../../../src/server/gateway';
import { captureLogs } from '../../helpers/logs';
import { startRedis, type TestRedis } from '../../helpers/redis';
import { redisGatewayConfig } from './fixtures';

const KEY = 'outage-api-key-0123456789';

jest.setTimeout(20_000);

let redis: TestRedis;
let gateway: RunningGateway;
const captured = captureLogs<{ level: number; msg: string }>('info');
const logs = captured.lines;

beforeAll(async () => {
  redis = await startRedis();
  const config = buildConfig(
    redisGatewayConfig({
      redisUrl: redis.url,
      keyPrefix: 'joblog-outage:',
      apiKey: { id: 'outage', key: KEY, requests: 3 },
    }),
  );
  gateway = await startGateway(config, { logger: captured.logger });
});
afterAll(async () => {
  await gateway?.close(100);
  await redis?.stop();
});

async function timedGet(path: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${gateway.url}${path}`, {
    headers: { authorization: `Bearer ${KEY}` },
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

describe('a gateway with redis configured', () => {
  describe('when Redis stops while the gateway runs', () => {
    it('keeps answering promptly, limiting per process, and logs the fallback once', async () => {
      expect((await timedGet('/v1/sources')).status).toBe(200);
      await redis.stop();

      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await timedGet('/v1/sources'));
      // The process's own count starts afresh: 3 more, then 429.
      expect(answers.map(({ status }) => status)).toEqual([200, 200, 200, 429, 429]);
      // Under the 3 s connect wait: nobody waits for the lost Redis.
      expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(2000);
      expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);

      const fallbacks = logs.filter(({ msg }) => msg.includes('counted per process'));
      expect(fallbacks).toHaveLength(1);
      expect(fallbacks[0]!.level).toBe(40);
    });
  });
});
