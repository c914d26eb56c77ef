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
