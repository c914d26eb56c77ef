/**
 * The admission hooks a SOAP facade calls (request/admission.ts), against the server's real
 * admission control and error renderer on a loopback server: the contract the IPS endpoint
 * relies on. The route stands in for a facade: it sets its fault renderer, calls admitRequest
 * before reading anything, authenticates, calls admitCaller and checks the source scope.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { createServer, type Server } from 'node:http';
import { buildConfig } from '../../../src/config/load';
import { admitCaller, admitRequest, assertSourceAllowed } from '../../../src/request/admission';
import { hostPolicy, localsOf, requestContext } from '../../../src/request/context';
import { createAdmission } from '../../../src/server/middleware/admission';
import { errorHandler } from '../../../src/server/middleware/error-handler';
import { createRateLimiter } from '../../../src/server/rate-limits';
import { toSoapFault } from '../../../src/soap/fault';

const logger = pino({ level: 'silent' });
let server: Server;
let url: string;
/** Requests with `?hold` wait here until the test releases them. */
const held: Array<() => void> = [];

beforeAll(async () => {
  const config = buildConfig({
    server: { maxInFlight: 3, maxInFlightPerCaller: 1 },
    auth: {
      rateLimit: { requests: 2, perSeconds: 60 },
      soapUsers: [
        { user: 'limited', password: 'password-1', rateLimit: { requests: 1, perSeconds: 60 } },
        { user: 'scoped', password: 'password-2', sources: ['scene7-b'] },
      ],
    },
    sources: [
      {
        id: 'scene7-a',
        type: 'scene7',
        url: 'http://127.0.0.1:9/x',
        credentials: { mode: 'passthrough' },
      },
    ],
  });
  const admission = createAdmission({
    maxInFlight: config.server.maxInFlight,
    maxInFlightPerCaller: config.server.maxInFlightPerCaller,
    auth: config.auth,
    rateLimiter: createRateLimiter({ logger }),
  });
  const app = express();
  app.use(requestContext({ requestTimeoutMs: 5000, hosts: hostPolicy(undefined, []) }));
  app.use(admission.install);
  app.post('/soap', (req, res, next) => {
    const locals = localsOf(res);
    locals.protocol = 'soap';
    locals.renderFault = (error) => toSoapFault(error, { version: '1.1' });
    admitRequest(res);
    const user = req.get('x-user') ?? '';
    admitCaller(res, { soapUser: user })
      .then(async () => {
        assertSourceAllowed(res, 'scene7-a');
        if (req.query.hold !== undefined) await new Promise<void>((done) => held.push(done));
        res.type('text/xml').send('<ok/>');
      })
      .catch(next);
  });
  app.use(errorHandler(logger));
  server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const release of held) release();
  await new Promise((done) => server.close(done));
});

const post = (user: string, hold = false): Promise<Response> =>
  fetch(`${url}/soap${hold ? '?hold' : ''}`, { method: 'POST', headers: { 'x-user': user } });

async function faultOf(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
  const body = await response.text();
  return /<faultstring>([^<]*)<\/faultstring>/.exec(body)?.[1] ?? '';
}

describe('admitCaller for a SOAP user', () => {
  describe('with a rate limit of its own', () => {
    it('admits up to the limit, then answers the route fault with Retry-After and RateLimit', async () => {
      const first = await post('limited');
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit-policy')).toBe('"default";q=1;w=60');
      const second = await post('limited');
      expect(second.status).toBe(500);
      expect(await faultOf(second)).toMatch(/Over the limit of 1 requests in 60 s/);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(second.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
    });
  });

  describe('that the config does not know (a passthrough user)', () => {
    it('is held to auth.rateLimit, counted by its name', async () => {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await post('stranger')).status);
      expect(statuses).toEqual([200, 200, 500]);
      expect((await post('another-stranger')).status).toBe(200);
    });
  });

  describe('over server.maxInFlightPerCaller', () => {
    it('sheds the extra request at once with the fault and Retry-After, and admits again once the first is done', async () => {
      const first = post('scoped-holder', true);
      while (held.length === 0) await new Promise((wait) => setTimeout(wait, 10));
      const shed = await post('scoped-holder');
      expect(shed.status).toBe(500);
      expect(await faultOf(shed)).toMatch(/as many requests in process as it may/);
      expect(shed.headers.get('retry-after')).toBe('1');
      held.shift()!();
      expect((await first).status).toBe(200);
      // The slot was freed; the shed request spent none of the rate limit (2), so one more fits.
      expect((await post('scoped-holder')).status).toBe(200);
      expect((await post('scoped-holder')).status).toBe(500);
    });
  });

  describe('whose sources do not include the endpoint source', () => {
    it('is refused with GW_ERR_FORBIDDEN as the route fault', async () => {
      const response = await post('scoped');
      expect(response.status).toBe(500);
      expect(await faultOf(response)).toMatch(/may not read the source "scene7-a"/);
    });
  });
});
