/**
 * The breaker is the same for every source type: whichever of the three emulated upstreams hangs,
 * after breaker.failures timeouts it is answered as unavailable at once and the other two answer.
 */
import { BC, LOSANT, SCENE7, startThreeSources } from '../../helpers/three-sources';

jest.setTimeout(40_000);

interface ListBody {
  items: Array<{ source: { id: string } }>;
  errors: Array<{ source: string; code: string }>;
}

describe.each([
  [SCENE7, 'scene7'],
  [BC, 'businessCentral'],
  [LOSANT, 'losant'],
] as const)('GET /v1/job-logs when %s hangs', (hung, emulator) => {
  it('times out once, then answers it unavailable at once with the other two intact', async () => {
    const stack = await startThreeSources({
      sources: { [hung]: { timeoutMs: 6_000, breaker: { failures: 1, openMs: 60_000 } } },
    });
    try {
      stack.demo.emulators[emulator].inject({ kind: 'hang' }, 100);
      const path = '/v1/job-logs?limit=500&since=2025-01-01T00:00:00Z';
      const first = (await (await stack.get(path)).json()) as ListBody;
      expect(first.errors).toEqual([
        expect.objectContaining({ source: hung, code: 'GW_ERR_UPSTREAM_TIMEOUT' }),
      ]);
      const sent = stack.demo.emulators[emulator].requests.length;

      const started = Date.now();
      const response = await stack.get(path);
      const body = (await response.json()) as ListBody;

      // Under the 6 s timeout: the open breaker answered without waiting. Alone this takes about
      // 0.1 s, but a busy CI host has taken 2.9 s for the healthy sources' 500 records.
      expect(Date.now() - started).toBeLessThan(4_500);
      expect(response.status).toBe(200);
      expect(body.errors).toEqual([
        expect.objectContaining({ source: hung, code: 'GW_ERR_SOURCE_UNAVAILABLE' }),
      ]);
      const healthy = [SCENE7, BC, LOSANT].filter((id) => id !== hung);
      expect(new Set(body.items.map((item) => item.source.id))).toEqual(new Set(healthy));
      expect(stack.demo.emulators[emulator].requests).toHaveLength(sent);
    } finally {
      await stack.close();
    }
  });
});
