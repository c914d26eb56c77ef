import type { Logger } from 'pino';
import type { StoredEvent } from '../types';

/** The subscribers of one store: each committed event goes to every one, in commit order. */
export interface Listeners {
  /** Adds a listener; the answer removes it (calling it twice is harmless). */
  add(listener: (event: StoredEvent) => void): () => void;
  /** Calls every listener with `event`; one that throws is logged and the others still run. */
  emit(event: StoredEvent): void;
  readonly size: number;
  clear(): void;
}

/** A fan-out list of listeners (a listener's failure never reaches the store or the others). */
export function createListeners(logger: Logger | undefined): Listeners {
  const listeners = new Set<(event: StoredEvent) => void>();
  return {
    add(listener) {
      // A wrapper per call, so that one function subscribed twice gets each event twice and
      // each unsubscribe removes its own subscription only.
      const entry = (event: StoredEvent): void => listener(event);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          logger?.error({ err: error, eventId: event.id }, 'a watch event listener failed');
        }
      }
    },
    get size() {
      return listeners.size;
    },
    clear() {
      listeners.clear();
    },
  };
}
