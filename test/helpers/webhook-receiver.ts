/**
 * Webhook receivers for tests: real node:http servers on loopback port 0. `startReceiver`
 * records every request as received (raw body bytes, headers, arrival time) and answers with the
 * handler the test sets; `startWebhookReceiver` builds on it for the watch tests: a script of
 * statuses to answer, waiting for a count, and checking signatures with the reference library.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { until } from './until';

export { until };

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly at: number;
}

export type ReceiverHandler = (
  request: ReceivedRequest,
  res: ServerResponse,
  req: IncomingMessage,
) => void;

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  handler: ReceiverHandler;
  close(): Promise<void>;
}

/** Answers 200 with a short body. */
export const ok: ReceiverHandler = (_request, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
};

/** Answers `status` with a short body and the given headers. */
export const answer =
  (status: number, headers: Record<string, string> = {}): ReceiverHandler =>
  (_request, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(`${status}`);
  };

/** Starts a receiver at `path` on 127.0.0.1, port 0. */
export async function startReceiver(path = '/hooks/joblog'): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const state: { handler: ReceiverHandler } = { handler: ok };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      received.push(request);
      state.handler(request, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    get handler() {
      return state.handler;
    },
    set handler(next) {
      state.handler = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Delivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The status this delivery was answered with. */
  readonly status: number;
  readonly at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  /** Statuses to answer the next deliveries with, in order (then 200). */
  script(statuses: readonly number[]): void;
  /** Resolves once at least `count` deliveries came; rejects after `ms`. */
  waitForCount(count: number, ms?: number): Promise<void>;
  /** True when the delivery's signature verifies with `secret` (the reference library's check). */
  verifies(delivery: Delivery, secret: string): boolean;
  close(): Promise<void>;
}

/** A Standard Webhooks secret for tests: whsec_ + base64 of 32 fixed bytes. */
export function testWebhookSecret(fill = 7): string {
  return `whsec_${Buffer.alloc(32, fill).toString('base64')}`;
}

/** A receiver answering each delivery with the next scripted status (then 200). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = await startReceiver('/hooks');
  const deliveries: Delivery[] = [];
  let statuses: number[] = [];
  receiver.handler = (request, res, req) => {
    const status = statuses.shift() ?? 200;
    deliveries.push({
      headers: request.headers,
      body: request.body.toString('utf8'),
      status,
      at: request.at,
    });
    answer(status)(request, res, req);
  };
  return {
    url: receiver.url,
    deliveries,
    script(next) {
      statuses = [...next];
    },
    waitForCount: (count, ms = 10_000) => until(() => deliveries.length >= count, ms),
    verifies(delivery, secret) {
      try {
        new Webhook(secret).verify(delivery.body, delivery.headers);
        return true;
      } catch {
        return false;
      }
    },
    close: () => receiver.close(),
  };
}
