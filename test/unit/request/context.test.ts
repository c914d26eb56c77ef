/**
 * The request context's locals: an id, a deadline, and a signal made on first use that aborts at
 * the deadline or when the client goes away before the answer. The signal is a getter of the
 * locals' class, not an accessor defined on each request (see request-accessors.ts for why).
 */
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import express from 'express';
import { localsOf, requestContext } from '../../../src/request/context';

const hosts = { publicUrl: undefined, allowedHosts: new Set<string>() };

function appWith(requestTimeoutMs: number, route: express.RequestHandler): express.Express {
  const app = express();
  app.use(requestContext({ requestTimeoutMs, hosts }));
  app.get('/', route);
  return app;
}

async function listen(app: express.Express): Promise<{ url: string; close: () => void }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

describe('requestContext', () => {
  it('gives each request its id and a live signal from the locals class', async () => {
    const app = appWith(5_000, (_req, res) => {
      const locals = localsOf(res);
      res.json({
        requestId: locals.requestId,
        aborted: locals.signal.aborted,
        same: locals.signal === locals.signal,
        own: Object.hasOwn(locals, 'signal'),
        protocol: locals.protocol,
      });
    });
    const { url, close } = await listen(app);
    try {
      const response = await fetch(url, { headers: { 'x-request-id': 'ctx-1' } });
      expect(response.headers.get('x-request-id')).toBe('ctx-1');
      expect(await response.json()).toEqual({
        requestId: 'ctx-1',
        aborted: false,
        same: true,
        own: false,
        protocol: 'json',
      });
    } finally {
      close();
    }
  });

  it('aborts the signal at the deadline', async () => {
    const app = appWith(50, (_req, res) => {
      const { signal } = localsOf(res);
      signal.addEventListener('abort', () => {
        res.json({ reason: (signal.reason as Error).message });
      });
    });
    const { url, close } = await listen(app);
    try {
      expect(await (await fetch(url)).json()).toEqual({ reason: 'request deadline passed' });
    } finally {
      close();
    }
  });

  it('aborts the signal when the client goes away first, also when it was asked for later', async () => {
    const reasons: string[] = [];
    let closed!: () => void;
    const done = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const app = appWith(5_000, (_req, res) => {
      res.on('close', () => {
        // Asked for only after the client left: it is already aborted.
        const { signal } = localsOf(res);
        reasons.push(signal.aborted ? (signal.reason as Error).message : 'not aborted');
        closed();
      });
    });
    const { url, close } = await listen(app);
    try {
      const client = httpRequest(url);
      client.on('error', () => undefined);
      client.end();
      await new Promise((resolve) => setTimeout(resolve, 50));
      client.destroy();
      await done;
      expect(reasons).toEqual(['client closed the connection']);
    } finally {
      close();
    }
  });
});
