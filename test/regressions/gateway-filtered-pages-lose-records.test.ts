// Regression: walking `status=failed&limit=5` over the three demo sources missed 3 of 313 failed
// records, and other filters hit a page that said `truncated` with no `next`. Scene7 cannot filter
// by status, so a read of `limit + 1` rows could keep few records or none, while the merged page
// went on with other sources' older records, past rows Scene7 had not read yet; the next page
// started after those. Now each source says how far down it read (`readTo`) and a page never goes
// past the newest such point: it ends there, possibly short or empty, and the next page goes on
// from it.
import { walkListing } from '../helpers/listing';
import { startThreeSources, type ThreeSources } from '../helpers/three-sources';

jest.setTimeout(60_000);

let sources: ThreeSources;
beforeAll(async () => {
  sources = await startThreeSources();
});
afterAll(() => sources.close());

describe('GET /v1/job-logs paged with cursors', () => {
  it('returns every failed record once when a source filters status in the gateway', async () => {
    const all = await walkListing(sources.get, 'limit=1000');
    expect(all.ended).toBe(true);
    const failed = all.items.filter((item) => item.status === 'failed').map((item) => item.id);
    expect(failed.length).toBeGreaterThan(300);

    const listed = await walkListing(sources.get, 'status=failed&limit=5');
    expect(listed.ended).toBe(true);
    expect(listed.items.map((item) => item.id)).toEqual(failed);
  });
});
