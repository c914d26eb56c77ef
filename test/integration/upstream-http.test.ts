/**
 * The upstream executor and the gateway's Prometheus metrics together, against faulty upstreams
 * (node:http servers on loopback port 0): every retry is counted for its source, also when the
 * call finally fails, and a caller's hang-up is not counted as an upstream failure.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics, type GatewayMetrics } from '../../src/server/metrics';
import {
  createHttpExecutor,
  type HttpExecutor,
  type UpstreamRequest,
} from '../../src/sources/http';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

let server: Server;
let url: string;
let handler: Handler;
let hits: number;
let metrics: GatewayMetrics;
let http: HttpExecutor;
let waits: number[];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    handler(req, res, hits);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/applications/a1/jobLogs`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  hits = 0;
  waits = [];
  metrics = createMetrics();
  http = createHttpExecutor({
    observe: metrics.observeUpstream,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
});
afterEach(() => http.close());

const reset: Handler = (req) => req.socket.destroy();
const throttled: Handler = (_req, res) => {
  res.writeHead(503, { 'retry-after': '0', 'content-type': 'text/plain' });
  res.end('busy');
};
const answered: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"items":[]}');
};

function read(source: string): UpstreamRequest {
  return {
    source,
    method: 'GET',
    url,
    headers: { accept: 'application/json' },
    timeoutMs: 2_000,
    maxResponseBytes: 1024 * 1024,
    idempotent: true,
  };
}

/** The value of one sample in the Prometheus text the gateway serves on /metrics. */
async function sample(name: string, labels: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('upstream calls in the metrics', () => {
  describe('when the upstream answers 503 with Retry-After: 0 twice and then resets', () => {
    it('counts 2 retries and one GW_ERR_UPSTREAM_UNREACHABLE call for that source', async () => {
      handler = (req, res, hit) => (hit <= 2 ? throttled : reset)(req, res, hit);
      await expect(
        http.send(read('flaky'), {
          signal: new AbortController().signal,
          deadline: Date.now() + 5_000,
        }),
      ).rejects.toMatchObject({ code: 'GW_ERR_UPSTREAM_UNREACHABLE' });
      expect(hits).toBe(3);
      expect(waits).toEqual([0, 0]);
      expect(await sample('joblog_gateway_upstream_retries_total', 'source="flaky"')).toBe(2);
      expect(
        await sample(
          'joblog_gateway_upstream_requests_total',
          'source="flaky",outcome="GW_ERR_UPSTREAM_UNREACHABLE"',
        ),
      ).toBe(1);
      expect(
        await sample('joblog_gateway_upstream_request_duration_seconds_count', 'source="flaky"'),
      ).toBe(1);
    });
  });

  describe('when the upstream resets twice and then answers', () => {
    it('counts 2 retries and one 200, and nothing for another source', async () => {
      handler = (req, res, hit) => (hit <= 2 ? reset : answered)(req, res, hit);
      const context = { signal: new AbortController().signal, deadline: Date.now() + 5_000 };
      const response = await http.send(read('flaky'), context);
      expect(response.status).toBe(200);
      handler = answered;
      await http.send(read('steady'), context);
      expect(await sample('joblog_gateway_upstream_retries_total', 'source="flaky"')).toBe(2);
      expect(await sample('joblog_gateway_upstream_retries_total', 'source="steady"')).toBe(
        undefined,
      );
      expect(
        await sample('joblog_gateway_upstream_requests_total', 'source="flaky",outcome="200"'),
      ).toBe(1);
    });
  });

  describe('when the caller hangs up while the upstream is slow', () => {
    it('counts the call as aborted and no upstream failure', async () => {
      handler = () => undefined;
      const caller = new AbortController();
      setTimeout(() => caller.abort(new Error('client closed the connection')), 100);
      await expect(
        http.send(read('slow'), { signal: caller.signal, deadline: Date.now() + 5_000 }),
      ).rejects.toBeDefined();
      const text = await metrics.registry.metrics();
      expect(
        await sample('joblog_gateway_upstream_requests_total', 'source="slow",outcome="aborted"'),
      ).toBe(1);
      expect(text).not.toMatch(/upstream_requests_total\{source="slow",outcome="GW_ERR_/);
    });
  });
});
