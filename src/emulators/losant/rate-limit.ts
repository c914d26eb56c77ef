import type { LosantRateLimit } from './types';

/** A fixed-window counter per caller; `take` says how many seconds to wait when over. */
export class FixedWindowLimiter {
  readonly #limit: LosantRateLimit;
  readonly #windows = new Map<string, { start: number; used: number }>();

  constructor(limit: LosantRateLimit) {
    if (!(limit.requests >= 1) || !(limit.windowMs >= 1)) {
      throw new RangeError('rateLimit needs requests >= 1 and windowMs >= 1');
    }
    this.#limit = limit;
  }

  /** Counts one request of `caller`; undefined when allowed, else the Retry-After in seconds. */
  take(caller: string, now: number = Date.now()): number | undefined {
    let window = this.#windows.get(caller);
    if (window === undefined || now - window.start >= this.#limit.windowMs) {
      window = { start: now, used: 0 };
      this.#windows.set(caller, window);
    }
    window.used += 1;
    if (window.used <= this.#limit.requests) return undefined;
    return Math.max(1, Math.ceil((window.start + this.#limit.windowMs - now) / 1000));
  }
}
