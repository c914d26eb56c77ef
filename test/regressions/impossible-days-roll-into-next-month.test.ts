// Regression: xsdDateTimeToUtc read "2026-02-31T00:00:00Z" as 2026-03-03. V8's Date.parse accepts
// any day up to 31 in any month and rolls it over, so an impossible xsd:dateTime became a real,
// different time: a job log's time normalized to the wrong day, and an IPS startDate or endDate
// silently moved. Such a value is now not an xsd:dateTime (undefined), as a month 13 always was.
import fc from 'fast-check';
import { xsdDateTimeToUtc } from '../../src/codec';

describe('xsdDateTimeToUtc and days a month does not have', () => {
  it.each([
    '2026-02-29T00:00:00Z',
    '2026-02-31T12:00:00-08:00',
    '2026-04-31T00:00:00Z',
    '2026-06-31T00:00:00.5Z',
    '2026-09-31T23:59:59+01:00',
    '2026-11-31T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2100-02-29T00:00:00',
  ])('refuses %s', (value) => {
    expect(xsdDateTimeToUtc(value)).toBeUndefined();
  });

  it.each([
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T08:00:00+08:00', '2000-02-29T00:00:00.000Z'],
    ['2026-01-31T23:30:00-01:00', '2026-02-01T00:30:00.000Z'],
    ['2026-12-31T24:00:00Z', '2027-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (value, utc) => {
    expect(xsdDateTimeToUtc(value)).toBe(utc);
  });

  it('agrees with Date for every real day, zone and fraction', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        fc.constantFrom('', '.5', '.25', '.125', '.1234567'),
        (date, offset, fraction) => {
          // The wall time at `offset` of an instant, written with that offset.
          const wall = new Date(date.getTime() + offset * 60_000);
          const zone =
            (offset < 0 ? '-' : '+') +
            pad(Math.floor(Math.abs(offset) / 60)) +
            ':' +
            pad(Math.abs(offset) % 60);
          const text =
            `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
            `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${fraction}${zone}`;
          const millis = Number(`0${fraction}`.slice(0, 5).padEnd(5, '0').slice(2)) || 0;
          const expected = new Date(
            Math.floor(date.getTime() / 1000) * 1000 + millis,
          ).toISOString();
          expect(xsdDateTimeToUtc(text)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
