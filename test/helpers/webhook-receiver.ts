/**
 * A webhook receiver for tests: a real node:http server on loopback that records every delivery
 * (headers and exact body bytes) and answers each with the next status of a script (then 200).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Delivery {
  readonly headers: IncomingHttpHeaders;
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

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  let statuses: number[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      deliveries.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
        at: Date.now(),
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      for (const wake of [...waiters]) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    deliveries,
    script(next) {
      statuses = [...next];
    },
    waitForCount(count, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (deliveries.length < count) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${deliveries.length} of ${count} deliveries within ${ms} ms`));
        }, ms);
        if (!check()) waiters.add(check);
      });
    },
    verifies(delivery, secret) {
      try {
        new Webhook(secret).verify(delivery.body, {
          'webhook-id': String(delivery.headers['webhook-id']),
          'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
          'webhook-signature': String(delivery.headers['webhook-signature']),
        });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
