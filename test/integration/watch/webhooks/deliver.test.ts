/**
 * One delivery attempt (deliverOnce) against real receivers on loopback: what is sent and
 * signed, and how each kind of answer (or silence) is classified.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import type { Agent } from 'undici';
import { cloudEventBody } from '../../../../src/watch/webhooks/cloudevent';
import {
  createDeliveryAgent,
  deliverOnce,
  RESPONSE_READ_CAP_BYTES,
  type DeliveryRequest,
} from '../../../../src/watch/webhooks/deliver';
import { parseWebhookSecrets } from '../../../../src/watch/webhooks/secret';
import type { LookupFunction } from '../../../../src/watch/webhooks/urls';
import { failedLosantEvent } from '../../../fixtures/cloudevents/watch-events';
import { answer, startReceiver, until, type Receiver } from '../../../helpers/webhook-receiver';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const keys = parseWebhookSecrets('ops', SECRET);
const body = cloudEventBody(failedLosantEvent);

let receiver: Receiver;
let agent: Agent;
beforeEach(async () => {
  receiver = await startReceiver();
  agent = createDeliveryAgent();
});
afterEach(async () => {
  await agent.close();
  await receiver.close();
});

const attempt = (overrides: Partial<DeliveryRequest> = {}) =>
  deliverOnce({
    url: receiver.url,
    keys,
    id: failedLosantEvent.id,
    body,
    dispatcher: agent,
    ...overrides,
  });

describe('deliverOnce', () => {
  it('POSTs the CloudEvent bytes with Standard Webhooks headers that verify, and counts a 200 delivered', async () => {
    const result = await attempt();
    expect(result).toMatchObject({ result: 'delivered', outcome: '200' });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hooks/joblog');
    expect(request!.body).toEqual(body);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'user-agent': 'joblog-gateway',
      'webhook-id': failedLosantEvent.id,
      'webhook-timestamp': String(result.timestampSeconds),
    });
    expect(request!.headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(Math.abs(result.timestampSeconds - Date.now() / 1000)).toBeLessThan(5);
    const verified = new Webhook(SECRET).verify(request!.body, request!.headers);
    expect(verified).toMatchObject({ id: failedLosantEvent.id, specversion: '1.0' });
  });

  it('counts any 2xx as delivered', async () => {
    receiver.handler = answer(204);
    expect(await attempt()).toMatchObject({ result: 'delivered', outcome: '204' });
  });

  it('answers gone for a 410 (the endpoint is to be disabled)', async () => {
    receiver.handler = answer(410);
    expect(await attempt()).toMatchObject({ result: 'gone', outcome: '410' });
  });

  it('does not follow a 3xx to another server: a failed attempt to retry', async () => {
    const elsewhere = await startReceiver();
    try {
      for (const status of [301, 302, 307, 308]) {
        receiver.handler = answer(status, { location: elsewhere.url });
        expect(await attempt()).toMatchObject({ result: 'retry', outcome: String(status) });
      }
      expect(elsewhere.received).toHaveLength(0);
      expect(receiver.received).toHaveLength(4);
    } finally {
      await elsewhere.close();
    }
  });

  it('retries a 500 and ignores its Retry-After (only 429 and 503 carry one)', async () => {
    receiver.handler = answer(500, { 'retry-after': '120' });
    const result = await attempt();
    expect(result).toMatchObject({ result: 'retry', outcome: '500' });
    expect(result).not.toHaveProperty('retryAfterMs');
  });

  it('honours Retry-After in seconds on a 429 and as an HTTP date on a 503, capped', async () => {
    receiver.handler = answer(429, { 'retry-after': '120' });
    expect(await attempt()).toMatchObject({
      result: 'retry',
      outcome: '429',
      retryAfterMs: 120_000,
    });
    const now = Date.parse('2026-03-01T12:00:00Z');
    receiver.handler = answer(503, { 'retry-after': 'Sun, 01 Mar 2026 12:10:00 GMT' });
    expect(await attempt({ now })).toMatchObject({ outcome: '503', retryAfterMs: 600_000 });
    receiver.handler = answer(429, { 'retry-after': '86400' });
    expect(await attempt({ maxRetryAfterMs: 3_600_000 })).toMatchObject({
      retryAfterMs: 3_600_000,
    });
  });

  it('cuts a receiver that never answers at the deadline: a timeout to retry', async () => {
    let closed = false;
    receiver.handler = (_request, res) => res.on('close', () => (closed = true));
    const started = Date.now();
    const result = await attempt({ timeoutMs: 1_000 });
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ result: 'retry', outcome: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(4_000);
    await until(() => closed);
  });

  it('counts a 200 whose body never ends as delivered when the deadline cuts it', async () => {
    receiver.handler = (_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('working on it');
    };
    expect(await attempt({ timeoutMs: 1_000 })).toMatchObject({
      result: 'delivered',
      outcome: '200',
    });
  });

  it('reads at most 64 KiB of a huge answer, then cuts the connection', async () => {
    let written = 0;
    let closed = false;
    const flood = (res: ServerResponse): void => {
      const chunk = Buffer.alloc(16 * 1024, 'x');
      while (!closed && written < 512 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', () => flood(res));
          return;
        }
      }
    };
    receiver.handler = (_request, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      flood(res);
    };
    const started = Date.now();
    const result = await attempt({ timeoutMs: 10_000 });
    expect(result).toMatchObject({ result: 'delivered', outcome: '200' });
    expect(result.responseBytes).toBeGreaterThanOrEqual(RESPONSE_READ_CAP_BYTES);
    expect(result.responseBytes).toBeLessThan(2 * RESPONSE_READ_CAP_BYTES);
    // Cut, not read to the end and not left to the deadline.
    expect(Date.now() - started).toBeLessThan(5_000);
    await until(() => closed);
    expect(written).toBeLessThan(512 * 1024 * 1024);
  });

  it('retries when nothing listens (the connection error code is the outcome)', async () => {
    const url = receiver.url;
    await receiver.close();
    expect(await attempt({ url })).toMatchObject({ result: 'retry', outcome: 'ECONNREFUSED' });
    receiver = await startReceiver();
  });

  it('signs each attempt with its own timestamp and the same id', async () => {
    const first = await attempt({ now: Date.now() - 60_000 });
    const second = await attempt();
    expect(second.timestampSeconds - first.timestampSeconds).toBeGreaterThanOrEqual(59);
    const [a, b] = receiver.received;
    expect(a!.headers['webhook-id']).toBe(b!.headers['webhook-id']);
    expect(a!.headers['webhook-signature']).not.toBe(b!.headers['webhook-signature']);
    for (const request of [a!, b!]) {
      expect(() => new Webhook(SECRET).verify(request.body, request.headers)).not.toThrow();
    }
  });
});

describe('createDeliveryAgent', () => {
  const resolvingTo =
    (address: string): LookupFunction =>
    (_hostname, options, callback) => {
      if (options.all === true) callback(null, [{ address, family: 4 }]);
      else callback(null, address, 4);
    };

  it('dials the address its lookup answers for a name', async () => {
    const named = createDeliveryAgent({ lookup: resolvingTo('127.0.0.1') });
    try {
      const url = receiver.url.replace('127.0.0.1', 'receiver.test');
      expect(await attempt({ url, dispatcher: named })).toMatchObject({ result: 'delivered' });
      expect(receiver.received[0]!.headers.host).toMatch(/^receiver\.test:\d+$/);
    } finally {
      await named.close();
    }
  });

  it('refuses to connect when a name resolves to the metadata address (DNS rebinding)', async () => {
    const rebinding = createDeliveryAgent({ lookup: resolvingTo('169.254.169.254') });
    try {
      const url = receiver.url.replace('127.0.0.1', 'hooks.example.com');
      expect(await attempt({ url, dispatcher: rebinding, timeoutMs: 2_000 })).toMatchObject({
        result: 'retry',
        outcome: 'EFORBIDDENADDRESS',
      });
    } finally {
      await rebinding.close();
    }
  });
});
