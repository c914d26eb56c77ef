// Regression: walking `status=failed&limit=5` over the three demo sources missed 3 of 313 failed
// records, and other filters hit a page that said `truncated` with no `next`. Scene7 cannot filter
// by status, so a read of `limit + 1` rows could keep few records or none, while the merged page
// went on with other sources' older records, past rows Scene7 had not read yet; the next page
// started after those. Now each source says how far down it read (`readTo`) and a page never goes
// past the newest such point: it ends there, possibly short or empty, and the next page goes on
// from it.
import type { UnifiedJobLog } from '../../src/contract';
import { startThreeSources, type ThreeSources } from '../helpers/three-sources';

jest.setTimeout(60_000);

let sources: ThreeSources;
beforeAll(async () => {
  sources = await startThreeSources();
});
afterAll(() => sources.close());

/** Every record of a listing, page after page, and whether it ran to its end. */
async function walk(query: string): Promise<{ items: UnifiedJobLog[]; ended: boolean }> {
  const items: UnifiedJobLog[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 500; page += 1) {
    const path = `/v1/job-logs?${query}${cursor === undefined ? '' : `&cursor=${cursor}`}`;
    const response = await sources.get(path);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: UnifiedJobLog[];
      truncated: boolean;
      next?: string;
    };
    items.push(...body.items);
    if (body.next === undefined) return { items, ended: !body.truncated };
    cursor = body.next;
  }
  return { items, ended: false };
}

describe('GET /v1/job-logs paged with cursors', () => {
  it('returns every failed record once when a source filters status in the gateway', async () => {
    const all = await walk('limit=1000');
    expect(all.ended).toBe(true);
    const failed = all.items.filter((item) => item.status === 'failed').map((item) => item.id);
    expect(failed.length).toBeGreaterThan(300);

    const listed = await walk('status=failed&limit=5');
    expect(listed.ended).toBe(true);
    expect(listed.items.map((item) => item.id)).toEqual(failed);
  });
});
