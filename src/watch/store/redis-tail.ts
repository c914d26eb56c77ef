/**
 * The live tail of the Redis outbox: one loop per store reads new stream entries with XREAD BLOCK
 * on a connection of its own and hands each event to every subscriber, whichever replica wrote it.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StoredEvent } from '../types';
import { createListeners } from './listeners';

/** How long one XREAD waits for new entries before it is sent again. */
const BLOCK_MS = 5000;
/** Entries one XREAD reads at most. */
const BATCH = 100;
/** How much longer than a BLOCK the client waits for Redis's answer before it gives up. */
const GRACE_MS = 2000;
/** The longest pause between two tries while Redis cannot be read. */
const MAX_BACKOFF_MS = 2000;

export interface StreamTail {
  /** Adds a listener (the first one starts the loop); the answer removes it. */
  subscribe(listener: (event: StoredEvent) => void): () => void;
  /** Stops the loop and closes its connection. */
  close(): Promise<void>;
}

/**
 * A tail of the stream at `key`. The loop starts with the first subscriber, after the stream's
 * newest entry at that moment (resolved once with `lastId`, so that no entry falls between two
 * XREADs), and runs until `close`. A failed read is retried quietly with backoff from the last
 * entry seen; the first failure of a run of them is logged.
 */
export function createStreamTail(options: {
  /** The shared client: the tail duplicates it for its blocking reads. */
  readonly client: Redis;
  readonly key: string;
  readonly logger: Logger;
  /** The id of the stream's newest entry ('0-0' when there is none). */
  readonly lastId: () => Promise<string>;
  /** The event in an entry, or undefined (and logged) when the entry is not one. */
  readonly decode: (id: string, fields: readonly string[]) => StoredEvent | undefined;
  /** How long one XREAD blocks, and how much longer the client waits for it (tests shorten). */
  readonly blockMs?: number;
  readonly graceMs?: number;
}): StreamTail {
  const { client, key, logger, lastId, decode } = options;
  const blockMs = options.blockMs ?? BLOCK_MS;
  const graceMs = options.graceMs ?? GRACE_MS;
  const listeners = createListeners(logger);
  const stop = new AbortController();
  let reader: Redis | undefined;
  let loop: Promise<void> | undefined;

  function connect(): Redis {
    // The shared client fails fast (no offline queue, 500 ms per command): right for the hot
    // path, wrong for a read that blocks for seconds. This connection waits instead, up to a
    // BLOCK and a grace period per read. (Not ioredis's socketTimeout: its timer outlives
    // disconnect() and would hold the process open for that long after close.)
    const connection = client.duplicate({
      commandTimeout: undefined,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      blockingTimeout: blockMs,
      blockingTimeoutGrace: graceMs,
      lazyConnect: true,
    });
    connection.on('error', (error: Error) => {
      logger.debug({ err: error }, 'the watch tail connection failed; reconnecting');
    });
    return connection;
  }

  async function run(): Promise<void> {
    let after: string | undefined;
    let failures = 0;
    while (!stop.signal.aborted) {
      try {
        after ??= await lastId();
        if (stop.signal.aborted) break;
        reader ??= connect();
        const sent = performance.now();
        const reply = await reader.xread('COUNT', BATCH, 'BLOCK', blockMs, 'STREAMS', key, after);
        if (reply === null && performance.now() - sent >= blockMs + graceMs) {
          // Redis ends an empty BLOCK itself; only the client's own timer waits this long: the
          // connection has gone silent (a half-open socket). Drop it; the next read reconnects.
          logger.warn('the watch tail connection went silent; reconnecting');
          reader.disconnect();
          reader = undefined;
          continue;
        }
        if (failures > 0) logger.info('the watch tail reads Redis again');
        failures = 0;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            after = id;
            const event = decode(id, fields);
            if (event !== undefined) listeners.emit(event);
          }
        }
      } catch (error) {
        if (stop.signal.aborted) break;
        if (failures === 0) {
          logger.warn({ err: error }, 'the watch tail cannot read Redis; retrying quietly');
        }
        failures += 1;
        await sleep(Math.min(100 * 2 ** failures, MAX_BACKOFF_MS), undefined, {
          signal: stop.signal,
        }).catch(() => undefined);
      }
    }
    reader?.disconnect();
  }

  return {
    subscribe(listener) {
      if (!stop.signal.aborted) loop ??= run();
      return listeners.add(listener);
    },
    async close() {
      stop.abort();
      // Rejects the pending XREAD at once, so the loop ends without waiting out its BLOCK.
      reader?.disconnect();
      await loop;
      listeners.clear();
    },
  };
}
