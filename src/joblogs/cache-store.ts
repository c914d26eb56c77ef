import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Where cached reads are kept: in this process's memory, or in Redis for every replica. */
export interface CacheStore {
  /** The value stored under `key` and not yet expired, or undefined (also when the store fails). */
  get(key: string): Promise<unknown>;
  /** Keeps `value` (JSON-safe) for `ttlMs`; never throws. */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
}

/** Entries a memory store keeps before it drops the least recently used. */
export const DEFAULT_MAX_ENTRIES = 1000;

/**
 * A bounded in-memory store: at most `maxEntries` entries, the least recently used dropped first
 * (a Map keeps insertion order; a hit moves its entry to the end). Expired entries are dropped
 * when read, or when they reach the front. Values are kept by reference: the read path never
 * mutates a page it got from a source.
 */
export function createMemoryStore(
  options: { readonly maxEntries?: number; readonly now?: () => number } = {},
): CacheStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { readonly value: unknown; readonly expires: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return Promise.resolve(undefined);
      entries.delete(key);
      if (entry.expires <= now()) return Promise.resolve(undefined);
      entries.set(key, entry);
      return Promise.resolve(entry.value);
    },
    set(key, value, ttlMs) {
      entries.delete(key);
      entries.set(key, { value, expires: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      return Promise.resolve();
    },
  };
}

/**
 * A store in Redis (the process's one client, the rate limits' too), shared by every replica:
 * `SET <keyPrefix>cache:<key> <JSON> PX <ttl>`. A Redis failure never fails a read: the entry is
 * treated as missing (the source is called) and the failure is logged once, until Redis answers
 * again.
 */
export function createRedisStore(options: {
  readonly client: Redis;
  readonly keyPrefix: string;
  readonly logger: Logger;
}): CacheStore {
  const { client, keyPrefix, logger } = options;
  let failing = false;
  const failed = (error: unknown): undefined => {
    if (!failing) {
      failing = true;
      logger.warn({ err: error }, 'Redis failed: cached reads call their sources until it answers');
    }
    return undefined;
  };
  const answered = (): void => {
    if (!failing) return;
    failing = false;
    logger.info('the response cache is in Redis again');
  };
  return {
    async get(key) {
      try {
        const text = await client.get(`${keyPrefix}cache:${key}`);
        answered();
        return text === null ? undefined : (JSON.parse(text) as unknown);
      } catch (error) {
        return failed(error);
      }
    },
    async set(key, value, ttlMs) {
      try {
        await client.set(`${keyPrefix}cache:${key}`, JSON.stringify(value), 'PX', ttlMs);
        answered();
      } catch (error) {
        failed(error);
      }
    },
  };
}
