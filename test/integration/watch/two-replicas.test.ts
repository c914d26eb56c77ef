/**
 * Issue "Know when a job fails", must-show: two gateway processes (the built CLI) sharing one
 * real redis-server deliver each notification once: one replica holds each source's lease and
 * polls it, the other takes over when the first goes away, and neither repeats what the other
 * delivered. Both replicas' live tails show every new record (the outbox is a Redis stream).
 */
import type { Demo } from '../../../src/demo/start';
import { startRedis, type TestRedis } from '../../helpers/redis';
import {
  startWebhookReceiver,
  testWebhookSecret,
  type WebhookReceiver,
} from '../../helpers/webhook-receiver';
import {
  startGatewayProcess,
  startWatchDemo,
  until,
  untilPolled,
  type GatewayClient,
} from '../../helpers/watch';

jest.setTimeout(40_000);

const SECRET = testWebhookSecret(3);
const SOURCES = ['scene7-demo', 'bc-demo', 'losant-demo'];

let demo: Demo;
let redis: TestRedis;
let receiver: WebhookReceiver;
beforeAll(async () => {
  [demo, redis, receiver] = await Promise.all([
    startWatchDemo(),
    startRedis(),
    startWebhookReceiver(),
  ]);
});
afterAll(async () => {
  await receiver.close();
  await demo.close();
  await redis.stop();
});

function replica(): Promise<GatewayClient> {
  return startGatewayProcess(demo, {
    redis: { url: redis.url, keyPrefix: 'replicas:' },
    watch: { intervalMs: 300, lookbackMs: 60_000, leaseTtlMs: 1500 },
    webhooks: [{ name: 'ops', url: receiver.url, secret: SECRET, statuses: ['failed'] }],
  });
}

async function leaders(replicas: readonly GatewayClient[], source: string): Promise<number[]> {
  return Promise.all(
    replicas.map(async (r) => (await r.metric('joblog_gateway_watcher_leader', { source })) ?? -1),
  );
}

describe('two gateways sharing redis', () => {
  it('deliver each notification once, and the survivor takes over when one goes away', async () => {
    const a = await replica();
    const b = await replica();
    let bClosed = false;
    try {
      // Exactly one leader per source.
      for (const source of SOURCES) {
        await until(async () => {
          const held = await leaders([a, b], source);
          return held.filter((value) => value === 1).length === 1;
        }, 15_000);
      }
      // Both polled once (the baseline) before anything is added.
      await untilPolled([a, b], SOURCES);
      const streamA = await a.stream();
      const streamB = await b.stream();

      demo.emulators.scene7.append({ status: 'failed', jobName: 'replicas-1' });
      demo.emulators.businessCentral.append({ status: 'failed', jobName: 'replicas-2' });
      demo.emulators.losant.append({ status: 'failed', jobName: 'replicas-3' });
      await receiver.waitForCount(3);
      for (const stream of [streamA, streamB]) {
        for (const source of SOURCES)
          await stream.waitFor(
            (e) =>
              e.event === 'job-log' &&
              (JSON.parse(e.data) as { source: { id: string } }).source.id === source,
          );
      }
      // The leader of each source goes away: the other replica takes over and delivers what comes next.
      await b.close();
      bClosed = true;
      for (const source of SOURCES)
        await until(async () => (await leaders([a], source))[0] === 1, 15_000);
      demo.emulators.losant.append({ status: 'failed', jobName: 'replicas-4' });
      await receiver.waitForCount(4);
      await new Promise((resolve) => setTimeout(resolve, 1500));

      expect(receiver.deliveries).toHaveLength(4);
      const ids = receiver.deliveries.map((delivery) => delivery.headers['webhook-id']);
      expect(new Set(ids).size).toBe(4);
      const names = receiver.deliveries
        .map(
          (delivery) =>
            (JSON.parse(delivery.body) as { data: { job: { name: string } } }).data.job.name,
        )
        .sort();
      expect(names).toEqual(['replicas-1', 'replicas-2', 'replicas-3', 'replicas-4']);
      for (const delivery of receiver.deliveries)
        expect(receiver.verifies(delivery, SECRET)).toBe(true);
      streamA.close();
      streamB.close();
    } finally {
      await a.close();
      if (!bClosed) await b.close();
    }
  });
});
