import type { UnifiedJobLog } from '../../src/contract';
import { createSchemaRegistry } from '../../src/schemas/registry';
import type { JobLogHistogram } from '../../src/schemas/types/job-log-histogram';
import { matchesQ, walkListing } from '../helpers/listing';
import { BC, LOSANT, SCENE7, startThreeSources, type ThreeSources } from '../helpers/three-sources';

jest.setTimeout(60_000);

const validateHistogram = createSchemaRegistry().validator<JobLogHistogram>('job-log-histogram');
const validateProblem = createSchemaRegistry().validator('problem');

let sources: ThreeSources;
/** Every record of the three sources, from a walk of the listing without filters. */
let all: UnifiedJobLog[];

beforeAll(async () => {
  // No response cache, so injected faults reach each read; BC answers a walk page in one request.
  sources = await startThreeSources({
    sources: {
      [SCENE7]: { cacheTtlMs: 0 },
      [BC]: { cacheTtlMs: 0, pageSize: 5000 },
      [LOSANT]: { cacheTtlMs: 0 },
    },
  });
  const walked = await walkListing(sources.get, 'limit=1000');
  expect(walked.ended).toBe(true);
  all = walked.items;
});
afterAll(() => sources.close());
afterEach(() => {
  for (const emulator of Object.values(sources.demo.emulators)) emulator.clearFaults();
});

/** GET the histogram; a 200 answer is checked against its schema. */
async function histogram(query: string): Promise<JobLogHistogram> {
  const response = await sources.get(`/v1/job-logs/histogram?${query}`);
  const body = (await response.json()) as JobLogHistogram;
  if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(body)}`);
  expect(validateHistogram(body)).toBe(true);
  return body;
}

/** The series a histogram should have for records, counted by hand from the listing. */
function countByHand(
  records: readonly UnifiedJobLog[],
  starts: readonly string[],
  size: number,
): Array<{ source: string; status: string; counts: number[] }> {
  const first = Date.parse(starts[0]!);
  const series = new Map<string, number[]>();
  for (const record of records) {
    const key = `${record.source.id} ${record.status}`;
    const counts = series.get(key) ?? new Array<number>(starts.length).fill(0);
    counts[Math.floor((Date.parse(record.time!) - first) / size)]! += 1;
    series.set(key, counts);
  }
  return [...series].map(([key, counts]) => {
    const [source, status] = key.split(' ') as [string, string];
    return { source, status, counts };
  });
}

const bySourceAndStatus = (
  series: ReadonlyArray<{ source: string; status: string; counts: readonly number[] }>,
) => [...series].sort((a, b) => `${a.source} ${a.status}`.localeCompare(`${b.source} ${b.status}`));

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('GET /v1/job-logs/histogram', () => {
  it('counts by day what the listing returns for the same range, per source and status', async () => {
    const range = 'since=2025-06-01T00:00:00Z&until=2025-09-01T00:00:00Z';
    const answer = await histogram(range);
    expect(answer).toMatchObject({
      bucket: 'day',
      since: '2025-06-01T00:00:00.000Z',
      until: '2025-09-01T00:00:00.000Z',
      complete: true,
      errors: [],
      invalid: [],
      untimed: 0,
    });
    expect(answer.starts).toHaveLength(92);
    expect(answer.starts[0]).toBe('2025-06-01T00:00:00.000Z');
    expect(answer.starts.at(-1)).toBe('2025-08-31T00:00:00.000Z');

    const listed = await walkListing(sources.get, `${range}&limit=1000`);
    expect(answer.total).toBe(listed.items.length);
    expect(new Set(listed.items.map((item) => item.source.id))).toEqual(
      new Set([SCENE7, BC, LOSANT]),
    );
    expect(bySourceAndStatus(answer.series)).toEqual(
      bySourceAndStatus(countByHand(listed.items, answer.starts, DAY)),
    );
  });

  it('counts by the hour, with the listing’s filters and q, what the listing returns', async () => {
    const q = 'post';
    const filters = `source=${BC},${LOSANT}&status=failed,succeeded&q=${q}`;
    const range = 'since=2025-07-01T10:30:00%2B02:00&until=2025-07-04T08:30:00Z';
    const answer = await histogram(`${range}&${filters}`);
    expect(answer.bucket).toBe('hour');
    expect(answer.starts[0]).toBe('2025-07-01T08:00:00.000Z');
    expect(answer.starts).toHaveLength(3 * 24 + 1);
    const listed = await walkListing(sources.get, `${range}&${filters}&limit=1000`);
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((item) => matchesQ(item, q))).toBe(true);
    expect(answer.total).toBe(listed.items.length);
    expect(bySourceAndStatus(answer.series)).toEqual(
      bySourceAndStatus(countByHand(listed.items, answer.starts, HOUR)),
    );
  });

  it('counts every record of the sources since their first, until now by default', async () => {
    const before = Date.now();
    const answer = await histogram('since=2024-12-01T00:00:00Z');
    expect(Date.parse(answer.until)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(answer.until)).toBeLessThanOrEqual(Date.now());
    expect(answer.bucket).toBe('day');
    expect(answer.total).toBe(all.filter((item) => item.time !== null).length);
    expect(answer.complete).toBe(true);
  });

  it('takes bucket=day for a short range and bucket=hour for one of more than 72 hours', async () => {
    const daily = await histogram(
      'since=2025-07-01T00:00:00Z&until=2025-07-02T00:00:00Z&bucket=day',
    );
    expect(daily.starts).toEqual(['2025-07-01T00:00:00.000Z']);
    const hourly = await histogram(
      'since=2025-07-01T00:00:00Z&until=2025-07-11T00:00:00Z&bucket=hour',
    );
    expect(hourly.starts).toHaveLength(240);
    const perDay = daily.series.reduce((sum, { counts }) => sum + counts[0]!, 0);
    const firstDayByHour = hourly.series.reduce(
      (sum, { counts }) => sum + counts.slice(0, 24).reduce((a, b) => a + b, 0),
      0,
    );
    expect(firstDayByHour).toBe(perDay);
  });

  it('lists a failed source under errors while the healthy sources still count', async () => {
    const range = 'since=2025-03-01T00:00:00Z&until=2025-04-01T00:00:00Z';
    const healthy = await histogram(range);
    sources.demo.emulators.losant.inject({ kind: 'malformed' }, 50);
    const answer = await histogram(range);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]).toMatchObject({
      source: LOSANT,
      code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
    });
    expect(validateProblem(answer.errors[0])).toBe(true);
    expect(answer.series.some((series) => series.source === LOSANT)).toBe(false);
    expect(answer.series).toEqual(healthy.series.filter((series) => series.source !== LOSANT));
    expect(answer.complete).toBe(true);
  });

  it('reports a source failing on a later page, keeping what it counted before', async () => {
    const range = 'since=2025-01-01T00:00:00Z&until=2026-01-01T00:00:00Z';
    const healthy = await histogram(`${range}&source=${BC}`);
    expect(healthy.total).toBeGreaterThan(1000);
    // The first walk page is one BC request (pageSize 5000); every later one fails.
    sources.demo.emulators.businessCentral.inject({ kind: 'pass' }, 1);
    sources.demo.emulators.businessCentral.inject({ kind: 'malformed' }, 50);
    const answer = await histogram(`${range}&source=${BC},${SCENE7}`);
    expect(answer.errors.map((error) => error.source)).toEqual([BC]);
    const bcCounted = answer.series
      .filter((series) => series.source === BC)
      .reduce((sum, { counts }) => sum + counts.reduce((a, b) => a + b, 0), 0);
    expect(bcCounted).toBeGreaterThan(0);
    expect(bcCounted).toBeLessThan(healthy.total);
    expect(answer.series.some((series) => series.source === SCENE7)).toBe(true);
    expect(answer.complete).toBe(true);
  });

  it('says complete: false when every source still read fails on a later page', async () => {
    const range = `since=2025-01-01T00:00:00Z&until=2026-01-01T00:00:00Z&source=${BC}`;
    sources.demo.emulators.businessCentral.inject({ kind: 'pass' }, 1);
    sources.demo.emulators.businessCentral.inject({ kind: 'malformed' }, 50);
    const answer = await histogram(range);
    expect(answer.complete).toBe(false);
    // What the first page read is counted.
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.errors).toEqual([expect.objectContaining({ source: BC })]);
  });

  it('answers as the listing would when every source fails on the first page', async () => {
    for (const emulator of Object.values(sources.demo.emulators))
      emulator.inject({ kind: 'malformed' }, 50);
    const response = await sources.get('/v1/job-logs/histogram?since=2025-03-01T00:00:00Z');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(validateProblem(await response.json())).toBe(true);
  });

  it.each([
    ['since is missing', 'until=2025-03-01T00:00:00Z', 'since', 'GW_ERR_MISSING_PARAMETER'],
    ['since is not before the default until', 'since=2999-01-01T00:00:00Z', 'since', undefined],
    [
      'bucket is neither hour nor day',
      'since=2025-03-01T00:00:00Z&bucket=week',
      'bucket',
      undefined,
    ],
    ['bucket is repeated', 'since=2025-03-01T00:00:00Z&bucket=day&bucket=day', 'bucket', undefined],
    [
      'the range has more than 1000 buckets',
      'since=2025-01-01T00:00:00Z&until=2025-03-01T00:00:00Z&bucket=hour',
      'bucket',
      undefined,
    ],
    ['limit is given', 'since=2025-03-01T00:00:00Z&limit=5', 'limit', undefined],
    ['cursor is given', 'since=2025-03-01T00:00:00Z&cursor=abc', 'cursor', undefined],
    ['q is too long', `since=2025-03-01T00:00:00Z&q=${'x'.repeat(201)}`, 'q', undefined],
    ['a parameter is unknown', 'since=2025-03-01T00:00:00Z&format=csv', 'format', undefined],
  ])(
    'refuses the request with a 400 naming the parameter when %s',
    async (_when, query, parameter, code) => {
      const response = await sources.get(`/v1/job-logs/histogram?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await response.json();
      expect(validateProblem(problem)).toBe(true);
      expect(problem).toMatchObject({ parameter, code: code ?? 'GW_ERR_INVALID_PARAMETER' });
    },
  );

  it('needs the API key, as every /v1 route', async () => {
    const response = await fetch(
      `${sources.gateway.url}/v1/job-logs/histogram?since=2025-03-01T00:00:00Z`,
    );
    expect(response.status).toBe(401);
  });
});
