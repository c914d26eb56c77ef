import {
  decodeSkipToken,
  encodeSkipToken,
} from '../../../../src/emulators/business-central/skip-token';

describe('skip tokens', () => {
  describe('when one of ours', () => {
    it('round-trips the position', () => {
      expect(decodeSkipToken(encodeSkipToken(1234))).toEqual({ offset: 1234 });
    });

    it('round-trips the last key, lower case', () => {
      const id = 'F5A6E217-6003-4CB6-8471-628D19BB6788';
      expect(decodeSkipToken(encodeSkipToken(20, id))).toEqual({
        offset: 20,
        after: id.toLowerCase(),
      });
    });
  });
  describe('when forged', () => {
    it.each([
      '',
      'abc',
      '!!',
      Buffer.from('skip:-1').toString('base64url'),
      Buffer.from('skip:3:not-a-guid').toString('base64url'),
    ])('refuses %p with 400', (token) => {
      expect(() => decodeSkipToken(token)).toThrow(
        expect.objectContaining({ status: 400 }) as Error,
      );
    });
  });
});
