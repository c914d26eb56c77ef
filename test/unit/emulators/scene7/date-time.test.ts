import {
  formatDateTime,
  formatJobNameTime,
  parseDateTime,
} from '../../../../src/emulators/scene7/date-time';

describe('formatDateTime', () => {
  it('writes milliseconds and the offset as IPS does', () => {
    const instant = Date.UTC(2007, 9, 24, 23, 12, 32, 297);
    expect(formatDateTime(instant, -420)).toBe('2007-10-24T16:12:32.297-07:00');
    expect(formatDateTime(instant, 0)).toBe('2007-10-24T23:12:32.297Z');
    expect(formatDateTime(instant, 330)).toBe('2007-10-25T04:42:32.297+05:30');
  });
});

describe('formatJobNameTime', () => {
  it('writes the wall clock as in Add_2007-10-24-16:11:07', () => {
    expect(formatJobNameTime(Date.UTC(2007, 9, 24, 23, 11, 7), -420)).toBe('2007-10-24-16:11:07');
  });
});

describe('parseDateTime', () => {
  describe('when the value has an offset', () => {
    it('returns the instant', () => {
      expect(parseDateTime('2007-10-24T16:12:32.297-07:00')).toBe(
        Date.UTC(2007, 9, 24, 23, 12, 32, 297),
      );
      expect(parseDateTime(' 2008-07-31T18:00:00.000Z ')).toBe(Date.UTC(2008, 6, 31, 18));
    });
  });

  describe('when the value has no zone', () => {
    it('reads it as UTC', () => {
      expect(parseDateTime('2025-01-01T00:00:00')).toBe(Date.UTC(2025, 0, 1));
    });
  });

  describe('when the value is not an xsd:dateTime', () => {
    it.each([
      '2025-13-01T00:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-01-01',
      'yesterday',
      '2025-01-01T25:00:00Z',
    ])('returns null for %s', (text) => {
      expect(parseDateTime(text)).toBeNull();
    });
  });
});
