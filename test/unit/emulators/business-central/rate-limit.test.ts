import { RateLimiter } from '../../../../src/emulators/business-central/rate-limit';

describe('RateLimiter', () => {
  let time = 0;
  const now = (): number => time;

  describe('when a client spends its bucket', () => {
    it('answers the seconds until one request is back, then allows it', () => {
      time = 0;
      const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 0.5 }, now);
      expect(limiter.take('a')).toBeUndefined();
      expect(limiter.take('a')).toBeUndefined();
      expect(limiter.take('a')).toBe(2);
      time += 1000;
      expect(limiter.take('a')).toBe(1);
      time += 1000;
      expect(limiter.take('a')).toBeUndefined();
    });

    it('keeps other clients apart', () => {
      const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0 }, now);
      expect(limiter.take('a')).toBeUndefined();
      expect(limiter.take('a')).toBe(60);
      expect(limiter.take('b')).toBeUndefined();
    });
  });

  describe('when a fixed Retry-After is configured', () => {
    it('answers it', () => {
      const limiter = new RateLimiter(
        { capacity: 1, refillPerSecond: 10, retryAfterSeconds: 0 },
        now,
      );
      limiter.take('a');
      expect(limiter.take('a')).toBe(0);
    });
  });

  describe('when the limit changes', () => {
    it('lifts it, or starts with full buckets', () => {
      const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0 }, now);
      limiter.take('a');
      limiter.set({ capacity: 1, refillPerSecond: 0 });
      expect(limiter.take('a')).toBeUndefined();
      limiter.set(undefined);
      expect(limiter.take('a')).toBeUndefined();
    });

    it.each([
      [{ capacity: 0, refillPerSecond: 1 }],
      [{ capacity: 1, refillPerSecond: -1 }],
      [{ capacity: 1, refillPerSecond: 1, retryAfterSeconds: 1.5 }],
    ])('refuses %j', (limit) => {
      expect(() => new RateLimiter(limit, now)).toThrow(RangeError);
    });
  });
});
