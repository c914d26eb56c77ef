/**
 * The access log never carries credentials: a line without an error is written through a child
 * with one exact redaction path (the serializers pick only harmless fields), a line with an error
 * through the gateway logger's whole redaction. Both are checked here with the logger the gateway
 * really builds (server/logger.ts), writing to a sink the test reads.
 */
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { accessLog } from '../../../src/server/middleware/access-log';
import { makeLogger } from '../../../src/server/logger';
import { localsOf } from '../../../src/request/context';

const SECRET = 'hunter2-secret-value';

function appWithLog(): { app: express.Express; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use((req: Request, res: Response, next: NextFunction) => {
    localsOf(res).requestId = String(req.get('x-request-id'));
    next();
  });
  app.use(accessLog(makeLogger('info', sink)));
  app.get('/ok', (_req, res) => {
    localsOf(res).caller = 'key:ci';
    res.json({ ok: true });
  });
  app.get('/route-log', (req, res) => {
    // req.log is built on first use, once per request, and binds the request id.
    const logged = req as Request & { log: Logger };
    const first = logged.log;
    first.info(
      { sameTwice: logged.log === first, own: Object.hasOwn(req, 'log') },
      'from the route',
    );
    res.json({ ok: true });
  });
  app.get('/fails', (_req, res) => {
    // An error carrying a credential, as an upstream or config error could.
    const error = Object.assign(new Error('upstream refused'), { password: SECRET, key: SECRET });
    res.err = error;
    res.status(502).json({ failed: true });
  });
  return { app, lines };
}

async function lineOf(
  lines: ReadonlyArray<Record<string, unknown>>,
  reqId: string,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i += 1) {
    const line = lines.find((entry) => entry.reqId === reqId);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no access-log line for ${reqId}`);
}

describe('accessLog', () => {
  it('writes a success line with the harmless request fields and no credentials', async () => {
    const { app, lines } = appWithLog();
    await request(app)
      .get('/ok')
      .set('x-request-id', 'ok-1')
      .set('authorization', `Basic ${Buffer.from(`u:${SECRET}`).toString('base64')}`)
      .set('user-agent', 'test-agent')
      .expect(200);
    const line = await lineOf(lines, 'ok-1');
    expect(line).toMatchObject({
      msg: 'request completed',
      caller: 'key:ci',
      req: { method: 'GET', url: '/ok', headers: { 'user-agent': 'test-agent' } },
      res: { statusCode: 200 },
    });
    const text = JSON.stringify(line);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`u:${SECRET}`).toString('base64'));
    expect(text).not.toContain('authorization');
  });

  it('gives each request its own req.log, binding its id, from the request prototype', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/route-log').set('x-request-id', 'route-1').expect(200);
    await request(app).get('/route-log').set('x-request-id', 'route-2').expect(200);
    for (const reqId of ['route-1', 'route-2']) {
      await lineOf(lines, reqId);
      const routeLines = lines.filter(
        (line) => line.reqId === reqId && line.msg === 'from the route',
      );
      // An accessor of the prototype, not one defined on each request (request-accessors.ts).
      expect(routeLines).toEqual([expect.objectContaining({ sameTwice: true, own: false })]);
    }
  });

  it('redacts credentials an error carries, with the gateway logger paths', async () => {
    const { app, lines } = appWithLog();
    await request(app).get('/fails').set('x-request-id', 'fails-1').expect(502);
    const line = await lineOf(lines, 'fails-1');
    expect(line).toMatchObject({
      msg: 'request errored',
      err: { message: 'upstream refused', password: '[redacted]', key: '[redacted]' },
    });
    expect(JSON.stringify(line)).not.toContain(SECRET);
  });
});
