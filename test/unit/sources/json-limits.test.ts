import Ajv2020 from 'ajv/dist/2020';
import { jsonLimitExceeded, RECORD_LIMITS } from '../../../src/sources/json-limits';
import { checkAgainst, splitRecords } from '../../../src/sources/records';

/** `{"a":{"a":...1}}` with `depth` objects, parsed from text (as an upstream's record would be). */
const nested = (depth: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

describe('jsonLimitExceeded', () => {
  const limits = { maxDepth: 3, maxChars: 100 };

  it('accepts a value exactly at the depth limit and refuses one level more', () => {
    expect(jsonLimitExceeded(nested(3), limits)).toBeUndefined();
    expect(jsonLimitExceeded(nested(4), limits)).toBe('is nested deeper than 3 levels');
    expect(jsonLimitExceeded([[[1]]], limits)).toBeUndefined();
    expect(jsonLimitExceeded([[[[1]]]], limits)).toBe('is nested deeper than 3 levels');
  });

  it('counts scalars as no level', () => {
    expect(jsonLimitExceeded('text', { maxDepth: 1, maxChars: 100 })).toBeUndefined();
    expect(jsonLimitExceeded({ a: 1, b: 'x', c: null }, { maxDepth: 1, maxChars: 100 })).toBe(
      undefined,
    );
  });

  it('measures 100,000 levels without overflowing the stack', () => {
    expect(jsonLimitExceeded(nested(100_000), RECORD_LIMITS)).toBe(
      'is nested deeper than 64 levels',
    );
  });

  it('counts the characters JSON.stringify would write, without escapes', () => {
    const values: unknown[] = [
      { id: 'abc', list: [1, 22, true, false, null], nested: { k: 'v' } },
      [],
      {},
      ['x', { '': 0 }],
    ];
    for (const value of values) {
      const length = JSON.stringify(value).length;
      expect(jsonLimitExceeded(value, { maxDepth: 10, maxChars: length })).toBeUndefined();
      expect(jsonLimitExceeded(value, { maxDepth: 10, maxChars: length - 1 })).toBe(
        `is larger than ${length - 1} characters of JSON`,
      );
    }
  });

  it('refuses a huge array before listing its items', () => {
    const huge = new Array<number>(5_000_000).fill(0);
    const started = Date.now();
    expect(jsonLimitExceeded(huge, RECORD_LIMITS)).toMatch(/larger than/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('checkAgainst with the record limits', () => {
  const check = checkAgainst(new Ajv2020().compile({ type: 'object' }));

  it('reports a record nested deeper than 64 levels at its root, before any schema runs', () => {
    expect(check({ id: 'x', input: nested(63) })).toBeUndefined();
    expect(check({ id: 'x', input: nested(64) })).toEqual({
      pointer: '',
      message: 'the record is nested deeper than 64 levels',
    });
  });

  it('reports a record over 1 MiB of JSON', () => {
    expect(check({ id: 'x', output: 'y'.repeat(1024 * 1024) })).toEqual({
      pointer: '',
      message: 'the record is larger than 1048576 characters of JSON',
    });
  });

  it('lets splitRecords keep the other records of the answer', () => {
    const { records, invalid } = splitRecords(
      [{ id: 'a' }, { id: 'b', input: nested(5_000) }],
      check,
      {
        sourceId: 'src',
        strict: false,
        schemaName: 'the test schema',
        locate: (offset) => ({ index: offset, pointer: `/items/${offset}` }),
      },
    );
    expect(records).toEqual([{ id: 'a' }]);
    expect(invalid).toEqual([
      { index: 1, pointer: '/items/1', message: 'the record is nested deeper than 64 levels' },
    ]);
  });
});
