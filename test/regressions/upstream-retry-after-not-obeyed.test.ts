// Regression: an upstream's `Retry-After: 3600` was passed on to the caller but not obeyed: the
// next request went upstream again at once. Now the source's breaker opens for that long (capped
// at breaker.maxRetryAfterMs), and callers are told how long is left.
import { getFromGateway, startLosantStack, type LosantStack } from '../helpers/gateway';

let stack: LosantStack;

beforeAll(async () => {
  // The breaker's defaults (the shared test stacks turn it off).
  stack = await startLosantStack({
    losant: { breaker: { failures: 5, openMs: 30000, maxRetryAfterMs: 3600000 } },
  });
});
afterAll(() => stack.close());

describe('GET /v1/job-logs?source=losant-test', () => {
  describe('when Losant answered 503 with Retry-After: 3600', () => {
    it('sends nothing upstream for the next request and answers 503 with the time left', async () => {
      stack.losant.inject({ kind: 'http-error', status: 503, headers: { 'Retry-After': '3600' } });
      const first = await getFromGateway(stack.gateway, '/v1/job-logs?source=losant-test');
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('3600');
      expect(stack.losant.requests).toHaveLength(1);

      const second = await getFromGateway(stack.gateway, '/v1/job-logs?source=losant-test');

      expect(second.status).toBe(503);
      expect(await second.json()).toMatchObject({
        code: 'GW_ERR_SOURCE_UNAVAILABLE',
        source: 'losant-test',
      });
      const left = Number(second.headers.get('retry-after'));
      expect(left).toBeGreaterThan(3_500);
      expect(left).toBeLessThanOrEqual(3_600);
      expect(stack.losant.requests).toHaveLength(1);
    });
  });
});
