/**
 * The admin route's guard, called with made-up peers: this proves the decision for a given
 * remote address and Host header, not that the socket reports them (the integration test in
 * test/integration/emulators/append.test.ts does that over a non-loopback interface, where one
 * exists).
 */
import {
  isLoopbackAddress,
  isLoopbackHost,
  mayAdminister,
} from '../../../../src/emulators/shared/admin';

const peer = (remoteAddress: string | undefined, host: string | undefined) =>
  ({ socket: { remoteAddress }, headers: host === undefined ? {} : { host } }) as Parameters<
    typeof mayAdminister
  >[0];

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    'accepts %s',
    (address) => {
      expect(isLoopbackAddress(address)).toBe(true);
    },
  );
  it.each([
    undefined,
    '',
    '192.0.2.7',
    '10.0.0.1',
    '0.0.0.0',
    '::',
    '::ffff:192.0.2.7',
    'fe80::1',
    '1::1',
    'localhost',
    '128.0.0.1',
  ])('refuses %p', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1:8080',
    '127.0.0.1',
    'localhost:3000',
    'LOCALHOST',
    'api.localhost',
    '[::1]:80',
  ])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each([
    undefined,
    '',
    'evil.example:80',
    '192.0.2.7:80',
    '[fe80::1]',
    'localhost.evil.example',
    'a b',
  ])('refuses %p', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('mayAdminister', () => {
  describe('when the peer is on loopback and names a loopback host', () => {
    it('allows it', () => {
      expect(mayAdminister(peer('127.0.0.1', '127.0.0.1:5000'))).toBe(true);
      expect(mayAdminister(peer('::1', 'localhost:5000'))).toBe(true);
    });
  });
  describe('when the peer is elsewhere, whatever host it names', () => {
    it('refuses it', () => {
      expect(mayAdminister(peer('192.0.2.7', '127.0.0.1:5000'))).toBe(false);
      expect(mayAdminister(peer(undefined, '127.0.0.1:5000'))).toBe(false);
    });
  });
  describe('when a loopback peer names another host (a DNS-rebinding page)', () => {
    it('refuses it', () => {
      expect(mayAdminister(peer('127.0.0.1', 'evil.example:5000'))).toBe(false);
      expect(mayAdminister(peer('127.0.0.1', undefined))).toBe(false);
    });
  });
});
