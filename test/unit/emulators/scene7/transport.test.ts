import { acceptsGzip, shouldGzip } from '../../../../src/emulators/scene7/transport';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['gzip;q=0', false],
    ['identity', false],
    [undefined, false],
  ])('reads %s as %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('shouldGzip', () => {
  it('lets authHeader/gzipResponse override Accept-Encoding', () => {
    expect(shouldGzip(false, 'gzip')).toBe(false);
    expect(shouldGzip(true, undefined)).toBe(true);
    expect(shouldGzip(null, 'gzip')).toBe(true);
  });
});
