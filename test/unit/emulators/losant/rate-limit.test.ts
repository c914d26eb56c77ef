import { FixedWindowLimiter } from '../../../../src/emulators/losant/rate-limit';

describe('FixedWindowLimiter', () => {
  describe('when a caller is within its window', () => {
    it('allows the configured number of requests, then says how long to wait', () => {
      const limiter = new FixedWindowLimiter({ requests: 2, windowMs: 10_000 });
      expect(limiter.take('a', 0)).toBeUndefined();
      expect(limiter.take('a', 1_000)).toBeUndefined();
      expect(limiter.take('a', 2_500)).toBe(8);
      expect(limiter.take('b', 2_500)).toBeUndefined();
    });
  });

  describe('when the window has passed', () => {
    it('starts a new one', () => {
      const limiter = new FixedWindowLimiter({ requests: 1, windowMs: 1_000 });
      expect(limiter.take('a', 0)).toBeUndefined();
      expect(limiter.take('a', 999)).toBe(1);
      expect(limiter.take('a', 1_000)).toBeUndefined();
    });
  });

  describe('when configured with nothing to allow', () => {
    it('throws RangeError', () => {
      expect(() => new FixedWindowLimiter({ requests: 0, windowMs: 1 })).toThrow(RangeError);
    });
  });
});
