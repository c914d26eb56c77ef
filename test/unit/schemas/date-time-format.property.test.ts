import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { isDateTime } from '../../../src/schemas/date-time-format';
import { createSchemaRegistry } from '../../../src/schemas/registry';
import type * as RegistryModule from '../../../src/schemas/registry';
import { unifiedRecord } from '../../helpers/unified-record';

/** ajv-formats' own full-mode `date-time` check: what isDateTime must agree with. */
const reference = (fullFormats['date-time'] as { validate: (text: string) => boolean }).validate;

const digits = (count: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: count, maxLength: count });
const twoDigit = fc.oneof(
  digits(2).map((d) => d.join('')),
  fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
);
const separator = fc.constantFrom('T', 't', ' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', 'x', '');
const zone = fc.oneof(
  fc.constantFrom('Z', 'z', '', 'Zz', '+', '-', '+0', '+05:', 'UTC'),
  fc
    .tuple(fc.constantFrom('+', '-'), twoDigit, fc.constantFrom('', ':', '::'), twoDigit)
    .map(([sign, h, colon, m]) => `${sign}${h}${colon}${m}`),
  fc.tuple(fc.constantFrom('+', '-'), twoDigit).map(([sign, h]) => `${sign}${h}`),
);
const fraction = fc.oneof(
  fc.constant(''),
  fc.constant('.'),
  digits(3).map((d) => `.${d.join('')}`),
  fc.integer({ min: 1, max: 30 }).map((n) => `.${'9'.repeat(n)}`),
);
/** Strings shaped like date-times, near and across every boundary the format draws. */
const dateTimeLike = fc
  .tuple(
    fc.oneof(
      digits(4).map((d) => d.join('')),
      fc.constantFrom('2000', '1900', '2024', '2023', '0000', '9999'),
    ),
    fc.constantFrom('-', '/'),
    twoDigit,
    fc.constantFrom('-'),
    twoDigit,
    separator,
    fc.oneof(twoDigit, fc.constantFrom('23', '24', '00')),
    fc.constantFrom(':', ':', '.'),
    fc.oneof(twoDigit, fc.constantFrom('59', '00')),
    fc.constantFrom(':'),
    fc.oneof(twoDigit, fc.constantFrom('59', '60', '61')),
    fraction,
    zone,
  )
  .map((parts) => parts.join(''));

describe('the date-time format (isDateTime)', () => {
  it('accepts exactly what ajv-formats accepts, on date-time-shaped strings', () => {
    fc.assert(
      fc.property(dateTimeLike, (text) => isDateTime(text) === reference(text)),
      { numRuns: 20_000 },
    );
  });

  it('accepts exactly what ajv-formats accepts, on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => isDateTime(text) === reference(text)),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['2026-02-03T09:42:09.113-08:00', true],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['1900-02-29T00:00:00Z', false],
    ['2000-02-29T00:00:00Z', true],
    ['2026-13-01T00:00:00Z', false],
    ['2026-04-31T00:00:00Z', false],
    ['2026-01-01T00:00:00', false],
    ['2026-01-01 00:00:00+0530', true],
    ['2026-01-01t00:00:00z', true],
    ['2026-01-01T23:59:60Z', true],
    ['2026-01-01T23:59:60.5Z', true],
    ['2026-01-01T22:59:60Z', false],
    ['2026-01-01T15:59:60-08:00', true],
    ['2026-01-01T24:59:00+01:00', true],
    ['2026-01-01T23:59:59.99999999999999999Z', true],
    ['2026-01-01T12:00:00.Z', false],
    ['2026-01-01T12:00:00+24:00', false],
    ['2026-01-01TT12:00:00Z', false],
    ['2026-01-01T12:00:00Z ', false],
  ])('%s: %s, as ajv-formats says', (text, expected) => {
    expect(reference(text)).toBe(expected);
    expect(isDateTime(text)).toBe(expected);
  });

  it("is the date-time format of both of the registry's ajv instances", () => {
    // Wired in: with the definition replaced by one that refuses everything, valid dates fail.
    jest.isolateModules(() => {
      jest.doMock('../../../src/schemas/date-time-format', () => ({
        dateTimeFormat: { type: 'string', validate: () => false },
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const isolated = require('../../../src/schemas/registry') as typeof RegistryModule;
      const losant = isolated.createSchemaRegistry().validator('losant-job-log');
      expect(losant({ id: '575ec76c7ae143cd83dc4a96', runQueuedAt: '2024-02-29T10:00:00Z' })).toBe(
        false,
      );
    });
    jest.dontMock('../../../src/schemas/date-time-format');

    const registry = createSchemaRegistry();
    const unified = registry.validator('unified-job-log');
    const record = (time: string) => unifiedRecord('losant-a', '1', time);
    expect(unified(record('2024-02-29T10:00:00Z'))).toBe(true);
    expect(unified(record('2023-02-29T10:00:00Z'))).toBe(false);
    expect(unified.errors?.[0]).toMatchObject({
      keyword: 'format',
      params: { format: 'date-time' },
    });
    // Losant's published schema is draft-07, served by the other instance.
    const losant = registry.validator('losant-job-log');
    expect(losant({ id: '575ec76c7ae143cd83dc4a96', runQueuedAt: '2024-02-29T10:00:00Z' })).toBe(
      true,
    );
    expect(losant({ id: '575ec76c7ae143cd83dc4a96', runQueuedAt: '2024-02-30T10:00:00Z' })).toBe(
      false,
    );
  });
});
