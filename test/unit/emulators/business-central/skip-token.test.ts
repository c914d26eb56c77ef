import {
  decodeSkipToken,
  encodeSkipToken,
} from '../../../../src/emulators/business-central/skip-token';

describe('skip tokens', () => {
  describe('when one of ours', () => {
    it('round-trips', () => {
      expect(decodeSkipToken(encodeSkipToken(1234))).toBe(1234);
    });
  });
  describe('when forged', () => {
    it.each(['', 'abc', '!!', Buffer.from('skip:-1').toString('base64url')])(
      'refuses %p with 400',
      (token) => {
        expect(() => decodeSkipToken(token)).toThrow(
          expect.objectContaining({ status: 400 }) as Error,
        );
      },
    );
  });
});
