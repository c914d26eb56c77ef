// Regression: nothing bounded the upstream calls one request could make to a source (pages,
// token fetches, retries). Now each source has `maxUpstreamCalls`: when it is spent the listing
// stops paging and answers what it read with `truncated: true` and a cursor that continues.
import {
  getFromGateway,
  startBusinessCentralStack,
  startLosantStack,
  type BusinessCentralStack,
  type LosantStack,
} from '../helpers/gateway';

interface ListBody {
  items: Array<{ id: string; time: string }>;
  truncated: boolean;
  next?: string;
  errors: Array<{ source: string; code: string }>;
}

describe('GET /v1/job-logs with maxUpstreamCalls: 3', () => {
  describe('when Losant holds many pages of matching records', () => {
    let stack: LosantStack;
    beforeAll(async () => {
      stack = await startLosantStack({ losant: { perPage: 5, maxUpstreamCalls: 3 } });
    });
    afterAll(() => stack.close());

    it('makes exactly 3 calls and answers their records, truncated, with a cursor', async () => {
      const response = await getFromGateway(stack.gateway, '/v1/job-logs?limit=100');
      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody;
      expect(stack.losant.requests.map((request) => request.query.page)).toEqual(['0', '1', '2']);
      // 15 records read; the last one's millisecond may go on past the budget, so the page ends
      // before it and the next page reads it (test/regressions/page-boundary-ties-lose-records).
      expect(body.items).toHaveLength(14);
      expect(body.truncated).toBe(true);
      expect(body.next).toEqual(expect.any(String));
      expect(body.errors).toEqual([]);

      stack.losant.clearRequests();
      const next = await getFromGateway(
        stack.gateway,
        `/v1/job-logs?limit=100&cursor=${body.next}`,
      );
      const page2 = (await next.json()) as ListBody;
      expect(stack.losant.requests).toHaveLength(3);
      // The cursor reads on from the last record answered (its time again, itself left out), and
      // ends before its own last millisecond as the first page did.
      expect(page2.items.length).toBeGreaterThanOrEqual(13);
      const seen = new Set(body.items.map((item) => item.id));
      expect(page2.items.filter((item) => seen.has(item.id))).toEqual([]);
      const lastTime = body.items.at(-1)!.time;
      expect(page2.items.every((item) => item.time <= lastTime)).toBe(true);
    });

    it('counts retries: two 503s spend 2 of a budget of 2 and the third attempt is not sent', async () => {
      const tight = await startLosantStack({ losant: { maxUpstreamCalls: 2 } });
      try {
        tight.losant.inject(
          { kind: 'http-error', status: 503, headers: { 'Retry-After': '0' } },
          2,
        );
        const response = await getFromGateway(tight.gateway, '/v1/job-logs?limit=5');
        expect(tight.losant.requests.map((request) => request.status)).toEqual([503, 503]);
        expect(response.status).toBe(503);
      } finally {
        await tight.close();
      }
    });
  });

  describe('when Business Central needs a token and holds many pages', () => {
    let stack: BusinessCentralStack;
    beforeAll(async () => {
      stack = await startBusinessCentralStack({ source: { pageSize: 5, maxUpstreamCalls: 3 } });
    });
    afterAll(() => stack.close());

    it('counts the token fetch: one token and two pages, truncated', async () => {
      const response = await getFromGateway(stack.gateway, '/v1/job-logs?limit=100');
      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody;
      expect(stack.bc.requests.map((request) => request.endpoint)).toEqual(['token', 'api', 'api']);
      // 10 read, the last millisecond left to the next page (as above).
      expect(body.items).toHaveLength(9);
      expect(body.truncated).toBe(true);
    });
  });
});
