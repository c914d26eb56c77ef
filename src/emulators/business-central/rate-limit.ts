import type { RateLimit } from './types';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Retry-After when the bucket never refills and no fixed value is configured. */
const NO_REFILL_RETRY_SECONDS = 60;

/** Checks a rate limit; throws RangeError when it cannot work. */
export function checkRateLimit(limit: RateLimit): void {
  if (!(limit.capacity >= 1) || !Number.isFinite(limit.capacity)) {
    throw new RangeError(`rate limit capacity must be >= 1, not ${limit.capacity}`);
  }
  if (!(limit.refillPerSecond >= 0) || !Number.isFinite(limit.refillPerSecond)) {
    throw new RangeError(`rate limit refillPerSecond must be >= 0, not ${limit.refillPerSecond}`);
  }
  const fixed = limit.retryAfterSeconds;
  if (fixed !== undefined && (!Number.isInteger(fixed) || fixed < 0)) {
    throw new RangeError(`rate limit retryAfterSeconds must be an integer >= 0, not ${fixed}`);
  }
}

/**
 * Token buckets per client (BC throttles per user or service principal, §8). `take` spends one
 * token; when none is left it says how many whole seconds until one is back (the Retry-After).
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #now: () => number;
  #limit: RateLimit | undefined;

  constructor(limit: RateLimit | undefined, now: () => number) {
    if (limit !== undefined) checkRateLimit(limit);
    this.#limit = limit;
    this.#now = now;
  }

  /** Replaces the limit (undefined lifts it); every bucket starts full again. */
  set(limit: RateLimit | undefined): void {
    if (limit !== undefined) checkRateLimit(limit);
    this.#limit = limit;
    this.#buckets.clear();
  }

  /** Spends one request of `clientId`: undefined when allowed, else the Retry-After in seconds. */
  take(clientId: string): number | undefined {
    const limit = this.#limit;
    if (limit === undefined) return undefined;
    const now = this.#now();
    const bucket = this.#buckets.get(clientId) ?? { tokens: limit.capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(limit.capacity, bucket.tokens + elapsed * limit.refillPerSecond);
    bucket.updatedAt = now;
    this.#buckets.set(clientId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    if (limit.retryAfterSeconds !== undefined) return limit.retryAfterSeconds;
    if (limit.refillPerSecond === 0) return NO_REFILL_RETRY_SECONDS;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.refillPerSecond));
  }
}
