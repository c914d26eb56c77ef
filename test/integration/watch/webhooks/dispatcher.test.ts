/**
 * The webhook dispatcher end to end: delivery jobs in a store, real receivers on loopback,
 * retries on a millisecond schedule, 410 disabling, dead letters, and what reaches the logs.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  createWebhookDispatcher,
  jobsFor,
  type DeliveryOutcome,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookEndpointConfig,
} from '../../../../src/watch/webhooks/dispatcher';
import { captureLogs, type CapturedLogs } from '../../../helpers/logs';
import { eventWith, failedLosantEvent } from '../../../fixtures/cloudevents/watch-events';
import { createMemoryDeliveryStore, type MemoryDeliveryStore } from './memory-store';
import { answer, ok, startReceiver, until, type Receiver } from '../../../helpers/webhook-receiver';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

let receiver: Receiver;
let store: MemoryDeliveryStore;
let logs: CapturedLogs;
let dispatcher: WebhookDispatcher | undefined;
let observed: { delivery: string[]; deadLetter: string[] };

beforeEach(async () => {
  receiver = await startReceiver('/hooks/joblog/3f9a2c?token=receiver-side-token');
  store = createMemoryDeliveryStore();
  logs = captureLogs('debug');
  observed = { delivery: [], deadLetter: [] };
});
afterEach(async () => {
  await dispatcher?.close();
  dispatcher = undefined;
  await receiver.close();
});

function endpoint(overrides: Partial<WebhookEndpointConfig> = {}): WebhookEndpointConfig {
  return { name: 'ops-alerts', url: receiver.url, secret: SECRET, ...overrides };
}

function start(
  endpoints: readonly WebhookEndpointConfig[],
  options: Partial<WebhookDispatcherOptions> = {},
): WebhookDispatcher {
  dispatcher = createWebhookDispatcher({
    store,
    endpoints,
    logger: logs.logger,
    observe: {
      delivery: (name: string, outcome: DeliveryOutcome) =>
        observed.delivery.push(`${name}:${outcome}`),
      deadLetter: (name: string) => observed.deadLetter.push(name),
    },
    pollMs: 20,
    retryScheduleMs: [0, 20, 20],
    jitter: 0,
    ...options,
  });
  dispatcher.start();
  return dispatcher;
}

async function enqueue(endpoints: readonly WebhookEndpointConfig[], events = [failedLosantEvent]) {
  const deliveries = events.flatMap((event) => jobsFor(event, endpoints, Date.now()));
  await store.commit('losant-factory', undefined, {
    mark: { hwm: null, seen: {} },
    events,
    deliveries,
  });
}

/** Nothing secret or locating in any log line: not the URL, host, path, token or secret. */
function expectNoLeaks(): void {
  const text = JSON.stringify(logs.lines);
  const url = new URL(receiver.url);
  for (const leak of [
    receiver.url,
    url.host,
    '3f9a2c',
    'receiver-side-token',
    SECRET,
    SECRET.slice(6),
  ]) {
    expect(text).not.toContain(leak);
  }
}

describe('createWebhookDispatcher', () => {
  it('delivers a committed job once, with a signature that verifies, and completes it', async () => {
    const endpoints = [endpoint()];
    start(endpoints);
    await enqueue(endpoints);
    await until(() => store.completed.length === 1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(new Webhook(SECRET).verify(request!.body, request!.headers)).toMatchObject({
      id: failedLosantEvent.id,
      type: 'org.joblog-gateway.job_log.failed',
      data: failedLosantEvent.record,
    });
    expect(store.pending.size).toBe(0);
    expect(observed.delivery).toEqual(['ops-alerts:delivered']);
    expectNoLeaks();
  });

  it('sends the same webhook-id three times with fresh timestamps when the receiver answers 500 twice, then 200', async () => {
    // The clock moves 2 s per attempt, so that each attempt's whole-second timestamp differs.
    let skewMs = 0;
    receiver.handler = (request, res, req) => {
      skewMs += 2_000;
      (receiver.received.length <= 2 ? answer(500) : ok)(request, res, req);
    };
    const endpoints = [endpoint()];
    start(endpoints, { now: () => Date.now() + skewMs });
    await enqueue(endpoints);
    await until(() => store.completed.length === 1);
    expect(receiver.received).toHaveLength(3);
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(ids).toEqual([failedLosantEvent.id, failedLosantEvent.id, failedLosantEvent.id]);
    const stamps = receiver.received.map((request) => Number(request.headers['webhook-timestamp']));
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(1);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(1);
    for (const request of receiver.received) {
      expect(() => new Webhook(SECRET).verify(request.body, request.headers)).not.toThrow();
      expect(request.body).toEqual(receiver.received[0]!.body);
    }
    expect(store.rescheduled.map((job) => [job.attempt, job.lastOutcome])).toEqual([
      [1, '500'],
      [2, '500'],
    ]);
    expect(observed.delivery).toEqual([
      'ops-alerts:failed',
      'ops-alerts:failed',
      'ops-alerts:delivered',
    ]);
    const failures = logs.lines.filter((line) => line.msg === 'webhook attempt failed');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({
      level: 40,
      endpoint: 'ops-alerts',
      attempts: 1,
      outcome: '500',
    });
    expectNoLeaks();
  });

  it('dead-letters a job when every attempt fails: one error line with event, endpoint, attempts, last outcome', async () => {
    receiver.handler = answer(503);
    const endpoints = [endpoint()];
    start(endpoints);
    await enqueue(endpoints);
    await until(() => store.completed.length === 1);
    expect(receiver.received).toHaveLength(3);
    const errors = logs.lines.filter((line) => (line.level as number) >= 50);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'webhook dead-lettered',
        eventId: failedLosantEvent.id,
        endpoint: 'ops-alerts',
        attempts: 3,
        lastOutcome: '503',
      }),
    ]);
    expect(observed.deadLetter).toEqual(['ops-alerts']);
    expect(store.pending.size).toBe(0);
    expectNoLeaks();
  });

  it('disables an endpoint that answers 410 for the process, completing its jobs, and keeps delivering to the others', async () => {
    const other = await startReceiver();
    try {
      receiver.handler = answer(410);
      const endpoints = [endpoint(), endpoint({ name: 'audit', url: other.url })];
      const running = start(endpoints, { concurrency: 1 });
      await enqueue(endpoints, [
        eventWith('losant-factory', 'failed'),
        eventWith('bc-cronus', 'failed'),
      ]);
      await until(() => store.completed.length === 4);
      expect(receiver.received).toHaveLength(1);
      expect(other.received).toHaveLength(2);
      expect(running.disabledEndpoints()).toEqual(['ops-alerts']);
      expect(logs.lines.filter((line) => line.level === 40)).toEqual([
        expect.objectContaining({
          msg: 'webhook endpoint answered 410 Gone: disabled until restart',
          endpoint: 'ops-alerts',
        }),
      ]);
      expect(store.rescheduled).toEqual([]);
      expect(observed.delivery.sort()).toEqual([
        'audit:delivered',
        'audit:delivered',
        'ops-alerts:gone',
      ]);
      expectNoLeaks();
    } finally {
      await other.close();
    }
  });

  it('looks for due jobs at once on kick(), without waiting for the poll', async () => {
    const endpoints = [endpoint()];
    const running = start(endpoints, { pollMs: 60_000 });
    // start() made its first look already (the store was empty); the next poll is a minute away.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await enqueue(endpoints);
    running.kick();
    await until(() => store.completed.length === 1, 2_000);
    expect(receiver.received).toHaveLength(1);
  });

  it('waits on close() for an attempt in flight, which completes its job', async () => {
    receiver.handler = (request, res, req) => setTimeout(() => ok(request, res, req), 300);
    const endpoints = [endpoint()];
    const running = start(endpoints);
    await enqueue(endpoints);
    await until(() => receiver.received.length === 1);
    await running.close();
    dispatcher = undefined;
    expect(store.completed).toHaveLength(1);
  });

  it('drops, with a warning, a job whose endpoint is no longer configured', async () => {
    await enqueue([endpoint({ name: 'retired' })]);
    start([endpoint()]);
    await until(() => store.completed.length === 1);
    expect(receiver.received).toHaveLength(0);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 40, endpoint: 'retired', eventId: failedLosantEvent.id }),
    );
  });

  it('refuses to start with a bad endpoint, naming it and not its URL or secret', () => {
    expect(() =>
      start([endpoint({ url: 'http://169.254.169.254/latest', secret: 'whsec_abc' })]),
    ).toThrow(
      /webhook "ops-alerts": url points at a link-local[\s\S]*webhook "ops-alerts": secret/,
    );
  });

  it('logs the plain-http warning at start-up with the endpoint name only', () => {
    start([endpoint({ url: 'http://10.99.0.1:9/hook?token=abc' })]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: expect.stringContaining('webhook "ops-alerts": url uses plain http'),
      }),
    );
    expect(JSON.stringify(logs.lines)).not.toContain('10.99.0.1');
  });
});
