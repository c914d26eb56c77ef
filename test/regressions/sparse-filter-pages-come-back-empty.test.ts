// Regression: after pages stopped going past what a source had read (see
// gateway-filtered-pages-lose-records.test.ts), `status=failed&limit=3` over the demo answered an
// empty first page with a cursor: Scene7 cannot filter by status, so its read of `limit + 1`
// rows held no failed job, and the page had to end there. A read the gateway filters (a status,
// `q`) now asks IPS for at least 1000 rows, so a sparse match fills the page in one call.
import { startThreeSources, SCENE7, type ThreeSources } from '../helpers/three-sources';

jest.setTimeout(60_000);

let sources: ThreeSources;
beforeAll(async () => {
  sources = await startThreeSources();
});
afterAll(() => sources.close());

interface Listing {
  items: Array<{ status: string; source: { id: string } }>;
  next?: string;
}

async function list(query: string): Promise<Listing> {
  const response = await sources.get(`/v1/job-logs?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Listing;
}

describe('a sparse filter that the gateway applies to Scene7', () => {
  it.each(['status=failed&limit=3', `source=${SCENE7}&status=failed&limit=3`, 'q=upload&limit=3'])(
    'fills the first page of %s',
    async (query) => {
      const page = await list(query);
      expect(page.items).toHaveLength(3);
      expect(page.next).toBeDefined();
    },
  );

  it('still fills an unfiltered page', async () => {
    const page = await list(`source=${SCENE7}&limit=3`);
    expect(page.items).toHaveLength(3);
  });
});
