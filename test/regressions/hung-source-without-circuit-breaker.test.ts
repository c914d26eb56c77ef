// Regression: with one hung source every request waited for that source's timeout; after 82
// timeouts in a row the next request still waited 10.5 s. Now a per-source circuit breaker opens
// after `breaker.failures` consecutive failures and the source is answered as unavailable at once.
import { BC, LOSANT, SCENE7, startThreeSources, type ThreeSources } from '../helpers/three-sources';

interface ListBody {
  items: Array<{ source: { id: string } }>;
  errors: Array<{ source: string; code: string }>;
}

jest.setTimeout(40_000);
let stack: ThreeSources;

beforeAll(async () => {
  stack = await startThreeSources({
    sources: { [LOSANT]: { timeoutMs: 4_000, breaker: { failures: 2, openMs: 60_000 } } },
  });
});
afterAll(() => stack.close());

const PATH = '/v1/job-logs?limit=1000&since=2025-01-01T00:00:00Z';

async function list(): Promise<{ status: number; body: ListBody; ms: number }> {
  const started = Date.now();
  const response = await stack.get(PATH);
  const body = (await response.json()) as ListBody;
  return { status: response.status, body, ms: Date.now() - started };
}

describe('GET /v1/job-logs across every source', () => {
  describe('when Losant hangs and has timed out breaker.failures times in a row', () => {
    it('answers the next request at once: the others intact, Losant unavailable', async () => {
      const losant = stack.demo.emulators.losant;
      losant.inject({ kind: 'hang' }, 1_000);
      for (let failure = 0; failure < 2; failure += 1) {
        const { status, body } = await list();
        expect(status).toBe(200);
        expect(body.errors).toEqual([
          expect.objectContaining({ source: LOSANT, code: 'GW_ERR_UPSTREAM_TIMEOUT' }),
        ]);
      }
      const sent = losant.requests.length;

      const { status, body, ms } = await list();

      expect(status).toBe(200);
      // Well under the 4 s timeout: the breaker answered without waiting.
      expect(ms).toBeLessThan(2_500);
      expect(body.errors).toEqual([
        expect.objectContaining({ source: LOSANT, code: 'GW_ERR_SOURCE_UNAVAILABLE' }),
      ]);
      const sources = new Set(body.items.map((item) => item.source.id));
      expect(sources).toEqual(new Set([SCENE7, BC]));
      expect(losant.requests).toHaveLength(sent);
    });
  });
});
