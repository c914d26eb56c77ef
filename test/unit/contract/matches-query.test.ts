import { matchesQuery } from '../../../src/contract';
import type { UnifiedJobLog } from '../../../src/contract';

const at = (time: string | null, status: UnifiedJobLog['status'] = 'failed'): UnifiedJobLog =>
  ({ status, time }) as UnifiedJobLog;

describe('matchesQuery', () => {
  describe('when the record is inside the query', () => {
    it('keeps it (since inclusive, offsets compared as instants)', () => {
      expect(
        matchesQuery(at('2025-03-01T00:00:00.000Z'), {
          since: '2025-03-01T00:00:00Z',
          status: ['failed'],
          limit: 1,
        }),
      ).toBe(true);
      expect(
        matchesQuery(at('2025-03-01T00:00:00.000Z'), {
          since: '2025-03-01T01:00:00+01:00',
          limit: 1,
        }),
      ).toBe(true);
    });

    it('keeps a record without a time when the query has no time range', () => {
      expect(matchesQuery(at(null), { status: ['failed'], limit: 1 })).toBe(true);
    });
  });

  describe('when the record is outside the query', () => {
    it.each([
      [{ until: '2025-03-01T00:00:00Z', limit: 1 }],
      [{ status: ['running' as const], limit: 1 }],
      [{ since: '2025-03-01T00:00:00.001Z', limit: 1 }],
    ])('drops it for %j (until exclusive)', (query) => {
      expect(matchesQuery(at('2025-03-01T00:00:00.000Z'), query)).toBe(false);
    });

    it('drops a record without a time from any time range', () => {
      expect(matchesQuery(at(null), { since: '2000-01-01T00:00:00Z', limit: 1 })).toBe(false);
    });
  });
});

describe('matchesQuery with free text', () => {
  const named = (name: string | null, message: string | null): UnifiedJobLog =>
    ({
      status: 'failed',
      time: '2025-03-01T00:00:00.000Z',
      job: { id: null, name },
      message,
    }) as UnifiedJobLog;
  const text = (q: string) => ({ text: q, limit: 1 });

  it.each([
    ['the job name', named('DeviceDataImport', null), 'dataimport'],
    ['the message', named(null, 'Job execution failed: worker lost'), 'WORKER LOST'],
    ['either field', named('EventExport', 'worker lost'), 'export'],
    ['a text in another case of a non-ASCII letter', named('Überweisung buchen', null), 'üBER'],
    ['the whole field', named('Email Dispatcher', null), 'email dispatcher'],
  ])('keeps a record whose %s contains it, ignoring case', (_what, record, q) => {
    expect(matchesQuery(record, text(q))).toBe(true);
  });

  it('drops a record when neither field contains it', () => {
    expect(matchesQuery(named('EventExport', 'No events match'), text('worker'))).toBe(false);
  });

  it('treats a null name or message as no match, not as the text "null"', () => {
    expect(matchesQuery(named(null, null), text('null'))).toBe(false);
    expect(matchesQuery(named(null, 'ok'), text('ul'))).toBe(false);
  });

  it('applies with the other filters: every one must hold', () => {
    const record = named('EventExport', 'worker lost');
    expect(matchesQuery(record, { text: 'worker', status: ['succeeded'], limit: 1 })).toBe(false);
    expect(matchesQuery(record, { text: 'worker', status: ['failed'], limit: 1 })).toBe(true);
    expect(
      matchesQuery(record, { text: 'worker', since: '2025-03-01T00:00:00.001Z', limit: 1 }),
    ).toBe(false);
  });

  it('matches plain text only: no wildcards or patterns', () => {
    expect(matchesQuery(named('EventExport', null), text('Event*'))).toBe(false);
    expect(matchesQuery(named('Event.Export', null), text('.'))).toBe(true);
    expect(matchesQuery(named('EventExport', null), text('.'))).toBe(false);
  });
});
