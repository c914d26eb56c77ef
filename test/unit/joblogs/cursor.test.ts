import fc from 'fast-check';
import pino from 'pino';
import { GatewayError } from '../../../src/errors/gateway-error';
import { createCursorCodec, isAfter, queryAfter } from '../../../src/joblogs/cursor';
import { createJobLogService } from '../../../src/joblogs/service';
import {
  compareNewestFirst,
  type JobLogQuery,
  type SourceAdapter,
  type UnifiedJobLog,
} from '../../../src/contract';
import { defineSource } from '../../../src/sources/define';

function record(source: string, n: number, time: string | null): UnifiedJobLog {
  return {
    id: `${source}.k${String(n).padStart(4, '0')}`,
    source: { id: source, type: 'losant' },
    job: { id: null, name: null },
    status: 'succeeded',
    nativeStatus: null,
    time,
    times: { queued: time, started: null, ended: null, logged: null },
    message: null,
    user: null,
    target: null,
    details: [],
    raw: {},
  };
}

/** An in-memory source built by the adapters' own skeleton, so it filters and slices as they do. */
function memorySource(id: string, records: readonly UnifiedJobLog[]): SourceAdapter {
  const newestFirst = [...records].sort(compareNewestFirst);
  return defineSource('losant', (_config: { id: string }) => ({
    read: () => Promise.resolve({ records: newestFirst, invalid: [], more: false }),
    normalize: ({ id, source: _source, ...fields }: UnifiedJobLog) => ({
      ...fields,
      key: id.slice(id.indexOf('.') + 1),
    }),
    get: () => Promise.resolve(undefined),
    ping: () => Promise.resolve(),
  }))({ id }, undefined as never);
}

/**
 * A source whose upstream reads a window as Scene7's getJobLogs does: the time range pushed down,
 * newest first (records sharing a millisecond in the upstream's own order, here by `rank`), at most
 * `limit + 1` rows, and no text search, so the skeleton filters `q` out of what was read.
 */
function windowSource(
  id: string,
  records: ReadonlyArray<{ readonly record: UnifiedJobLog; readonly rank: number }>,
): SourceAdapter {
  const byUpstream = [...records]
    .filter(({ record }) => record.time !== null)
    .sort((a, b) =>
      a.record.time === b.record.time ? a.rank - b.rank : a.record.time! < b.record.time! ? 1 : -1,
    )
    .map(({ record }) => record);
  return defineSource('losant', (_config: { id: string }) => ({
    read: (query: { since?: string; until?: string; limit: number }) => {
      const rows = byUpstream
        .filter(
          ({ time }) =>
            (query.since === undefined || time! >= query.since) &&
            (query.until === undefined || time! < query.until),
        )
        .slice(0, query.limit + 1);
      return Promise.resolve({ records: rows, invalid: [], more: rows.length > query.limit });
    },
    normalize: ({ id: recordId, source: _source, ...fields }: UnifiedJobLog) => ({
      ...fields,
      key: recordId.slice(recordId.indexOf('.') + 1),
    }),
    get: () => Promise.resolve(undefined),
    ping: () => Promise.resolve(),
  }))({ id }, undefined as never);
}

const context = {
  signal: new AbortController().signal,
  deadline: Date.now() + 60_000,
  requestId: 't',
  logger: pino({ level: 'silent' }),
};
const alwaysValid = Object.assign(() => true, { errors: null }) as never;

describe('cursor', () => {
  const position = { time: '2026-01-01T00:00:00.000Z', id: 'a.b' };
  const query: JobLogQuery = { limit: 10, status: ['failed'] };
  const scope = { sources: ['a'], query, caller: 'key:ci' };

  it('round-trips a position for the same filters and caller', () => {
    const cursors = createCursorCodec(['secret-one-secret-one-secret-one-!!']);
    expect(cursors.decode(cursors.encode(position, scope), scope)).toEqual(position);
  });

  it('refuses it for other filters, another caller, or an edit', () => {
    const cursors = createCursorCodec(['secret-one-secret-one-secret-one-!!']);
    const cursor = cursors.encode(position, scope);
    const refused = (text: string, other = scope): void => {
      expect(() => cursors.decode(text, other)).toThrow(GatewayError);
    };
    refused(cursor, { ...scope, query: { ...query, limit: 11 } });
    refused(cursor, { ...scope, sources: ['a', 'b'] });
    refused(cursor, { ...scope, caller: 'key:other' });
    refused(cursor, { ...scope, query: { ...query, text: 'worker lost' } });
    const [payload, signature] = cursor.split('.') as [string, string];
    const edited = Buffer.from(JSON.stringify([2, '2025-01-01T00:00:00.000Z', 'a.b']));
    refused(`${edited.toString('base64url')}.${signature}`);
    refused(payload);
    refused('not*a*cursor');
  });

  it('binds a cursor to its q: refused with another text, another case of it, or none', () => {
    const cursors = createCursorCodec(['secret-one-secret-one-secret-one-!!']);
    const withText = { ...scope, query: { ...query, text: 'worker lost' } };
    const cursor = cursors.encode(position, withText);
    expect(cursors.decode(cursor, withText)).toEqual(position);
    for (const text of ['worker', 'Worker Lost', undefined]) {
      const { text: _text, ...rest } = withText.query;
      const other = { ...withText, query: text === undefined ? rest : { ...rest, text } };
      expect(() => cursors.decode(cursor, other)).toThrow(GatewayError);
    }
  });

  it('verifies with every configured secret and signs with the first (rotation)', () => {
    const old = createCursorCodec(['secret-old-secret-old-secret-old-!!']);
    const rotated = createCursorCodec([
      'secret-new-secret-new-secret-new-!!',
      'secret-old-secret-old-secret-old-!!',
    ]);
    const retired = createCursorCodec(['secret-new-secret-new-secret-new-!!']);
    const fromOld = old.encode(position, scope);
    expect(rotated.decode(fromOld, scope)).toEqual(position);
    expect(() => retired.decode(fromOld, scope)).toThrow(GatewayError);
    expect(retired.decode(rotated.encode(position, scope), scope)).toEqual(position);
  });

  it('signs with a random secret per codec when none is configured', () => {
    const one = createCursorCodec();
    expect(one.decode(one.encode(position, scope), scope)).toEqual(position);
    expect(() => createCursorCodec().decode(one.encode(position, scope), scope)).toThrow(
      GatewayError,
    );
  });

  it.each([
    '+275760-09-13T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-01-01T00:00:00Z',
    "2026-01-01T00:00:00.000Z' or 1 eq 1",
  ])(
    'refuses a correctly signed position whose time is out of range or not canonical: %s',
    (time) => {
      const cursors = createCursorCodec(['secret-one-secret-one-secret-one-!!']);
      expect(() => cursors.decode(cursors.encode({ time, id: 'a.b' }, scope), scope)).toThrow(
        GatewayError,
      );
    },
  );

  it('orders newest first, ties by id, records without time last', () => {
    const at = { time: '2026-01-01T00:00:00.000Z', id: 's.k0005' };
    expect(isAfter(record('s', 4, '2026-01-01T00:00:00.000Z'), at)).toBe(false);
    expect(isAfter(record('s', 6, '2026-01-01T00:00:00.000Z'), at)).toBe(true);
    expect(isAfter(record('s', 1, '2025-12-31T23:59:59.999Z'), at)).toBe(true);
    expect(isAfter(record('s', 9, '2026-01-01T00:00:00.001Z'), at)).toBe(false);
    expect(isAfter(record('s', 9, null), at)).toBe(true);
  });

  it('asks sources for nothing newer than the boundary millisecond, with room for ties', () => {
    const at = { time: '2026-01-01T00:00:00.000Z', id: 's.k0005' };
    expect(queryAfter({ limit: 10 }, at)).toEqual({
      limit: 110,
      until: '2026-01-01T00:00:00.001Z',
    });
    expect(queryAfter({ limit: 10, until: '2025-01-01T00:00:00.000Z' }, at).until).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });
});

describe('paging through the query service', () => {
  it('returns every timed record exactly once, in order, whatever the ties and page size', async () => {
    const times = fc
      .integer({ min: 0, max: 40 })
      .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(times, { maxLength: 30 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 12 }),
        async (perSource, limit) => {
          const sources = perSource.map((list, s) =>
            memorySource(
              `s${s}`,
              list.map((time, n) => record(`s${s}`, n, time)),
            ),
          );
          const service = createJobLogService(
            new Map(sources.map((source) => [source.id, source])),
            alwaysValid,
          );
          const all = perSource.flatMap((list, s) =>
            list.map((time, n) => record(`s${s}`, n, time)),
          );
          const expected = [...all]
            .sort((a, b) =>
              a.time === b.time ? (a.id < b.id ? -1 : 1) : a.time! < b.time! ? 1 : -1,
            )
            .map((r) => r.id);
          const seen: string[] = [];
          let after: { time: string; id: string } | undefined;
          for (let page = 0; page < 200; page += 1) {
            const result = await service.list(
              { query: { limit }, ...(after === undefined ? {} : { after }) },
              context,
            );
            seen.push(...result.items.map((item) => item.id));
            if (result.next === undefined) break;
            after = result.next;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns every record matching q exactly once when sources read windows the gateway filters', async () => {
    const row = fc.record({
      second: fc.integer({ min: 0, max: 40 }),
      hit: fc.boolean(),
      rank: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(row, { maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (perSource, limit, density) => {
          // `density` thins the hits, down to none, so most windows keep few records or none.
          const rows = perSource.map((list, s) =>
            list.map(({ second, hit, rank }, n) => ({
              rank,
              record: {
                ...record(`s${s}`, n, new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString()),
                message: hit && (rank % 100) / 100 < density ? 'Worker LOST' : 'ok',
              },
            })),
          );
          const sources = rows.map((list, s) => windowSource(`s${s}`, list));
          const service = createJobLogService(
            new Map(sources.map((source) => [source.id, source])),
            alwaysValid,
          );
          const expected = rows
            .flat()
            .map(({ record: r }) => r)
            .filter((r) => r.message === 'Worker LOST')
            .sort(compareNewestFirst)
            .map((r) => r.id);
          const query = { limit, text: 'worker lost' };
          const seen: string[] = [];
          let after: { time: string; id: string } | undefined;
          for (let page = 0; page < 500; page += 1) {
            const result = await service.list(
              { query, ...(after === undefined ? {} : { after }) },
              context,
            );
            seen.push(...result.items.map((item) => item.id));
            if (result.next === undefined) {
              expect(result.truncated).toBe(false);
              break;
            }
            after = result.next;
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
