/**
 * The watch store of a single replica: the state in memory, saved whole to one JSON file after
 * every change (temp file, fsync, rename), and read back at start-up.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { DeliveryJob, SourceMark, StoredEvent, WatchStore } from '../types';
import { writeFileAtomic } from './atomic-file';
import {
  decodeState,
  emptyState,
  encodeState,
  parsePosition,
  positionOf,
  WatchStateFileError,
  type FileState,
} from './file-state';
import { createListeners } from './listeners';
import { checkCount, DEFAULT_BUFFER_SIZE, emptyMark, storedEvent } from './shape';

/** The one lease token of the file store: there is no other replica to fence off. */
const FILE_LEASE_TOKEN = 'file';

export interface FileWatchStoreOptions {
  /** The state file; its directory is created when missing. */
  readonly path: string;
  /** Events kept for replay (Last-Event-ID); older ones are dropped. */
  readonly bufferSize?: number;
  readonly logger?: Logger;
}

/** A change being applied to a draft of the next state. */
interface Draft {
  seq: number;
  readonly epoch: string;
  readonly marks: Map<string, SourceMark>;
  events: StoredEvent[];
  readonly jobs: Map<string, DeliveryJob>;
  /** Events this batch added, to announce once the batch is durable. */
  readonly added: StoredEvent[];
}

interface Change {
  readonly apply: (draft: Draft) => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** The state in the file at `path`, or a new state (saved at once) when there is no file yet. */
async function loadState(path: string): Promise<FileState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new WatchStateFileError(path, 'cannot be read', { cause: error });
    }
    const state = emptyState();
    try {
      await writeFileAtomic(path, encodeState(state));
    } catch (writeError) {
      throw new WatchStateFileError(path, 'cannot be created', { cause: writeError });
    }
    return state;
  }
  return decodeState(text, path);
}

/**
 * Opens the file store: reads the state file (creating it, and its directory, when missing) and
 * answers the store. Rejects with WatchStateFileError when the file cannot be read or is not a
 * valid state file: start-up must stop, not silently start over.
 *
 * Changes are applied in call order, in batches: while one write is under way the next changes
 * wait, and then go to disk together in one write of the latest state. A change's promise
 * resolves once a file holding it has been renamed into place; reads (load, readAfter, claimDue)
 * and subscribers see only such durable state. A failed write rejects the changes it held and
 * leaves the state as it was.
 */
export async function createFileWatchStore(options: FileWatchStoreOptions): Promise<WatchStore> {
  const { path, logger } = options;
  const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
  checkCount('bufferSize', bufferSize, 1);
  let state = await loadState(path);
  // A file saved with a larger ring: keep the newest events (the next write saves the cut).
  if (state.events.length > bufferSize) {
    state = { ...state, events: state.events.slice(-bufferSize) };
  }
  const listeners = createListeners(logger);
  /** Job id -> the `now` until which a claim hides it (kept in memory only: see claimDue). */
  const hidden = new Map<string, number>();
  const queue: Change[] = [];
  let writing: Promise<void> | undefined;
  let closed = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      const draft: Draft = {
        epoch: state.epoch,
        seq: state.seq,
        marks: new Map(state.marks),
        events: [...state.events],
        jobs: new Map(state.jobs),
        added: [],
      };
      for (const change of batch) change.apply(draft);
      if (draft.events.length > bufferSize) draft.events = draft.events.slice(-bufferSize);
      const { epoch, seq, marks, events, jobs } = draft;
      const next: FileState = { epoch, seq, marks, events, jobs };
      try {
        await writeFileAtomic(path, encodeState(next));
      } catch (error) {
        logger?.error({ err: error, path }, 'the watch state file could not be written');
        for (const change of batch) change.reject(error);
        continue;
      }
      state = next;
      for (const change of batch) change.resolve();
      for (const event of draft.added) listeners.emit(event);
    }
    writing = undefined;
  }

  /** Queues a change; resolves once it is on disk. */
  function change(apply: (draft: Draft) => void): Promise<void> {
    if (closed) return Promise.reject(new Error('the watch store is closed'));
    return new Promise<void>((resolve, reject) => {
      queue.push({ apply, resolve, reject });
      writing ??= drain();
    });
  }

  return {
    kind: 'file',

    load(source) {
      return Promise.resolve(state.marks.get(source) ?? emptyMark());
    },

    async commit(source, _lease, update) {
      // A copy: the caller may reuse its objects while the write waits its turn.
      const { mark, events, deliveries } = structuredClone(update);
      await change((draft) => {
        draft.marks.set(source, mark);
        for (const event of events) {
          draft.seq += 1;
          const stored = storedEvent(event, positionOf(draft.epoch, draft.seq));
          draft.events.push(stored);
          draft.added.push(stored);
        }
        // One job per endpoint and event: a job already pending keeps its attempts and due time.
        for (const job of deliveries) if (!draft.jobs.has(job.id)) draft.jobs.set(job.id, job);
      });
      return true;
    },

    readAfter(position, limit) {
      checkCount('limit', limit);
      const { epoch, seq, events } = state;
      if (position === undefined) {
        return Promise.resolve({ expired: false, events: events.slice(0, limit) });
      }
      const first = seq - events.length + 1;
      const parsed = parsePosition(position);
      // Expired: another file's position (or this file's before a reset), one newer than any
      // given, or one whose successors have left the ring. `first - 1` is still fine: the
      // caller has seen every event up to the oldest one kept.
      if (
        parsed === undefined ||
        parsed.epoch !== epoch ||
        parsed.seq > seq ||
        parsed.seq < first - 1
      ) {
        return Promise.resolve({ expired: true });
      }
      const start = parsed.seq + 1 - first;
      return Promise.resolve({ expired: false, events: events.slice(start, start + limit) });
    },

    subscribe(listener) {
      return listeners.add(listener);
    },

    acquire(source, ttlMs) {
      return Promise.resolve({
        source,
        token: FILE_LEASE_TOKEN,
        validUntil: performance.now() + ttlMs,
      });
    },

    renew(lease, ttlMs) {
      return Promise.resolve({ ...lease, validUntil: performance.now() + ttlMs });
    },

    release() {
      return Promise.resolve();
    },

    // Claims live in memory only: after a restart every pending job is claimable at once, so a
    // delivery cut short by the restart is made again (at least once, with the same event id).
    claimDue(now, limit, visibilityMs) {
      checkCount('limit', limit);
      const due = [...state.jobs.values()]
        .filter((job) => job.dueAt <= now && (hidden.get(job.id) ?? -Infinity) <= now)
        .sort((a, b) => a.dueAt - b.dueAt)
        .slice(0, limit);
      for (const job of due) hidden.set(job.id, now + visibilityMs);
      return Promise.resolve(due);
    },

    async complete(job) {
      await change((draft) => {
        draft.jobs.delete(job.id);
      });
      hidden.delete(job.id);
    },

    async reschedule(job) {
      const copy = structuredClone(job);
      // Only a job still pending: one completed meanwhile (by a claim after this one's
      // visibility ran out) is not brought back.
      await change((draft) => {
        if (draft.jobs.has(copy.id)) draft.jobs.set(copy.id, copy);
      });
      hidden.delete(job.id);
    },

    async close() {
      closed = true;
      await writing;
      listeners.clear();
    },
  };
}
