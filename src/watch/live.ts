import type { StoredEvent, WatchStore } from './types';

/**
 * Orders two outbox positions of one store (`<a>-<b>`: a Redis stream entry id, both parts whole
 * numbers; or the file store's `<epoch>-<seq>`, one epoch per state file). Negative when `a`
 * comes first.
 */
export function comparePositions(a: string, b: string): number {
  const [a1 = '', a2 = '0'] = a.split('-');
  const [b1 = '', b2 = '0'] = b.split('-');
  if (a1 !== b1) {
    if (/^\d+$/.test(a1) && /^\d+$/.test(b1)) return BigInt(a1) < BigInt(b1) ? -1 : 1;
    return a1 < b1 ? -1 : 1;
  }
  const second = BigInt(a2) - BigInt(b2);
  return second === 0n ? 0 : second < 0n ? -1 : 1;
}

/** A position as a client may send it back: the shapes the stores make, nothing else. */
export function isPosition(text: string): boolean {
  return /^[0-9a-z]{1,32}-\d{1,20}$/.test(text);
}

/** Where a follower's events go. */
export interface FeedSink {
  event(event: StoredEvent): void;
  /** The position asked for is older than the outbox keeps: events may have been missed. */
  reset(): void;
}

/** One follower of the feed; `stop` unsubscribes. */
export interface Following {
  stop(): void;
}

/** Events after a position, then live ones: what the live tail reads. */
export interface LiveFeed {
  /**
   * Follows the outbox: first the events after `after` (none when undefined: live only), then
   * each new one, in outbox order, each once (an event committed while the replay is read is
   * neither lost nor repeated).
   */
  follow(after: string | undefined, sink: FeedSink): Promise<Following>;
  close(): void;
}

/** Events read per replay step. */
const REPLAY_STEP = 500;

/** The live feed over a store's outbox (one subscription to the store, fanned out in process). */
export function createLiveFeed(store: WatchStore): LiveFeed {
  const listeners = new Set<(event: StoredEvent) => void>();
  const unsubscribe = store.subscribe((event) => {
    for (const listener of listeners) listener(event);
  });

  return {
    async follow(after, sink) {
      let last = after;
      let replaying = true;
      const queued: StoredEvent[] = [];
      const deliver = (event: StoredEvent): void => {
        if (last !== undefined && comparePositions(event.position, last) <= 0) return;
        last = event.position;
        sink.event(event);
      };
      const listener = (event: StoredEvent): void => {
        if (replaying) queued.push(event);
        else deliver(event);
      };
      listeners.add(listener);
      try {
        if (after !== undefined) {
          for (let position = after; ;) {
            const read = await store.readAfter(position, REPLAY_STEP);
            if (read.expired) {
              sink.reset();
              last = undefined;
              break;
            }
            for (const event of read.events) deliver(event);
            const end = read.events[read.events.length - 1];
            if (end === undefined || read.events.length < REPLAY_STEP) break;
            position = end.position;
          }
        }
      } catch (error) {
        listeners.delete(listener);
        throw error;
      }
      replaying = false;
      for (const event of queued.splice(0)) deliver(event);
      return { stop: () => listeners.delete(listener) };
    },
    close() {
      listeners.clear();
      unsubscribe();
    },
  };
}
