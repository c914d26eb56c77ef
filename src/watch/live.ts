import type { StoredEvent, WatchStore } from './types';

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
      // Events committed while the replay is read arrive here too: held until it is done, then
      // sent unless the replay already sent them. Anything committed after subscribing is newer
      // than every position that existed before, so no other ordering is needed.
      let replaying = true;
      const queued: StoredEvent[] = [];
      const replayed = new Set<string>();
      const listener = (event: StoredEvent): void => {
        if (replaying) queued.push(event);
        else sink.event(event);
      };
      listeners.add(listener);
      try {
        for (let position = after; position !== undefined;) {
          const read = await store.readAfter(position, REPLAY_STEP);
          if (read.expired) {
            sink.reset();
            break;
          }
          for (const event of read.events) {
            replayed.add(event.position);
            sink.event(event);
          }
          position = read.events.length < REPLAY_STEP ? undefined : read.events.at(-1)?.position;
        }
      } catch (error) {
        listeners.delete(listener);
        throw error;
      }
      replaying = false;
      for (const event of queued.splice(0)) if (!replayed.has(event.position)) sink.event(event);
      return { stop: () => listeners.delete(listener) };
    },
    close() {
      listeners.clear();
      unsubscribe();
    },
  };
}
