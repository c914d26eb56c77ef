/**
 * Issue "Know when a job fails", must-show: a receiver that answers 500 twice gets the same event
 * id on the third try (each attempt signed afresh), and a restart of the gateway neither repeats
 * nor loses a notification, also for a record added while it was down.
 */
import type { Demo } from '../../../src/demo/start';
import {
  startWebhookReceiver,
  testWebhookSecret,
  type WebhookReceiver,
} from '../../helpers/webhook-receiver';
import {
  startWatchDemo,
  startWatchedGateway,
  tempStateDir,
  untilPolled,
  type WatchedGateway,
} from '../../helpers/watch';

jest.setTimeout(30_000);

const SECRET = testWebhookSecret(9);
const SOURCE = 'losant-demo';

let demo: Demo;
let receiver: WebhookReceiver;
let state: ReturnType<typeof tempStateDir>;
beforeAll(async () => {
  demo = await startWatchDemo();
  receiver = await startWebhookReceiver();
  state = tempStateDir();
});
afterAll(async () => {
  await receiver.close();
  await demo.close();
  state.remove();
});

function start(): Promise<WatchedGateway> {
  return startWatchedGateway(demo, {
    watch: {
      intervalMs: 300,
      lookbackMs: 60_000,
      sources: [SOURCE],
      stateFile: state.file,
      retryScheduleMs: [100, 100, 100],
    },
    webhooks: [{ name: 'ops', url: receiver.url, secret: SECRET, sources: [SOURCE] }],
  });
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook delivery', () => {
  it('retries a receiver that answers 500 twice with the same event id, then survives a restart without repeating or losing', async () => {
    let watched = await start();
    await untilPolled([watched], [SOURCE]);

    receiver.script([500, 500]);
    demo.emulators.losant.append({ status: 'failed', jobName: 'retry-me' });
    await receiver.waitForCount(3);
    const [first, second, third] = receiver.deliveries;
    expect([first!.status, second!.status, third!.status]).toEqual([500, 500, 200]);
    const ids = receiver.deliveries.map((delivery) => delivery.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    for (const delivery of receiver.deliveries)
      expect(receiver.verifies(delivery, SECRET)).toBe(true);
    expect(JSON.parse(third!.body)).toMatchObject({ id: ids[0] });
    expect(
      await watched.metric('joblog_gateway_webhook_deliveries_total', {
        endpoint: 'ops',
        outcome: 'failed',
      }),
    ).toBe(2);

    // A restart: nothing delivered again...
    await watched.close();
    // ...and a record added while the gateway is down is delivered once it is back.
    demo.emulators.losant.append({ status: 'succeeded', jobName: 'while-down' });
    watched = await start();
    try {
      await receiver.waitForCount(4);
      await settle(1500);
      expect(receiver.deliveries).toHaveLength(4);
      const last = JSON.parse(receiver.deliveries[3]!.body) as { data: { job: { name: string } } };
      expect(last.data.job.name).toBe('while-down');
      expect(receiver.deliveries[3]!.headers['webhook-id']).not.toBe(ids[0]);
    } finally {
      await watched.close();
    }
  });
});
