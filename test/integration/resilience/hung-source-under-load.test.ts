/**
 * One hung source under concurrent load, with the three emulated sources behind the gateway: the
 * first wave waits about the hung source's timeoutMs and keeps the other sources' answers; once
 * the breaker is open, the next wave is answered at once and nothing more is sent to the hung
 * source. (Calls queued for a pooled socket: test/regressions/hung-source-calls-queue-past-timeout.)
 */
import {
  BC,
  LOSANT,
  SCENE7,
  startThreeSources,
  type ThreeSources,
} from '../../helpers/three-sources';

jest.setTimeout(40_000);

interface ListBody {
  items: Array<{ source: { id: string } }>;
  errors: Array<{ source: string; code: string }>;
}

let stack: ThreeSources;

beforeAll(async () => {
  stack = await startThreeSources({
    sources: { [LOSANT]: { timeoutMs: 4_000, breaker: { failures: 3, openMs: 60_000 } } },
    // One caller sends them all: above the per-caller cap, admission control would shed some.
    server: { maxInFlightPerCaller: 100 },
  });
});
afterAll(() => stack.close());

/**
 * Sends `count` listings at once; each one's status, body and time. Each asks a slightly different
 * `since`, so that each is its own upstream call (identical reads at once would share one).
 */
async function wave(count: number) {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const started = Date.now();
      const since = `2025-01-01T00:00:${String(index).padStart(2, '0')}Z`;
      const response = await stack.get(`/v1/job-logs?limit=20&since=${since}`);
      const body = (await response.json()) as ListBody;
      return { status: response.status, body, ms: Date.now() - started };
    }),
  );
}

describe('GET /v1/job-logs, 16 at once, while Losant hangs', () => {
  it('bounds every answer by Losant’s timeoutMs, then answers at once with the breaker open', async () => {
    const losant = stack.demo.emulators.losant;
    losant.inject({ kind: 'hang' }, 10_000);

    const first = await wave(16);

    for (const { status, body } of first) {
      expect(status).toBe(200);
      expect(body.items).toHaveLength(20);
      expect(body.items.every((item) => [SCENE7, BC].includes(item.source.id))).toBe(true);
      expect(body.errors.map(({ source }) => source)).toEqual([LOSANT]);
    }
    // The calls that reached Losant timed out; those that came after the breaker opened did not
    // wait at all.
    const codes = first.map(({ body }) => body.errors[0]!.code);
    expect(
      codes.filter((code) => code === 'GW_ERR_UPSTREAM_TIMEOUT').length,
    ).toBeGreaterThanOrEqual(3);
    expect(
      codes.every((code) =>
        ['GW_ERR_UPSTREAM_TIMEOUT', 'GW_ERR_SOURCE_UNAVAILABLE'].includes(code),
      ),
    ).toBe(true);
    // Every call waited about one timeoutMs at most: less than two of them back to back (a call
    // queued behind another's timeout would take that long). A busy CI host took 6.8 s for one
    // timeout plus 16 listings' own work, so the margin is the second timeout, not a guess.
    expect(Math.max(...first.map(({ ms }) => ms))).toBeLessThan(2 * 4_000);
    const sent = losant.requests.length;

    const second = await wave(16);

    for (const { status, body, ms } of second) {
      expect(status).toBe(200);
      expect(body.items).toHaveLength(20);
      expect(body.items.every((item) => [SCENE7, BC].includes(item.source.id))).toBe(true);
      expect(body.errors).toEqual([
        expect.objectContaining({ source: LOSANT, code: 'GW_ERR_SOURCE_UNAVAILABLE' }),
      ]);
      // Well under the 4 s timeout: nobody waited for Losant.
      expect(ms).toBeLessThan(2_500);
    }
    expect(losant.requests).toHaveLength(sent);
  });
});
