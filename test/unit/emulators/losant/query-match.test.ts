import { compileQuery, QueryError } from '../../../../src/emulators/losant/query-match';
import type { LosantJobLog } from '../../../../src/schemas/types/losant-job-log';

const log: LosantJobLog = {
  id: '575ec76c7ae143cd83dc4a96',
  name: 'ArchiveData',
  runQueuedAt: '2025-06-10T04:00:00.000Z',
  runStartedAt: '2025-06-10T04:00:01.000Z',
  status: 'inProgress',
};

describe('compileQuery', () => {
  describe('when a field is missing from the record', () => {
    it.each([
      [{ runCompletedAt: null }, true],
      [{ runCompletedAt: { $eq: null } }, true],
      [{ runCompletedAt: { $ne: null } }, false],
      [{ runCompletedAt: { $ne: '2025-06-10T04:00:00Z' } }, true],
      [{ runCompletedAt: { $nin: ['2025-06-10T04:00:00Z'] } }, true],
      [{ runCompletedAt: { $gte: 0 } }, false],
      [{ runCompletedAt: { $lte: '2100-01-01T00:00:00Z' } }, false],
      [{ resourceType: { $startsWith: 'a' } }, false],
    ])('matches %j: %s (MongoDB semantics)', (query, expected) => {
      expect(compileQuery(query)(log)).toBe(expected);
    });
  });

  describe('when comparing dates', () => {
    it.each([
      [{ runQueuedAt: { $gte: '2025-06-10T06:00:00+02:00' } }, true],
      [{ runQueuedAt: { $gt: '2025-06-10T04:00:00Z' } }, false],
      [{ runQueuedAt: { $lt: Date.UTC(2025, 5, 10, 4, 0, 1) } }, true],
      [{ runQueuedAt: '2025-06-10T04:00:00Z' }, true],
      [{ runQueuedAt: { $in: [Date.UTC(2025, 5, 10, 4)] } }, true],
    ])('compares instants, whatever the spelling: %j -> %s', (query, expected) => {
      expect(compileQuery(query)(log)).toBe(expected);
    });

    it('refuses a string that is no date with QueryError', () => {
      expect(() => compileQuery({ runStartedAt: { $lt: 'tomorrow' } })).toThrow(QueryError);
    });
  });

  describe('when comparing text', () => {
    it.each([
      [{ name: { $gt: 'A', $lt: 'B' } }, true],
      [{ name: { $contains: 'data' } }, false],
      [{ name: { $contains: 'data', $ci: true } }, true],
      [{ name: { $in: ['archivedata'], $ci: true } }, true],
      [{ name: { $endsWith: 'Data', $startsWith: 'Arch' } }, true],
      [{ name: { $gt: 5 } }, false],
    ])('%j -> %s', (query, expected) => {
      expect(compileQuery(query)(log)).toBe(expected);
    });
  });

  describe('when combining queries', () => {
    it.each([
      [{ $and: [{ status: 'inProgress' }, { name: 'ArchiveData' }] }, true],
      [{ $or: [{ status: 'queued' }, { name: 'ArchiveData' }] }, true],
      [{ $nor: [{ status: 'queued' }, { name: 'ArchiveData' }] }, false],
      [{ $and: [] }, true],
      [{ $or: [{ $and: [{ status: 'queued' }] }, { $nor: [{ status: 'completed' }] }] }, true],
    ])('%j -> %s', (query, expected) => {
      expect(compileQuery(query)(log)).toBe(expected);
    });
  });
});
