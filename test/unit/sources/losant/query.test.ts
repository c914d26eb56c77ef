import { UNIFIED_STATUSES } from '../../../../src/contract';
import fc from 'fast-check';
import { compileQueryValidator } from '../../../../src/emulators/losant';
import type { JobLogQuery } from '../../../../src/contract';
import { decodeRecordKey, encodeRecordKey } from '../../../../src/sources/losant/key';
import { listParams, planList, TIME_FIELD } from '../../../../src/sources/losant/query';

const STATUSES = UNIFIED_STATUSES;

describe('planList', () => {
  describe('when the query has no filter', () => {
    it('pushes nothing down and asks one record more than the limit per page', () => {
      expect(planList({ limit: 20 }, 100)).toEqual({
        canMatch: true,
        filter: undefined,
        perPage: 21,
      });
    });

    it('keeps the configured perPage when the limit is larger', () => {
      expect(planList({ limit: 500 }, 100).perPage).toBe(100);
    });
  });

  describe('when the query has a time range', () => {
    it('filters runQueuedAt with $gte since and $lt until, in UTC', () => {
      const plan = planList(
        { since: '2025-06-01T02:00:00+02:00', until: '2025-07-01T00:00:00Z', limit: 10 },
        100,
      );
      expect(plan.filter).toEqual({
        [TIME_FIELD]: { $gte: '2025-06-01T00:00:00.000Z', $lt: '2025-07-01T00:00:00.000Z' },
      });
    });

    it('sends only the bound that is given', () => {
      expect(planList({ since: '2025-06-01T00:00:00Z', limit: 1 }, 100).filter).toEqual({
        runQueuedAt: { $gte: '2025-06-01T00:00:00.000Z' },
      });
      expect(planList({ until: '2025-06-01T00:00:00Z', limit: 1 }, 100).filter).toEqual({
        runQueuedAt: { $lt: '2025-06-01T00:00:00.000Z' },
      });
    });

    it('throws GW_ERR_INVALID_PARAMETER for a date it cannot read', () => {
      expect(() => planList({ since: 'soon', limit: 1 }, 100)).toThrow(
        expect.objectContaining({ code: 'GW_ERR_INVALID_PARAMETER', parameter: 'since' }),
      );
    });
  });

  describe('when the query has statuses', () => {
    it.each([
      [['queued'], ['queued']],
      [['running'], ['inProgress']],
      [['succeeded'], ['completed']],
      [['failed'], ['errored', 'failed']],
      [
        ['succeeded', 'warning', 'failed'],
        ['completed', 'errored', 'failed'],
      ],
    ] as const)('maps %j to status $in %j', (status, natives) => {
      expect(planList({ status, limit: 5 }, 100).filter).toEqual({ status: { $in: natives } });
    });

    it('pushes `unknown` down as $nin of the statuses not asked (absent status matches $nin)', () => {
      expect(planList({ status: ['unknown', 'failed'], limit: 5 }, 100)).toEqual({
        canMatch: true,
        filter: { status: { $nin: ['queued', 'inProgress', 'completed'] } },
        perPage: 6,
      });
      expect(planList({ status: ['unknown'], limit: 5 }, 100).filter).toEqual({
        status: { $nin: ['queued', 'inProgress', 'completed', 'errored', 'failed'] },
      });
    });

    it('pushes no status down when every status is asked', () => {
      const all = ['queued', 'running', 'succeeded', 'warning', 'failed', 'unknown'] as const;
      expect(planList({ status: all, limit: 5 }, 100).filter).toBeUndefined();
    });

    it('plans no call when only `warning` is asked: no Losant status maps to it', () => {
      expect(planList({ status: ['warning'], limit: 5 }, 100).canMatch).toBe(false);
    });
  });

  describe('for any query', () => {
    const queries: fc.Arbitrary<JobLogQuery> = fc.record(
      {
        since: fc
          .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
          .map((d) => d.toISOString()),
        until: fc
          .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
          .map((d) => d.toISOString()),
        status: fc.uniqueArray(fc.constantFrom(...STATUSES), { minLength: 1 }),
        limit: fc.integer({ min: 1, max: 1000 }),
      },
      { requiredKeys: ['limit'] },
    );
    const validateQuery = compileQueryValidator();

    it('builds a `query` that Losant’s Advanced Application Job Log Query accepts', () => {
      fc.assert(
        fc.property(queries, fc.integer({ min: 1, max: 1000 }), (query, perPage) => {
          const plan = planList(query, perPage);
          const sent = listParams(plan, 0).get('query');
          return sent === null || validateQuery(JSON.parse(sent));
        }),
      );
    });

    it('asks between 1 and perPage records per page', () => {
      fc.assert(
        fc.property(queries, fc.integer({ min: 1, max: 1000 }), (query, perPage) => {
          const size = planList(query, perPage).perPage;
          return size >= 1 && size <= perPage && size <= query.limit + 1;
        }),
      );
    });
  });
});

describe('listParams', () => {
  it('asks newest first by runQueuedAt, with the page and the JSON-stringified query', () => {
    const plan = planList({ status: ['queued'], limit: 9 }, 100);
    expect(Object.fromEntries(listParams(plan, 3))).toEqual({
      sortField: 'runQueuedAt',
      sortDirection: 'desc',
      page: '3',
      perPage: '10',
      query: '{"status":{"$in":["queued"]}}',
    });
  });

  it('sends no query parameter when nothing is pushed down', () => {
    expect(listParams(planList({ limit: 1 }, 100), 0).has('query')).toBe(false);
  });
});

describe('encodeRecordKey / decodeRecordKey', () => {
  it('round-trips every Losant id', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-fA-F]{24}$/),
        (id) => decodeRecordKey(encodeRecordKey(id)) === id,
      ),
    );
  });

  it.each([
    ['text that is not base64url', 'not base64!'],
    ['a key of something else', Buffer.from('job-42').toString('base64url')],
    ['a non-canonical spelling', `${encodeRecordKey('575ec76c7ae143cd83dc4a96')}A`],
    ['an over-long key', 'A'.repeat(100)],
  ])('refuses %s', (_case, key) => {
    expect(decodeRecordKey(key)).toBeUndefined();
  });
});
