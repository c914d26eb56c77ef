/**
 * The watch store shared by replicas through Redis: leases with fencing tokens, one Lua script per
 * commit, the outbox as a capped Redis Stream that every replica tails, delivery jobs in a hash
 * and a sorted set of due times.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DeliveryJob, SourceMark, StoredEvent, WatchEvent, WatchStore } from '../types';
import { defineWatchScripts } from './redis-scripts';
import { createStreamTail } from './redis-tail';
import {
  checkCount,
  DEFAULT_BUFFER_SIZE,
  emptyMark,
  eventFields,
  isDeliveryJob,
  isSourceMark,
  isWatchEvent,
  storedEvent,
} from './shape';
import { compareStreamIds, parseStreamId } from './stream-id';

export interface RedisWatchStoreOptions {
  /** The process's shared client (fails fast; the store duplicates it for the blocking tail). */
  readonly client: Redis;
  /** Put before every key, e.g. `joblog-gateway:`. */
  readonly keyPrefix: string;
  /** Events the stream keeps at least (MAXLEN ~ trims lazily, so it may keep a few more). */
  readonly bufferSize?: number;
  readonly logger: Logger;
}

/** The store's keys, all under the prefix. */
export function watchKeys(keyPrefix: string) {
  const base = `${keyPrefix}watch:`;
  return {
    mark: (source: string) => `${base}mark:${source}`,
    lease: (source: string) => `${base}lease:${source}`,
    fence: (source: string) => `${base}fence:${source}`,
    events: `${base}events`,
    jobs: `${base}jobs`,
    due: `${base}due`,
  } as const;
}

/**
 * Time a lease's holder gives up before its TTL ends: Redlock's allowance for clock drift between
 * the holder and Redis (1% of the TTL plus 2 ms, redis.io "Distributed locks with Redis"). The
 * time the request took is already counted, as validUntil starts before the request is sent.
 */
function safetyMargin(ttlMs: number): number {
  return Math.ceil(ttlMs * 0.01) + 2;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The Redis store. Redis failures reject (a commit, a lease call or a claim is not retried
 * here: the watcher and the dispatcher decide); the live tail alone retries on its own.
 */
export function createRedisWatchStore(options: RedisWatchStoreOptions): WatchStore {
  const { client, logger } = options;
  const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  checkCount('bufferSize', bufferSize, 1);
  const keys = watchKeys(options.keyPrefix);
  const scripts = defineWatchScripts(client);

  /** The event in a stream entry's fields, or undefined (logged) when it holds none. */
  function decodeEntry(id: string, fields: readonly string[]): StoredEvent | undefined {
    const at = fields.findIndex((field, index) => index % 2 === 0 && field === 'event');
    const event = at < 0 ? undefined : parseJson(fields[at + 1] ?? '');
    if (isWatchEvent(event)) return storedEvent(event, id);
    logger.error({ position: id, key: keys.events }, 'a watch outbox entry holds no valid event');
    return undefined;
  }

  function decodeEntries(entries: unknown): StoredEvent[] {
    const events: StoredEvent[] = [];
    for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
      if (!Array.isArray(entry)) continue;
      const [id, fields] = entry as unknown[];
      if (typeof id !== 'string' || !Array.isArray(fields)) continue;
      const event = decodeEntry(id, fields.map(String));
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  /** readAfter's script: the stream's newest id, its first retained id, the entries. */
  async function readStream(after: string, limit: number) {
    const reply = await scripts.readAfter(keys.events, after, limit);
    const [last, first, entries] = Array.isArray(reply) ? (reply as unknown[]) : [];
    return {
      last: typeof last === 'string' ? last : '0-0',
      first: typeof first === 'string' && first !== '' ? first : undefined,
      entries,
    };
  }

  const tail = createStreamTail({
    client,
    key: keys.events,
    logger,
    lastId: async () => (await readStream('', 0)).last,
    decode: decodeEntry,
  });

  function leaseFrom(source: string, token: string, started: number, ttlMs: number) {
    return { source, token, validUntil: started + ttlMs - safetyMargin(ttlMs) };
  }

  return {
    kind: 'redis',

    async load(source) {
      const text = await client.get(keys.mark(source));
      if (text === null) return emptyMark();
      const mark = parseJson(text);
      if (!isSourceMark(mark)) {
        throw new Error(
          `The watch mark of source ${source} in Redis (${keys.mark(source)}) is not valid: ` +
            'delete the key to watch that source afresh.',
        );
      }
      return mark;
    },

    async commit(source, lease, update) {
      const mark: SourceMark = { hwm: update.mark.hwm, seen: update.mark.seen };
      const events = update.events.map((event: WatchEvent) => JSON.stringify(eventFields(event)));
      const jobs = update.deliveries.flatMap((job: DeliveryJob) => [
        job.id,
        JSON.stringify({ ...job, event: eventFields(job.event) }),
        job.dueAt,
      ]);
      const reply = await scripts.commit(
        keys.lease(source),
        keys.mark(source),
        keys.events,
        keys.jobs,
        keys.due,
        lease?.token ?? '',
        JSON.stringify(mark),
        bufferSize,
        events.length,
        ...events,
        ...jobs,
      );
      return reply !== null;
    },

    async readAfter(position, limit) {
      checkCount('limit', limit);
      const after = position === undefined ? undefined : parseStreamId(position);
      if (position !== undefined && after === undefined) return { expired: true };
      const stream = await readStream(position ?? '', limit);
      // Expired: newer than any entry (another Redis, or the stream was deleted since), or
      // older than the first entry kept. MAXLEN ~ trims whole blocks lazily, so the count kept
      // says nothing, and Redis 7.0 does not record the last id a trim removed: the first
      // entry kept is the bound. A reader exactly at the last entry trimmed away is told
      // `expired` too (it missed nothing); a reader told otherwise has missed nothing.
      if (
        after !== undefined &&
        (compareStreamIds(after, parseStreamId(stream.last)) > 0 ||
          (stream.first !== undefined && compareStreamIds(after, parseStreamId(stream.first)) < 0))
      ) {
        return { expired: true };
      }
      return { expired: false, events: decodeEntries(stream.entries) };
    },

    subscribe(listener) {
      return tail.subscribe(listener);
    },

    async acquire(source, ttlMs) {
      checkCount('ttlMs', ttlMs, 1);
      const started = performance.now();
      const nonce = randomBytes(8).toString('hex');
      const token = await scripts.acquire(keys.lease(source), keys.fence(source), nonce, ttlMs);
      return typeof token === 'string' ? leaseFrom(source, token, started, ttlMs) : undefined;
    },

    async renew(lease, ttlMs) {
      checkCount('ttlMs', ttlMs, 1);
      const started = performance.now();
      const renewed = await scripts.renew(keys.lease(lease.source), lease.token, ttlMs);
      return renewed === 1 ? leaseFrom(lease.source, lease.token, started, ttlMs) : undefined;
    },

    async release(lease) {
      await scripts.release(keys.lease(lease.source), lease.token);
    },

    async claimDue(now, limit, visibilityMs) {
      checkCount('limit', limit);
      if (limit === 0) return [];
      const reply = await scripts.claim(keys.due, keys.jobs, now, limit, now + visibilityMs);
      const jobs: DeliveryJob[] = [];
      for (const text of Array.isArray(reply) ? (reply as unknown[]) : []) {
        const job = typeof text === 'string' ? parseJson(text) : undefined;
        if (isDeliveryJob(job)) jobs.push(job);
        // Left in place, hidden until the claim lapses: logged again then, never lost.
        else logger.error({ key: keys.jobs }, 'a watch delivery job in Redis is not valid');
      }
      return jobs;
    },

    async complete(job) {
      await scripts.complete(keys.jobs, keys.due, job.id);
    },

    async reschedule(job) {
      const json = JSON.stringify({ ...job, event: eventFields(job.event) });
      await scripts.reschedule(keys.jobs, keys.due, job.id, json, job.dueAt);
    },

    close() {
      return tail.close();
    },
  };
}
