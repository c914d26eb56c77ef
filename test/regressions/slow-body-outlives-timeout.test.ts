// Regression: `timeoutMs` did not bound a whole upstream call: a body arriving at 1 byte/s was cut
// off only after 12.8 s with timeoutMs at 5 s, since undici's bodyTimeout is an idle timeout that
// every byte resets. Now one timer per attempt bounds the headers and the body together.
import { createHttpExecutor, type HttpExecutor } from '../../src/sources/http';
import type { GatewayError } from '../../src/errors/gateway-error';
import { getFromGateway, startGatewayFor } from '../helpers/gateway';
import { drip, startHostileUpstream, type HostileUpstream } from '../helpers/hostile-upstream';

// 80 bytes at one per 100 ms: 8 s in all, never idle for more than 100 ms.
const BODY = JSON.stringify({ items: [], count: 0, page: 0, perPage: 1, padding: 'x'.repeat(30) });

jest.setTimeout(30_000);
let upstream: HostileUpstream;

beforeAll(async () => {
  upstream = await startHostileUpstream(drip(BODY, 100));
});
afterAll(() => upstream.close());

describe('createHttpExecutor().send', () => {
  let http: HttpExecutor;
  beforeAll(() => {
    http = createHttpExecutor();
  });
  afterAll(() => http.close());

  describe('when the headers come at once and the body drips for longer than timeoutMs', () => {
    it('throws 504 GW_ERR_UPSTREAM_TIMEOUT at about timeoutMs', async () => {
      expect(BODY.length).toBeGreaterThanOrEqual(70);
      const started = Date.now();
      const error = await http
        .send(
          {
            source: 'drip',
            method: 'GET',
            url: `${upstream.url}/jobLogs`,
            headers: {},
            timeoutMs: 500,
            maxResponseBytes: 1024,
            idempotent: true,
            maxAttempts: 1,
          },
          { signal: new AbortController().signal, deadline: Date.now() + 20_000 },
        )
        .then(
          () => undefined,
          (reason: unknown) => reason as GatewayError,
        );
      expect(error?.code).toBe('GW_ERR_UPSTREAM_TIMEOUT');
      expect(error?.message).toContain('(body)');
      expect(Date.now() - started).toBeLessThan(2_500);
    });
  });
});

describe('GET /v1/job-logs', () => {
  describe('when the only source drips its body for longer than its timeoutMs', () => {
    it('answers 504 at about timeoutMs', async () => {
      const { gateway } = await startGatewayFor([
        {
          id: 'losant-drip',
          type: 'losant',
          baseUrl: upstream.url,
          applicationId: '575ec8687ae143cd83dc4a97',
          token: 'any-token',
          timeoutMs: 500,
          maxAttempts: 1,
        },
      ]);
      try {
        const started = Date.now();
        const response = await getFromGateway(gateway, '/v1/job-logs');
        expect(response.status).toBe(504);
        expect(await response.json()).toMatchObject({ code: 'GW_ERR_UPSTREAM_TIMEOUT' });
        expect(Date.now() - started).toBeLessThan(2_500);
      } finally {
        await gateway.close(100);
      }
    });
  });
});
