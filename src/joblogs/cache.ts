import {
  CallController,
  concernsType,
  type CallContext,
  type JobLogQuery,
  type SourceAdapter,
} from '../contract';
import { fromTransportError } from '../errors/from-upstream';
import { cacheKeyOf, readKeyOf, type CachedOperation } from './cache-key';
import type { CacheStore } from './cache-store';

/** How one read was answered: from the store, by a new upstream call, or by joining one. */
export type CacheResult = 'hit' | 'miss' | 'coalesced';

export interface CacheObservation {
  readonly source: string;
  readonly result: CacheResult;
}

export interface SourceCacheOptions {
  /** How long a read is kept, in ms (config `cacheTtlMs`); 0 keeps nothing, but still coalesces. */
  readonly ttlMs: number;
  readonly store: CacheStore;
  readonly observe?: (observation: CacheObservation) => void;
}

/** One upstream call shared by every identical read that arrives while it runs. */
interface SharedCall {
  readonly promise: Promise<unknown>;
  readonly controller: CallController;
  readonly deadline: number;
  waiters: number;
}

/**
 * An adapter behind a response cache with request coalescing: list, listNative and get look in
 * the store first (when ttlMs > 0), and identical reads that arrive while one is under way join
 * it instead of calling the source again (always, even when ttlMs is 0).
 *
 * It sits in front of the circuit breaker: a hit needs no upstream, so an open breaker does not
 * stop answers the source already gave within the TTL; a miss goes through the breaker, and a
 * shared call counts there once, not once per caller that joined it.
 *
 * The shared call runs on its own signal, under the deadline of the caller that started it: one
 * caller hanging up cancels only its own wait, and the call is cancelled only when every caller
 * waiting for it has gone. A caller whose deadline is nearer than the shared one stops waiting at
 * its own. Only successful reads are stored (a `get` that found nothing is not).
 */
export function cacheSource(adapter: SourceAdapter, options: SourceCacheOptions): SourceAdapter {
  const { ttlMs, store, observe } = options;
  const source = adapter.id;
  const inFlight = new Map<string, SharedCall>();

  function start(
    key: string,
    context: CallContext,
    call: (context: CallContext) => Promise<unknown>,
  ): SharedCall {
    const controller = new CallController();
    const promise = call({ ...context, signal: controller.signal }).then((value) => {
      if (ttlMs > 0 && value !== undefined) void store.set(key, value, ttlMs);
      return value;
    });
    const shared: SharedCall = { promise, controller, deadline: context.deadline, waiters: 0 };
    const forget = (): void => {
      if (inFlight.get(key) === shared) inFlight.delete(key);
    };
    // Handled here too, so a call every caller left fails quietly.
    promise.then(forget, forget);
    inFlight.set(key, shared);
    return shared;
  }

  /** Waits for a shared call with the caller's own signal and deadline. */
  function wait(key: string, shared: SharedCall, context: CallContext): Promise<unknown> {
    shared.waiters += 1;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const settle = (): boolean => {
        if (done) return false;
        done = true;
        clearTimeout(timer);
        context.signal.removeEventListener('abort', onAbort);
        shared.waiters -= 1;
        return true;
      };
      const leave = (error: Error): void => {
        if (!settle()) return;
        if (shared.waiters === 0) {
          if (inFlight.get(key) === shared) inFlight.delete(key);
          shared.controller.abort(context.signal.aborted ? context.signal.reason : error);
        }
        reject(error);
      };
      const onAbort = (): void =>
        leave(fromTransportError(context.signal.reason, { source, cancelled: true }));
      if (context.signal.aborted) {
        onAbort();
        return;
      }
      context.signal.addEventListener('abort', onAbort, { once: true });
      if (context.deadline < shared.deadline) {
        timer = setTimeout(
          () => leave(fromTransportError(new Error('deadline'), { source, deadlineHit: 'total' })),
          Math.max(0, context.deadline - Date.now()),
        );
      }
      shared.promise.then(
        (value) => settle() && resolve(value),
        (error: unknown) => settle() && reject(error as Error),
      );
    });
  }

  async function read<T>(
    operation: CachedOperation,
    input: JobLogQuery | string,
    context: CallContext,
    call: (context: CallContext) => Promise<T>,
  ): Promise<T> {
    // Without a store, the key only pairs concurrent reads in this process: no need to hash it.
    const key =
      ttlMs > 0
        ? cacheKeyOf(source, operation, input, context.locale)
        : readKeyOf(source, operation, input, context.locale);
    if (ttlMs > 0) {
      const stored = await store.get(key);
      if (stored !== undefined) {
        observe?.({ source, result: 'hit' });
        return stored as T;
      }
    }
    let shared = inFlight.get(key);
    if (shared === undefined) {
      observe?.({ source, result: 'miss' });
      shared = start(key, context, call);
    } else {
      observe?.({ source, result: 'coalesced' });
    }
    return (await wait(key, shared, context)) as T;
  }

  return {
    id: adapter.id,
    type: adapter.type,
    // A query for another source type makes no call: nothing to keep or share.
    list: (query, context) =>
      concernsType(adapter.type, query)
        ? read('list', query, context, (shared) => adapter.list(query, shared))
        : adapter.list(query, context),
    listNative: (query, context) =>
      concernsType(adapter.type, query)
        ? read('listNative', query, context, (shared) => adapter.listNative(query, shared))
        : adapter.listNative(query, context),
    get: (key, context) => read('get', key, context, (shared) => adapter.get(key, shared)),
    probe: (context) => adapter.probe(context),
  };
}
