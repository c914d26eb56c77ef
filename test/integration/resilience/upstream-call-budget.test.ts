/**
 * maxUpstreamCalls when not even the first page fits: a Business Central read needs a token and a
 * page, so with a budget of one call and no token yet nothing can be read, and the answer says
 * so; this is no fault of the upstream and does not count against the source's breaker.
 */
import { getFromGateway, startBusinessCentralStack } from '../../helpers/gateway';

describe('GET /v1/job-logs?source=bc-test with maxUpstreamCalls: 1', () => {
  it('answers 503 naming the budget while a token is needed, then reads with the cached token', async () => {
    const stack = await startBusinessCentralStack({
      source: { maxUpstreamCalls: 1, breaker: { failures: 1, openMs: 60_000 } },
    });
    try {
      const first = await getFromGateway(stack.gateway, '/v1/job-logs?limit=5');
      expect(first.status).toBe(503);
      const problem = (await first.json()) as { code: string; detail: string };
      expect(problem.code).toBe('GW_ERR_SOURCE_UNAVAILABLE');
      expect(problem.detail).toContain('maxUpstreamCalls (1)');
      expect(stack.bc.requests.map((request) => request.endpoint)).toEqual(['token']);

      // The breaker (failures: 1) did not open: the next read, its token cached, needs one call.
      const second = await getFromGateway(stack.gateway, '/v1/job-logs?limit=5');

      expect(second.status).toBe(200);
      expect(((await second.json()) as { items: unknown[] }).items).toHaveLength(5);
      expect(stack.bc.requests.map((request) => request.endpoint)).toEqual(['token', 'api']);
    } finally {
      await stack.close();
    }
  });
});
