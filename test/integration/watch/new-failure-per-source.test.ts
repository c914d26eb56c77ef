/**
 * Issue "Know when a job fails", must-show, one per source: a failed record added to an emulator
 * appears on an open live tail within two watch intervals, reaches a webhook receiver exactly
 * once with a signature that verifies, and is counted in /metrics.
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

const INTERVAL_MS = 500;
const SECRET = testWebhookSecret();

let demo: Demo;
beforeAll(async () => {
  demo = await startWatchDemo();
});
afterAll(() => demo.close());

describe.each([
  ['scene7-demo', 'scene7'],
  ['bc-demo', 'businessCentral'],
  ['losant-demo', 'losant'],
] as const)('a failed job log added to %s', (source, emulator) => {
  let receiver: WebhookReceiver;
  let watched: WatchedGateway;
  let state: ReturnType<typeof tempStateDir>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    state = tempStateDir();
    watched = await startWatchedGateway(demo, {
      watch: {
        intervalMs: INTERVAL_MS,
        lookbackMs: 60_000,
        sources: [source],
        stateFile: state.file,
      },
      webhooks: [{ name: 'alerts', url: receiver.url, secret: SECRET, statuses: ['failed'] }],
    });
    // The first poll sets the baseline (what is there already is not news).
    await untilPolled([watched], [source]);
  });
  afterAll(async () => {
    await watched.close();
    await receiver.close();
    state.remove();
  });

  it('is on the live tail within two intervals, delivered once with a valid signature, and counted', async () => {
    const stream = await watched.stream();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const seenBefore =
      (await watched.metric('joblog_gateway_job_logs_seen_total', { source, status: 'failed' })) ??
      0;

    const added = Date.now();
    demo.emulators[emulator].append({ status: 'failed', jobName: `watch-test-${emulator}` });
    const event = await stream.waitFor((e) => e.event === 'job-log', 4 * INTERVAL_MS + 2000);
    const arrived = Date.now() - added;
    stream.close();

    const record = JSON.parse(event.data) as { source: { id: string }; status: string; id: string };
    expect(record.source.id).toBe(source);
    expect(record.status).toBe('failed');
    expect(event.id).toMatch(/^[0-9a-z]+-\d+$/);
    // Two intervals, plus a second for one poll's own work on a busy machine.
    expect(arrived).toBeLessThan(2 * INTERVAL_MS + 1000);

    await receiver.waitForCount(1);
    // Several more polls: the record must not be delivered again.
    await new Promise((resolve) => setTimeout(resolve, 4 * INTERVAL_MS));
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(receiver.verifies(delivery!, SECRET)).toBe(true);
    expect(delivery!.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    const cloudEvent = JSON.parse(delivery!.body) as Record<string, unknown> & {
      data: { id: string };
    };
    expect(cloudEvent).toMatchObject({
      specversion: '1.0',
      type: 'org.joblog-gateway.job_log.failed',
      source: `/joblog-gateway/${source}`,
      id: delivery!.headers['webhook-id'],
    });
    expect(cloudEvent.data.id).toBe(record.id);

    expect(
      await watched.metric('joblog_gateway_job_logs_seen_total', { source, status: 'failed' }),
    ).toBe(seenBefore + 1);
    expect(
      await watched.metric('joblog_gateway_last_job_log_timestamp_seconds', {
        source,
        status: 'failed',
      }),
    ).toBeGreaterThan(added / 1000 - 60);
    expect(
      await watched.metric('joblog_gateway_webhook_deliveries_total', {
        endpoint: 'alerts',
        outcome: 'delivered',
      }),
    ).toBe(1);
  });
});
