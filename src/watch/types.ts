/**
 * The watch feature's shared shapes: what a watcher commits, what the store keeps, what the live
 * tail and the webhook dispatcher read. Every part of src/watch/ imports these; nothing here does
 * I/O.
 */
import type { UnifiedJobLog, UnifiedStatus } from '../contract';

/**
 * One new job log seen by a watcher. `id` is the event's identity everywhere (CloudEvents `id`,
 * `webhook-id`, dedupe and replay key): a hex hash of the record's unified id (identity.ts), so
 * the same record always gives the same id, and it never contains a `.`.
 */
export interface WatchEvent {
  readonly id: string;
  /** The configured source id. */
  readonly source: string;
  readonly status: UnifiedStatus;
  /** The record's time (RFC 3339), or null when it has none. */
  readonly time: string | null;
  readonly record: UnifiedJobLog;
}

/** An event as the outbox keeps it: with its position, which is the SSE `id:`. */
export interface StoredEvent extends WatchEvent {
  /**
   * The event's position in the outbox: strictly increasing in commit order, comparable only by
   * the store that made it (a Redis stream entry id, or `<bootEpoch>-<seq>` in the file store).
   */
  readonly position: string;
}

/**
 * A source's high-water mark: the newest record time seen, and the events seen at or after
 * `hwm - lookback` (event id -> record time in epoch ms; records with no time use the time they
 * were first seen), so that a record arriving late with an older time is seen once, not twice.
 */
export interface SourceMark {
  /** Newest record time seen, epoch ms; null before the first successful poll. */
  readonly hwm: number | null;
  readonly seen: Readonly<Record<string, number>>;
}

/** A webhook delivery to make (or retry): self-contained, so it survives restarts as is. */
export interface DeliveryJob {
  /** `<endpoint name>:<event id>`: one job per endpoint and event. */
  readonly id: string;
  /** The webhook endpoint's configured name. */
  readonly endpoint: string;
  readonly event: WatchEvent;
  /** Attempts made so far (0 for a new job). */
  readonly attempt: number;
  /** Epoch ms when the next attempt is due. */
  readonly dueAt: number;
  /** The last attempt's outcome, for the dead-letter line (an HTTP status or an error name). */
  readonly lastOutcome?: string;
}

/** A lease on polling one source; `token` is the fencing token the store checks on commit. */
export interface Lease {
  readonly source: string;
  readonly token: string;
  /** Monotonic time (performance.now()) after which the holder must assume it lapsed. */
  readonly validUntil: number;
}

/** What `readAfter` answers: the events after a position, or that the position is too old. */
export type ReadAfter =
  { readonly expired: false; readonly events: readonly StoredEvent[] } | { readonly expired: true };

/**
 * Where the watch state lives: the file store (one replica) or Redis (several). Each commit is
 * atomic: events, mark and delivery jobs are saved together or not at all, so a restart neither
 * repeats nor loses a notification.
 */
export interface WatchStore {
  readonly kind: 'file' | 'redis';
  /** The source's saved mark ({ hwm: null, seen: {} } when there is none). */
  load(source: string): Promise<SourceMark>;
  /**
   * Saves the mark, appends the events to the outbox (in the given order) and enqueues the
   * delivery jobs, atomically. With a lease, refuses (answers false, saves nothing) when the
   * lease is no longer held by that token: the fencing check.
   */
  commit(
    source: string,
    lease: Lease | undefined,
    update: {
      readonly mark: SourceMark;
      readonly events: readonly WatchEvent[];
      readonly deliveries: readonly DeliveryJob[];
    },
  ): Promise<boolean>;
  /**
   * Outbox events after `position` (all retained events when undefined), oldest first, at most
   * `limit`; `expired` when `position` is older than the oldest retained event or unknown.
   */
  readAfter(position: string | undefined, limit: number): Promise<ReadAfter>;
  /** Calls `listener` with each event committed from now on (by any replica, for Redis). */
  subscribe(listener: (event: StoredEvent) => void): () => void;
  /** Takes the lease on a source for `ttlMs`; undefined when another holder has it. */
  acquire(source: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a held lease; undefined when it was lost (then stop polling that source). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined>;
  release(lease: Lease): Promise<void>;
  /**
   * Claims up to `limit` delivery jobs due by `now`; a claimed job is hidden from other claims
   * for `visibilityMs`, and comes back if neither completed nor rescheduled by then (a replica
   * that died mid-delivery loses nothing).
   */
  claimDue(now: number, limit: number, visibilityMs: number): Promise<readonly DeliveryJob[]>;
  /** The job is done (delivered, or dead-lettered): remove it. */
  complete(job: DeliveryJob): Promise<void>;
  /** Puts the job back for another attempt. */
  reschedule(job: DeliveryJob): Promise<void>;
  close(): Promise<void>;
}
