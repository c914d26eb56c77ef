/**
 * A webhook receiver on loopback port 0 (node:http): records every request as received (raw
 * body bytes, headers, arrival time) and answers with the handler the test sets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

/** Resolves once `condition` holds, polling every 10 ms; rejects after `withinMs`. */
export async function until(condition: () => boolean, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
