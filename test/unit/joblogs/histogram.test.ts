import type { UnifiedJobLog } from '../../../src/contract';
import { GatewayError } from '../../../src/errors/gateway-error';
import {
  bucketLayout,
  bucketStarts,
  countJobLogs,
  defaultBucket,
  type BucketLayout,
} from '../../../src/joblogs/histogram';
import type { WalkEnd, WalkPage } from '../../../src/joblogs/walk';

const at = (iso: string): number => Date.parse(iso);

function record(
  source: string,
  time: string | null,
  status: UnifiedJobLog['status'] = 'failed',
): UnifiedJobLog {
  return {
    id: `${source}.${time}`,
    source: { id: source, type: 'losant' },
    status,
    time,
  } as UnifiedJobLog;
}

function page(items: UnifiedJobLog[], extra: Partial<WalkPage> = {}): WalkPage {
  return { items, errors: [], invalid: [], ...extra };
}

/** A walk over given pages that records how many pages were asked for. */
function walkOf(pages: WalkPage[], end: WalkEnd = { complete: true }) {
  const asked = { pages: 0, returned: false };
  async function* walk(): AsyncGenerator<WalkPage, WalkEnd> {
    try {
      for (const next of pages) {
        asked.pages += 1;
        yield await Promise.resolve(next);
      }
      return end;
    } finally {
      asked.returned = true;
    }
  }
  return { walk: walk(), asked };
}

describe('defaultBucket', () => {
  it('counts by the hour up to 72 hours, by the day beyond', () => {
    const since = at('2026-01-01T00:00:00Z');
    expect(defaultBucket(since, since + 72 * 3_600_000)).toBe('hour');
    expect(defaultBucket(since, since + 72 * 3_600_000 + 1)).toBe('day');
  });
});

describe('bucketLayout', () => {
  it('starts at the UTC hour holding since and ends with the one holding until - 1 ms', () => {
    const layout = bucketLayout('2026-01-01T10:30:00.000Z', '2026-01-01T13:00:00.000Z', 'hour');
    expect(bucketStarts(layout)).toEqual([
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T11:00:00.000Z',
      '2026-01-01T12:00:00.000Z',
    ]);
    expect(bucketLayout('2026-01-01T10:30:00.000Z', '2026-01-01T13:00:00.001Z', 'hour').count).toBe(
      4,
    );
  });

  it('aligns days to UTC midnight, whatever offset since was given in', () => {
    const layout = bucketLayout('2026-01-01T23:59:00.000Z', '2026-01-02T00:01:00.000Z', 'day');
    expect(bucketStarts(layout)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
  });

  it('takes 1000 buckets and refuses 1001, naming bucket', () => {
    const since = '2026-01-01T00:00:00.000Z';
    const hours = (n: number): string => new Date(at(since) + n * 3_600_000).toISOString();
    expect(bucketLayout(since, hours(1000), 'hour').count).toBe(1000);
    let error: unknown;
    try {
      bucketLayout(since, new Date(at(hours(1000)) + 1).toISOString(), 'hour');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'GW_ERR_INVALID_PARAMETER', parameter: 'bucket' });
    expect((error as Error).message).toMatch(/1001 buckets/);
  });
});

describe('countJobLogs', () => {
  const layout: BucketLayout = bucketLayout(
    '2026-01-01T00:00:00.000Z',
    '2026-01-01T03:00:00.000Z',
    'hour',
  );

  it('counts each record in its bucket, per source and status, series in a stable order', async () => {
    const { walk } = walkOf([
      page([
        record('s2', '2026-01-01T02:59:59.999Z'),
        record('s1', '2026-01-01T02:00:00.000Z', 'succeeded'),
        record('s1', '2026-01-01T01:00:00.000Z'),
      ]),
      page([record('s1', '2026-01-01T00:00:00.000Z'), record('s1', '2026-01-01T00:59:00.000Z')]),
    ]);
    const counted = await countJobLogs(walk, layout);
    expect(counted).toEqual({
      series: [
        { source: 's1', status: 'succeeded', counts: [0, 0, 1] },
        { source: 's1', status: 'failed', counts: [2, 1, 0] },
        { source: 's2', status: 'failed', counts: [0, 0, 1] },
      ],
      total: 5,
      untimed: 0,
      complete: true,
      errors: [],
      invalid: [],
    });
  });

  it('counts a record without a time in no bucket but in untimed and total', async () => {
    const { walk } = walkOf([page([record('s1', null), record('s1', '2026-01-01T01:00:00Z')])]);
    const counted = await countJobLogs(walk, layout);
    expect(counted).toMatchObject({ total: 2, untimed: 1 });
    expect(counted.series).toEqual([{ source: 's1', status: 'failed', counts: [0, 1, 0] }]);
  });

  it('gathers source failures, invalid records, and a failure that ended the walk', async () => {
    const failure = new GatewayError('GW_ERR_UPSTREAM_UNREACHABLE', 'down', { source: 's2' });
    const last = new GatewayError('GW_ERR_UPSTREAM_UNREACHABLE', 'down too', { source: 's1' });
    const invalid = (source: string, n: number) => ({
      source,
      records: Array.from({ length: n }, (_, index) => ({ index, pointer: '', message: 'x' })),
    });
    const { walk } = walkOf(
      [
        page([record('s1', '2026-01-01T01:00:00Z')], { invalid: [invalid('s1', 2)] }),
        page([], { errors: [{ source: 's2', error: failure }], invalid: [invalid('s1', 1)] }),
      ],
      { complete: false, error: last },
    );
    const counted = await countJobLogs(walk, layout);
    expect(counted.complete).toBe(false);
    expect(counted.errors).toEqual([
      { source: 's2', error: failure },
      { source: 's1', error: last },
    ]);
    expect(counted.invalid).toEqual([{ source: 's1', count: 3 }]);
    expect(counted.total).toBe(1);
  });

  it('stops at the cap with complete false, reading no further page', async () => {
    const times = ['00:10', '00:20', '00:30', '00:40', '00:50', '01:10'].map(
      (time) => `2026-01-01T${time}:00.000Z`,
    );
    const { walk, asked } = walkOf([
      page(times.slice(0, 2).map((time) => record('s1', time))),
      page(times.slice(2, 4).map((time) => record('s1', time))),
      page(times.slice(4).map((time) => record('s1', time))),
    ]);
    const counted = await countJobLogs(walk, layout, 3);
    expect(counted).toMatchObject({ total: 3, complete: false });
    expect(asked).toEqual({ pages: 2, returned: true });
  });

  it('is complete when the last record is the cap-th', async () => {
    const { walk } = walkOf([page([record('s1', '2026-01-01T00:10:00Z')])]);
    expect(await countJobLogs(walk, layout, 1)).toMatchObject({ total: 1, complete: true });
  });

  it('throws what the walk throws on its first page', async () => {
    const refused = new GatewayError('GW_ERR_UPSTREAM_UNREACHABLE', 'all down');
    // eslint-disable-next-line require-yield -- a walk whose first page fails yields nothing
    async function* failing(): AsyncGenerator<WalkPage, WalkEnd> {
      return Promise.reject(refused);
    }
    await expect(countJobLogs(failing(), layout)).rejects.toBe(refused);
  });
});
