/**
 * The upstream executor against hostile upstreams: node:http servers on loopback port 0 that
 * reset, throttle, stall and send bad or explosive bodies. The executor's own HTTP layer is real;
 * only its waits are injected (recorded and skipped) where a test says so.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip, deflateSync, gzipSync } from 'node:zlib';
import { GatewayError } from '../../../src/errors/gateway-error';
import {
  createHttpExecutor,
  isCancelledByCaller,
  type HttpExecutor,
  type HttpExecutorOptions,
  type UpstreamObservation,
  type UpstreamRequest,
} from '../../../src/sources/http';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

interface Upstream {
  readonly url: string;
  /** Requests received, in order. */
  readonly hits: IncomingMessage[];
  close(): Promise<void>;
}

const open: Upstream[] = [];
const executors: HttpExecutor[] = [];

async function upstream(handler: Handler): Promise<Upstream> {
  const hits: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req);
    handler(req, res, hits.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const running: Upstream = {
    url: `http://127.0.0.1:${port}/jobLogs`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(running);
  return running;
}

interface Harness {
  readonly http: HttpExecutor;
  readonly waits: number[];
  readonly seen: UpstreamObservation[];
}

/** An executor whose waits are recorded and skipped (unless `realWaits`). */
function executor(options: { realWaits?: boolean } = {}): Harness {
  const waits: number[] = [];
  const seen: UpstreamObservation[] = [];
  const fake: HttpExecutorOptions['sleep'] = (ms) => {
    waits.push(ms);
    return Promise.resolve();
  };
  const http = createHttpExecutor({
    observe: (call) => seen.push(call),
    ...(options.realWaits === true ? {} : { sleep: fake }),
  });
  executors.push(http);
  return { http, waits, seen };
}

function read(url: string, overrides: Partial<UpstreamRequest> = {}): UpstreamRequest {
  return {
    source: 'flaky',
    method: 'GET',
    url,
    headers: { accept: 'application/json' },
    timeoutMs: 2_000,
    maxResponseBytes: 64 * 1024,
    idempotent: true,
    ...overrides,
  };
}

function within(ms: number, signal = new AbortController().signal) {
  return { signal, deadline: Date.now() + ms };
}

async function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Answers every request with this status, these headers and this body. */
const answer =
  (status: number, headers: Record<string, string>, body: string | Buffer): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
const reset: Handler = (req) => req.socket.destroy();
const throttled = (retryAfter: string): Handler =>
  answer(503, { 'retry-after': retryAfter, 'content-type': 'text/plain' }, 'busy');
const ok = answer(200, { 'content-type': 'application/json' }, '{"items":[]}');

afterEach(async () => {
  await Promise.all(executors.splice(0).map((http) => http.close()));
  await Promise.all(open.splice(0).map((server) => server.close()));
});

describe('createHttpExecutor().send', () => {
  describe('when an idempotent read is reset on every attempt', () => {
    it('throws 502 GW_ERR_UPSTREAM_UNREACHABLE after three attempts and backs off through sleep', async () => {
      const server = await upstream(reset);
      const { http, waits, seen } = executor();
      const error = await failureOf(http.send(read(server.url), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_UNREACHABLE');
      expect(error.status).toBe(502);
      expect(server.hits).toHaveLength(3);
      expect(waits).toEqual([100, 200]);
      expect(seen).toEqual([
        expect.objectContaining({
          source: 'flaky',
          outcome: 'GW_ERR_UPSTREAM_UNREACHABLE',
          attempts: 3,
        }),
      ]);
    });
  });

  describe('when the upstream answers 503 with Retry-After: 0 twice and then resets', () => {
    it('reports the real three attempts of the failed call (regression: observe got attempts: 0)', async () => {
      const server = await upstream((req, res, hit) =>
        hit <= 2 ? throttled('0')(req, res, hit) : reset(req, res, hit),
      );
      const { http, waits, seen } = executor();
      const error = await failureOf(http.send(read(server.url), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_UNREACHABLE');
      expect(waits).toEqual([0, 0]);
      expect(seen.map((call) => [call.outcome, call.attempts])).toEqual([
        ['GW_ERR_UPSTREAM_UNREACHABLE', 3],
      ]);
    });
  });

  describe('when the upstream answers 503 with Retry-After: 0 twice and then 200', () => {
    it('returns the 200 after waiting out both Retry-After headers', async () => {
      const server = await upstream((req, res, hit) =>
        hit <= 2 ? throttled('0')(req, res, hit) : ok(req, res, hit),
      );
      const { http, waits, seen } = executor();
      const response = await http.send(read(server.url), within(5_000));
      expect(response.status).toBe(200);
      expect(response.attempts).toBe(3);
      expect(waits).toEqual([0, 0]);
      expect(seen.map((call) => [call.outcome, call.attempts])).toEqual([['200', 3]]);
    });
  });

  describe('when a non-idempotent POST is reset', () => {
    it('does not send it again', async () => {
      const server = await upstream(reset);
      const { http, seen } = executor();
      const error = await failureOf(
        http.send(
          read(server.url, { method: 'POST', body: '<x/>', idempotent: false }),
          within(5_000),
        ),
      );
      expect(error.code).toBe('GW_ERR_UPSTREAM_UNREACHABLE');
      expect(server.hits).toHaveLength(1);
      expect(seen[0]?.attempts).toBe(1);
    });
  });

  describe('when the connection is refused', () => {
    it('tries a non-idempotent POST a second time, since nothing was sent', async () => {
      const server = await upstream(ok);
      const { url } = server;
      await server.close();
      const { http, waits, seen } = executor();
      const error = await failureOf(
        http.send(read(url, { method: 'POST', body: '<x/>', idempotent: false }), within(5_000)),
      );
      expect(error.code).toBe('GW_ERR_UPSTREAM_UNREACHABLE');
      expect(error.message).toContain('ECONNREFUSED');
      expect(waits).toEqual([100]);
      expect(seen[0]?.attempts).toBe(2);
    });
  });

  describe('when Retry-After cannot be waited out', () => {
    it.each([
      ['longer than the 5 s the executor waits', '120', 60_000],
      ["short but ending past the caller's deadline", '2', 1_000],
    ])(
      'returns the 503 with its Retry-After and body at once when it is %s',
      async (_, after, ms) => {
        const server = await upstream(throttled(after));
        const { http, waits } = executor();
        const response = await http.send(read(server.url), within(ms));
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe(after);
        expect(response.body.toString()).toBe('busy');
        expect(response.attempts).toBe(1);
        expect(waits).toEqual([]);
      },
    );
  });

  describe('when the upstream never sends headers', () => {
    it('throws 504 naming the headers phase when the attempt deadline fires', async () => {
      const server = await upstream(() => undefined);
      const { http } = executor();
      const error = await failureOf(http.send(read(server.url, { timeoutMs: 200 }), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(error.status).toBe(504);
      expect(error.message).toContain('(headers)');
    });

    it("throws 504 naming the total deadline when the caller's deadline fires first", async () => {
      const server = await upstream(() => undefined);
      const { http } = executor();
      const started = Date.now();
      const error = await failureOf(http.send(read(server.url), within(300)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(error.message).toContain('(total)');
      expect(Date.now() - started).toBeLessThan(1_500);
    });
  });

  describe('when the body stalls after the headers', () => {
    it('throws 504 naming the body phase', async () => {
      const server = await upstream((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"items":[');
      });
      const { http } = executor();
      const error = await failureOf(
        http.send(read(server.url, { timeoutMs: 200, idempotent: false }), within(5_000)),
      );
      expect(error.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(error.message).toContain('(body)');
    });
  });

  describe('when the body is compressed', () => {
    it.each([
      ['a gzip 200', 'gzip', 200, gzipSync],
      ['a deflate 200', 'deflate', 200, deflateSync],
      ['a gzip 503 (its upstream error stays readable)', 'gzip', 503, gzipSync],
    ])(
      'returns the body decompressed, without its content-encoding, for %s',
      async (_, coding, status, zip) => {
        const text = '{"items":[1,2,3]}';
        const server = await upstream(answer(status, { 'content-encoding': coding }, zip(text)));
        const { http } = executor();
        const response = await http.send(read(server.url, { idempotent: false }), within(5_000));
        expect(response.status).toBe(status);
        expect(response.body.toString()).toBe(text);
        expect(response.headers['content-encoding']).toBeUndefined();
        expect(server.hits[0]?.headers['accept-encoding']).toBe('gzip, deflate');
      },
    );
  });

  describe('when the request sets compression: false', () => {
    it('sends no Accept-Encoding, and still decodes a body the upstream compresses anyway', async () => {
      const text = '{"items":[1,2,3]}';
      const server = await upstream(answer(200, { 'content-encoding': 'gzip' }, gzipSync(text)));
      const { http } = executor();
      const response = await http.send(
        { ...read(server.url, { idempotent: false }), compression: false },
        within(5_000),
      );
      expect(response.body.toString()).toBe(text);
      expect(server.hits[0]?.headers['accept-encoding']).toBeUndefined();
    });
  });

  describe('when the decompressed body is over the cap but the wire body is under it', () => {
    it('throws 502 GW_ERR_UPSTREAM_BAD_RESPONSE: the cap is measured after decompression', async () => {
      const cap = 64 * 1024;
      const zipped = gzipSync(Buffer.from('{"id":"job-1","status":"ok"},'.repeat(10_000)));
      expect(zipped.length).toBeLessThan(cap);
      const server = await upstream(answer(200, { 'content-encoding': 'gzip' }, zipped));
      const { http, seen } = executor();
      const error = await failureOf(
        http.send(read(server.url, { maxResponseBytes: cap }), within(5_000)),
      );
      expect(error.code).toBe('GW_ERR_UPSTREAM_BAD_RESPONSE');
      expect(error.status).toBe(502);
      expect(error.message).toContain(`over ${cap} bytes`);
      expect(seen[0]?.attempts).toBe(1);
    });
  });

  describe('when a plain body is over the cap', () => {
    it('throws 502 GW_ERR_UPSTREAM_BAD_RESPONSE', async () => {
      const server = await upstream(answer(200, {}, Buffer.alloc(200 * 1024, 'a')));
      const { http } = executor();
      const error = await failureOf(http.send(read(server.url), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_BAD_RESPONSE');
    });
  });

  describe('when the upstream sends a gzip bomb (1 GiB of zeros)', () => {
    it('throws 502 promptly without inflating past the cap', async () => {
      let fed = 0;
      const server = await upstream((_req, res) => {
        // Streamed through zlib: the test never holds the gigabyte either.
        res.writeHead(200, { 'content-encoding': 'gzip' });
        const gzip = createGzip();
        gzip.pipe(res);
        res.on('close', () => gzip.destroy());
        const zeros = Buffer.alloc(1024 * 1024);
        const pump = (): void => {
          while (fed < 1024 && !gzip.destroyed) {
            fed += 1;
            if (!gzip.write(zeros)) {
              gzip.once('drain', pump);
              return;
            }
          }
          if (!gzip.destroyed) gzip.end();
        };
        pump();
      });
      const { http } = executor();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      const started = Date.now();
      try {
        const error = await failureOf(
          http.send(read(server.url, { maxResponseBytes: 8 * 1024 * 1024 }), within(20_000)),
        );
        expect(error.code).toBe('GW_ERR_UPSTREAM_BAD_RESPONSE');
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(peak - baseline).toBeLessThan(256 * 1024 * 1024);
      expect(fed).toBeLessThan(1024);
    });
  });

  describe('when the content-encoding is not one we decode', () => {
    it('throws 502 GW_ERR_UPSTREAM_BAD_RESPONSE naming the encoding', async () => {
      const server = await upstream(answer(200, { 'content-encoding': 'x-custom' }, '????'));
      const { http } = executor();
      const error = await failureOf(http.send(read(server.url), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_BAD_RESPONSE');
      expect(error.message).toContain('unsupported content encoding (x-custom)');
    });

    it('throws 502 GW_ERR_UPSTREAM_BAD_RESPONSE for six stacked codings', async () => {
      const server = await upstream(
        answer(200, { 'content-encoding': 'gzip, gzip, gzip, gzip, gzip, gzip' }, 'x'),
      );
      const { http } = executor();
      const error = await failureOf(http.send(read(server.url), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_BAD_RESPONSE');
    });
  });

  describe('when a gzip body is corrupt', () => {
    it('throws 502 GW_ERR_UPSTREAM_BAD_RESPONSE and does not retry', async () => {
      const server = await upstream(
        answer(200, { 'content-encoding': 'gzip' }, 'this is not gzip'),
      );
      const { http, seen } = executor();
      const error = await failureOf(http.send(read(server.url), within(5_000)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_BAD_RESPONSE');
      expect(error.message).toContain('does not decompress');
      expect(server.hits).toHaveLength(1);
      expect(seen[0]?.attempts).toBe(1);
    });
  });

  describe('when the caller hangs up during the call', () => {
    it('rejects with the caller reason as cause and is observed as aborted, not as a failure', async () => {
      const server = await upstream(() => undefined);
      const { http, seen } = executor();
      const caller = new AbortController();
      const reason = new Error('client closed the connection');
      setTimeout(() => caller.abort(reason), 100);
      const error = await failureOf(http.send(read(server.url), within(5_000, caller.signal)));
      expect(isCancelledByCaller(error, caller.signal)).toBe(true);
      expect(error.cause).toBe(reason);
      expect(seen.map((call) => [call.outcome, call.attempts])).toEqual([['aborted', 1]]);
    });

    it('stops waiting out a Retry-After at once', async () => {
      const server = await upstream(throttled('3'));
      const { http, seen } = executor({ realWaits: true });
      const caller = new AbortController();
      setTimeout(() => caller.abort(new Error('client closed the connection')), 200);
      const started = Date.now();
      const error = await failureOf(http.send(read(server.url), within(10_000, caller.signal)));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(isCancelledByCaller(error, caller.signal)).toBe(true);
      expect(seen.map((call) => [call.outcome, call.attempts])).toEqual([['aborted', 1]]);
    });
  });

  describe('when the deadline fires rather than the caller', () => {
    it('is a 504, not a cancellation', async () => {
      const server = await upstream(() => undefined);
      const { http } = executor();
      const signal = new AbortController().signal;
      const error = await failureOf(http.send(read(server.url), within(200, signal)));
      expect(error.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(isCancelledByCaller(error, signal)).toBe(false);
    });
  });
});
