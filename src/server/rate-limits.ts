import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimit } from '../schemas/types/config';

/** The name of the gateway's one quota policy in the RateLimit fields. */
const POLICY = 'default';
/** After a Redis failure, how long limits stay per process before Redis is tried again. */
const SHARED_RETRY_MS = 5000;

/** The outcome of counting one request against a caller's limit. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Requests left in the current window. */
  readonly remaining: number;
  /** Whole seconds until the window starts over (at least 1). */
  readonly resetSeconds: number;
}

/** Counts requests per caller, in memory or, with Redis, shared by every replica. */
export interface RateLimiter {
  /** Counts one request of `caller` against `limit`. */
  consume(caller: string, limit: RateLimit): Promise<RateLimitDecision>;
}

/**
 * The IETF RateLimit-Policy and RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11, §3
 * and §4) of a limit and a decision, as structured-field lists of one item.
 */
export function rateLimitFields(
  limit: RateLimit,
  decision: RateLimitDecision,
): Readonly<Record<'RateLimit-Policy' | 'RateLimit', string>> {
  return {
    'RateLimit-Policy': `"${POLICY}";q=${limit.requests};w=${limit.perSeconds}`,
    RateLimit: `"${POLICY}";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}

function decisionOf(result: RateLimiterRes, allowed: boolean): RateLimitDecision {
  return {
    allowed,
    remaining: Math.max(0, result.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  };
}

interface Limiters {
  readonly local: RateLimiterMemory;
  readonly shared: RateLimiterRedis | undefined;
}

export interface RateLimiterOptions {
  /** When given, limits are counted in Redis, one count for every replica. */
  readonly redis?: { readonly client: Redis; readonly keyPrefix: string };
  readonly logger: Logger;
}

/**
 * Creates the rate limiter: one fixed window per caller (rate-limiter-flexible; the window
 * starts at the caller's first request). With Redis, a Redis failure does not fail requests:
 * limits fall back to this process's memory (each replica then allows up to the limit) and the
 * gateway logs it once; Redis is tried again after SHARED_RETRY_MS. Failing closed would turn a
 * Redis outage into an outage of the gateway for every caller; failing fully open would lift
 * every limit. Limits only come from the config, so there are few limiters.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limiters = new Map<string, Limiters>();
  let sharedDownUntil = 0;

  function limitersOf(limit: RateLimit): Limiters {
    const name = `${limit.requests}:${limit.perSeconds}`;
    let known = limiters.get(name);
    if (known === undefined) {
      const base = { points: limit.requests, duration: limit.perSeconds };
      const redis = options.redis;
      known = {
        local: new RateLimiterMemory({ ...base, keyPrefix: `ratelimit:${name}` }),
        shared:
          redis === undefined
            ? undefined
            : new RateLimiterRedis({
                ...base,
                storeClient: redis.client,
                keyPrefix: `${redis.keyPrefix}ratelimit:${name}`,
                // Not connected: fall back at once instead of queueing behind the reconnect.
                rejectIfRedisNotReady: true,
              }),
      };
      limiters.set(name, known);
    }
    return known;
  }

  async function count(limiter: RateLimiterMemory | RateLimiterRedis, caller: string) {
    try {
      return decisionOf(await limiter.consume(caller), true);
    } catch (error) {
      if (error instanceof RateLimiterRes) return decisionOf(error, false);
      throw error;
    }
  }

  return {
    async consume(caller, limit) {
      const { local, shared } = limitersOf(limit);
      if (shared === undefined || Date.now() < sharedDownUntil) return count(local, caller);
      try {
        const decision = await count(shared, caller);
        if (sharedDownUntil !== 0) {
          sharedDownUntil = 0;
          options.logger.info('rate limits are shared through Redis again');
        }
        return decision;
      } catch (error) {
        if (sharedDownUntil === 0)
          options.logger.warn(
            { err: error },
            'Redis failed: rate limits are counted per process until it answers again',
          );
        sharedDownUntil = Date.now() + SHARED_RETRY_MS;
        return count(local, caller);
      }
    },
  };
}
