import { LOG_ENTRY_MODEL } from '../../../../src/emulators/business-central/model';
import {
  nextLinkFor,
  pageOf,
  parseMaxPageSize,
} from '../../../../src/emulators/business-central/paging';
import { parseQueryOptions } from '../../../../src/emulators/business-central/query-options';
import { encodeSkipToken } from '../../../../src/emulators/business-central/skip-token';

const rows = Array.from({ length: 10 }, (_, index) => ({
  objectIdToRun: index % 3,
  userSessionId: index,
}));
const options = (query: string) =>
  parseQueryOptions(new URLSearchParams(query), LOG_ENTRY_MODEL, 'collection');
const ids = (query: string, size: number) =>
  pageOf(rows, (row) => row, options(query), size).page.map((row) => row.userSessionId);

describe('pageOf', () => {
  describe('when the collection is longer than a page', () => {
    it('cuts pages and says where the next one starts', () => {
      expect(pageOf(rows, (row) => row, options(''), 4)).toMatchObject({
        count: 10,
        nextOffset: 4,
      });
      expect(ids(`$skiptoken=${encodeSkipToken(8)}`, 4)).toEqual([8, 9]);
      expect(
        pageOf(rows, (row) => row, options(`$skiptoken=${encodeSkipToken(8)}`), 4).nextOffset,
      ).toBeUndefined();
    });
  });

  describe('when $top, $skip and $orderby are given', () => {
    it('pages inside the $skip/$top window, ties kept in key order', () => {
      expect(ids('$orderby=objectIdToRun desc&$skip=1&$top=5', 3)).toEqual([5, 8, 1]);
      expect(
        ids(`$orderby=objectIdToRun desc&$skip=1&$top=5&$skiptoken=${encodeSkipToken(3)}`, 3),
      ).toEqual([4, 7]);
      expect(ids('$top=0', 3)).toEqual([]);
    });
  });
});

describe('pageOf with rows appended between pages', () => {
  // Rows with ids (SystemIds) and a start time; the newest first, as the gateway asks.
  const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const entry = (n: number, start: string) => ({ id: guid(n), startDateTime: start });
  const base = Array.from({ length: 6 }, (_, n) => entry(n, `2026-01-0${n + 1}T00:00:00Z`));
  const query = '$orderby=startDateTime desc,id desc&$top=5';
  const page = (items: typeof base, extra = '') =>
    pageOf(items, (row) => row, options(`${query}${extra}`), 2);

  describe('when a newer row arrives after the first page', () => {
    it('neither repeats a row nor skips one, and $top still counts what was sent', () => {
      const first = page(base);
      expect(first.page.map((row) => row.id)).toEqual([guid(5), guid(4)]);
      const grown = [...base, entry(6, '2026-02-01T00:00:00Z')];
      const token = encodeSkipToken(first.nextOffset!, first.lastKey);
      const second = page(grown, `&$skiptoken=${token}`);
      expect(second.page.map((row) => row.id)).toEqual([guid(3), guid(2)]);
      const third = page(
        grown,
        `&$skiptoken=${encodeSkipToken(second.nextOffset!, second.lastKey)}`,
      );
      expect(third.page.map((row) => row.id)).toEqual([guid(1)]);
      expect(third.nextOffset).toBeUndefined();
    });
  });

  describe('when a late row arrives inside pages not yet read', () => {
    it('serves it in its place', () => {
      const first = page(base);
      const grown = [...base, entry(7, '2026-01-03T12:00:00Z')];
      const second = page(
        grown,
        `&$skiptoken=${encodeSkipToken(first.nextOffset!, first.lastKey)}`,
      );
      expect(second.page.map((row) => row.id)).toEqual([guid(3), guid(7)]);
    });
  });
});

describe('parseMaxPageSize', () => {
  describe('when Prefer asks for a page size', () => {
    it.each([
      ['odata.maxpagesize=50', 50],
      ['return=minimal, odata.maxpagesize=7', 7],
      ['maxpagesize=9', 9],
      ['odata.maxpagesize="12"', 12],
    ])('reads %p as %i', (prefer, size) => {
      expect(parseMaxPageSize(prefer)).toBe(size);
    });
  });
  describe('when it does not', () => {
    it.each([undefined, '', 'odata.maxpagesize=0', 'odata.maxpagesize=abc', 'respond-async'])(
      'ignores %p',
      (prefer) => {
        expect(parseMaxPageSize(prefer)).toBeUndefined();
      },
    );
  });
});

describe('nextLinkFor', () => {
  describe('when given the request URL', () => {
    it('keeps every option and sets $skiptoken, readable', () => {
      const link = nextLinkFor(
        new URL(
          "http://h/v2.0/t/e/api/v2.0/companies(c)/jobQueueLogEntries?$filter=status eq 'Error'&$top=5&$skiptoken=x",
        ),
        10,
      );
      expect(link).toBe(
        `http://h/v2.0/t/e/api/v2.0/companies(c)/jobQueueLogEntries?$filter=status%20eq%20%27Error%27&$top=5&$skiptoken=${encodeSkipToken(10)}`,
      );
    });
  });
});

describe('parseQueryOptions', () => {
  describe('when an option is bad', () => {
    it.each([
      ['$top=-1', "Invalid value '-1' for $top query option found."],
      ['$skip=x', "Invalid value 'x' for $skip query option found."],
      ['$top=1&$top=2', "Query option '$top' was specified more than once"],
      ['$apply=groupby', "The query parameter '$apply' is not supported."],
      ['$select=nope', "Could not find a property named 'nope'"],
      ['$orderby=status sideways', 'Syntax error in'],
      ['$orderby=errorCallStack', 'cannot be used in the $orderby query option'],
      ['$expand=jobQueueEntry', "Could not find a property named 'jobQueueEntry'"],
      ['$count=yes', "'yes' is not a valid count option."],
    ])('%p is refused', (query, message) => {
      expect(() => options(query)).toThrow(
        expect.objectContaining({
          status: 400,
          message: expect.stringContaining(message) as string,
        }) as Error,
      );
    });

    it('allows only $select on one entity', () => {
      expect(() =>
        parseQueryOptions(new URLSearchParams('$top=1'), LOG_ENTRY_MODEL, 'entity'),
      ).toThrow(expect.objectContaining({ status: 400 }) as Error);
    });
  });

  describe('when options are fine', () => {
    it('ignores custom options and reads $select, $count, $schemaversion', () => {
      expect(options('company=x&$select=id,status&$count=true&$schemaversion=2.0')).toMatchObject({
        select: ['id', 'status'],
        count: true,
        skip: 0,
        offset: 0,
      });
    });
  });
});
