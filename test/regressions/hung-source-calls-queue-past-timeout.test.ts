// Regression: with one hung source, 64 concurrent requests got p50 21 s and p99 27 s: calls
// queued for a socket of the per-origin pool, and an attempt's timeoutMs only started once its
// request had a socket. Now one timer per attempt covers the wait for a socket, the headers and
// the body, so a call waits at most timeoutMs however many are queued before it.
import { createHttpExecutor, type HttpExecutor } from '../../src/sources/http';
import type { GatewayError } from '../../src/errors/gateway-error';
import { hang, startHostileUpstream, type HostileUpstream } from '../helpers/hostile-upstream';

jest.setTimeout(30_000);
let upstream: HostileUpstream;
let http: HttpExecutor;

beforeAll(async () => {
  upstream = await startHostileUpstream(hang());
  http = createHttpExecutor({ connections: 1 });
});
afterAll(async () => {
  await http.close();
  await upstream.close();
});

describe('createHttpExecutor().send', () => {
  describe('when 8 calls share a one-socket pool to an upstream that never answers', () => {
    it('ends every call with a 504 within about timeoutMs, not one timeoutMs per call ahead', async () => {
      const started = Date.now();
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          http.send(
            {
              source: 'hung',
              method: 'GET',
              url: `${upstream.url}/jobLogs`,
              headers: {},
              timeoutMs: 400,
              maxResponseBytes: 1024,
              idempotent: true,
            },
            { signal: new AbortController().signal, deadline: Date.now() + 20_000 },
          ),
        ),
      );
      const elapsed = Date.now() - started;
      expect(settled.every((result) => result.status === 'rejected')).toBe(true);
      for (const result of settled) {
        const reason = (result as PromiseRejectedResult).reason as GatewayError;
        expect(reason.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      }
      expect(elapsed).toBeLessThan(1_500);
    });
  });
});
