import type { UnifiedJobLog } from '../../src/contract';
import { matchesQ, walkListing } from '../helpers/listing';
import { BC, LOSANT, SCENE7, startThreeSources, type ThreeSources } from '../helpers/three-sources';

// Whole listings of the three demo sources (about 2,800 records) are walked several times.
jest.setTimeout(60_000);

let sources: ThreeSources;
/** Every record of the three sources, newest first, from a walk without q. */
let all: UnifiedJobLog[];

beforeAll(async () => {
  // No response cache: each test's reads must reach the emulators, whose requests it checks.
  sources = await startThreeSources({
    sources: { [SCENE7]: { cacheTtlMs: 0 }, [BC]: { cacheTtlMs: 0 }, [LOSANT]: { cacheTtlMs: 0 } },
  });
  const walked = await walkListing(sources.get, 'limit=1000');
  expect(walked.ended).toBe(true);
  all = walked.items;
});
afterAll(() => sources.close());

/** The same text in the other case for every letter, so a match must ignore case. */
function swapCase(text: string): string {
  return [...text]
    .map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()))
    .join('');
}

/**
 * A search text for one source that its records contain in `field` but not in the other field:
 * the first word of 6 letters or more, in swapped case.
 */
function textOnlyIn(source: string, field: 'name' | 'message'): string {
  for (const record of all.filter((item) => item.source.id === source)) {
    const [inField, other] =
      field === 'name' ? [record.job.name, record.message] : [record.message, record.job.name];
    const word = inField?.match(/[A-Za-z]{6,}/)?.[0];
    if (word !== undefined && !(other ?? '').toLowerCase().includes(word.toLowerCase()))
      return swapCase(word);
  }
  throw new Error(`no record of ${source} has a word only in its ${field}`);
}

const expectedFor = (q: string): string[] =>
  all.filter((record) => matchesQ(record, q)).map((record) => record.id);

describe('GET /v1/job-logs?q=', () => {
  describe.each([SCENE7, BC, LOSANT])('for %s', (source) => {
    it.each(['name', 'message'] as const)(
      'finds its records by a word of the job %s in another case, and only the records with it',
      async (field) => {
        const q = textOnlyIn(source, field);
        const listed = await walkListing(sources.get, `q=${encodeURIComponent(q)}&limit=1000`);
        expect(listed.ended).toBe(true);
        const ids = listed.items.map((item) => item.id);
        expect(ids).toEqual(expectedFor(q));
        const found = listed.items.filter((item) => item.source.id === source);
        expect(found.length).toBeGreaterThan(0);
        const where = (item: UnifiedJobLog): string | null =>
          field === 'name' ? item.job.name : item.message;
        expect(found.some((item) => where(item)?.toLowerCase().includes(q.toLowerCase()))).toBe(
          true,
        );
      },
    );
  });

  it('pushes the text down to Business Central as contains(tolower(...)) on both fields', async () => {
    const bc = sources.demo.emulators.businessCentral;
    bc.clearRequests();
    const q = "Nothing To Post's";
    const response = await sources.get(`/v1/job-logs?source=${BC}&q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    const filters = bc.requests
      .filter((request) => request.endpoint === 'api')
      .map((request) => request.query.$filter);
    expect(filters).toEqual([
      "(contains(tolower(description),'nothing to post''s') or contains(tolower(errorMessage),'nothing to post''s'))",
    ]);
  });

  it('reads far fewer Business Central rows when BC filters than the listing holds', async () => {
    const bc = sources.demo.emulators.businessCentral;
    bc.clearRequests();
    const q = textOnlyIn(BC, 'message');
    const listed = await walkListing(
      sources.get,
      `source=${BC}&q=${encodeURIComponent(q)}&limit=5`,
    );
    expect(listed.items.map((item) => item.id)).toEqual(
      expectedFor(q).filter((id) => id.startsWith(`${BC}.`)),
    );
    // One request per page (each reads at most limit + 1 + 100 rows): no page walks BC's 2,400.
    const api = bc.requests.filter((request) => request.endpoint === 'api');
    expect(api.length).toBe(listed.pages);
  });

  it.each([3, 7])(
    'pages with limit=%i through records that match sparsely, each once, in order',
    async (limit) => {
      // A message word of each source: every source keeps few of the rows it reads.
      const texts = [SCENE7, BC, LOSANT].map((source) => textOnlyIn(source, 'message'));
      for (const q of texts) {
        const listed = await walkListing(sources.get, `q=${encodeURIComponent(q)}&limit=${limit}`);
        expect(listed.ended).toBe(true);
        expect(listed.items.map((item) => item.id)).toEqual(expectedFor(q));
      }
    },
  );

  it('applies with the other filters', async () => {
    const q = textOnlyIn(LOSANT, 'message');
    const query = `q=${encodeURIComponent(q)}&status=failed&since=2025-03-01T00:00:00Z&limit=1000`;
    const listed = await walkListing(sources.get, query);
    expect(listed.items.map((item) => item.id)).toEqual(
      all
        .filter(
          (record) =>
            matchesQ(record, q) &&
            record.status === 'failed' &&
            record.time !== null &&
            record.time >= '2025-03-01T00:00:00.000Z',
        )
        .map((record) => record.id),
    );
  });

  it('ends with no records when nothing matches (pages may be empty on the way)', async () => {
    const listed = await walkListing(sources.get, 'q=no-record-says-this-7f3a');
    expect(listed).toMatchObject({ items: [], ended: true });
  });

  it.each([
    ['too long', `q=${'x'.repeat(201)}`],
    ['empty', 'q='],
    ['repeated', 'q=a&q=b'],
  ])('refuses a q that is %s with a 400 problem naming q', async (_what, query) => {
    const response = await sources.get(`/v1/job-logs?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 400,
      code: 'GW_ERR_INVALID_PARAMETER',
      parameter: 'q',
    });
  });

  it('refuses a cursor made with another q', async () => {
    const first = (await (await sources.get('/v1/job-logs?q=post&limit=2')).json()) as {
      next?: string;
    };
    expect(first.next).toBeDefined();
    const response = await sources.get(
      `/v1/job-logs?q=posting&limit=2&cursor=${encodeURIComponent(first.next!)}`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ parameter: 'cursor' });
    const same = await sources.get(
      `/v1/job-logs?q=post&limit=2&cursor=${encodeURIComponent(first.next!)}`,
    );
    expect(same.status).toBe(200);
  });
});

describe('GET /v1/job-logs/export?q=', () => {
  it('streams the records the listing finds for the same q', async () => {
    const q = textOnlyIn(BC, 'message');
    const response = await sources.get(`/v1/job-logs/export?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as UnifiedJobLog);
    expect(lines.map((line) => line.id)).toEqual(expectedFor(q));
  });
});

describe('GET /openapi.json', () => {
  it('lists q among the parameters of the listing and of the export', async () => {
    const doc = (await (await sources.get('/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; schema: unknown }> } }>;
    };
    for (const path of ['/v1/job-logs', '/v1/job-logs/export']) {
      expect(doc.paths[path]!.get.parameters.find((parameter) => parameter.name === 'q')).toEqual(
        expect.objectContaining({
          in: 'query',
          schema: { $ref: '#/components/schemas/JobLogListParams/properties/q' },
        }),
      );
    }
  });
});
