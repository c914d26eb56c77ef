/**
 * What every WatchStore does, whichever place it keeps the state in: one suite, run by the file
 * store's unit tests and by the Redis store's integration tests against a real redis-server.
 */
import { until } from '../../../helpers/until';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnifiedJobLog } from '../../../../src/contract';
import type { DeliveryJob, StoredEvent, WatchEvent, WatchStore } from '../../../../src/watch/types';

/**
 * A Losant record as the gateway serves it: the `raw` part is test/fixtures/losant/
 * application-job-log.errored.json (the 19 properties of Losant's applicationJobLog schema),
 * with the run's number and times changed per call so that each record is another run.
 */
export function losantRecord(run: number, status: UnifiedJobLog['status'] = 'failed') {
  const raw = JSON.parse(
    readFileSync(
      join(__dirname, '../../../fixtures/losant/application-job-log.errored.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  const execution = `6849a3c27ae143cd83dc${(0x4b11 + run).toString(16).padStart(4, '0')}`;
  const ended = new Date(Date.UTC(2025, 5, 11, 15, 44, 12, 904) + run * 60_000).toISOString();
  const record: UnifiedJobLog = {
    id: `losant-test.${execution}`,
    source: { id: 'losant-test', type: 'losant' },
    job: { id: '6849a3c27ae143cd83dc4b10', name: 'ApplicationExport' },
    status,
    nativeStatus: status === 'failed' ? 'errored' : 'completed',
    time: ended,
    times: { queued: null, started: null, ended, logged: null },
    message: 'Application export exceeded the maximum size of 2GB',
    user: '575ec8687ae143cd83dc4a01',
    target: { type: 'application', id: '575ec8687ae143cd83dc4a97' },
    details: [],
    raw: { ...raw, jobExecutionId: execution, runCompletedAt: ended },
  };
  return record;
}

/** The watch event of run `run` (its id hashed from the record id, as src/watch does). */
export function eventOf(run: number, source = 'losant-test'): WatchEvent {
  const record = losantRecord(run);
  const id = createHash('sha256').update(record.id).digest('hex').slice(0, 32);
  return { id, source, status: record.status, time: record.time, record };
}

/** A delivery of `event` to the `ops-pager` endpoint, due at `dueAt`. */
export function jobOf(event: WatchEvent, dueAt: number, endpoint = 'ops-pager'): DeliveryJob {
  return { id: `${endpoint}:${event.id}`, endpoint, event, attempt: 0, dueAt };
}

const mark = (hwm: number | null, ...events: WatchEvent[]) => ({
  hwm,
  seen: Object.fromEntries(events.map((event) => [event.id, Date.parse(event.time ?? '')])),
});

/** Commits `events` (and `deliveries`) for losant-test without a lease, expecting success. */
export async function commitEvents(
  store: WatchStore,
  events: readonly WatchEvent[],
  deliveries: readonly DeliveryJob[] = [],
): Promise<void> {
  const update = { mark: mark(events.length, ...events), events, deliveries };
  await expect(store.commit('losant-test', undefined, update)).resolves.toBe(true);
}

const ids = (events: readonly { readonly id: string }[]): string[] => events.map(({ id }) => id);

/** Events `listener` got, and stop, once the subscription is known to be live. */
export async function liveSubscription(
  store: WatchStore,
): Promise<{ readonly events: StoredEvent[]; stop(): void }> {
  const events: StoredEvent[] = [];
  let warmed = false;
  const stop = store.subscribe((event) => {
    if (event.source === 'warm-up') warmed = true;
    else events.push(event);
  });
  // A Redis store's tail starts with its first subscriber, a round trip later: until a warm-up
  // event comes through, a commit might land before the tail reads from.
  const deadline = Date.now() + 5000;
  for (let run = 0; !warmed; run++) {
    if (Date.now() > deadline) throw new Error('the subscription never went live');
    const warm = eventOf(1000 + run, 'warm-up');
    await store.commit('warm-up', undefined, { mark: mark(1), events: [warm], deliveries: [] });
    await until(() => warmed, 100).catch(() => undefined);
  }
  return { events, stop };
}

/**
 * The shared suite. `open` gives a store with fresh, empty state (and a small ring when
 * `bufferSize` is given); the suite closes every store it opens.
 */
export function describeWatchStoreContract(
  kind: 'file' | 'redis',
  open: (options?: { readonly bufferSize?: number }) => Promise<WatchStore>,
): void {
  const opened: WatchStore[] = [];
  const fresh = async (options?: { readonly bufferSize?: number }): Promise<WatchStore> => {
    const store = await open(options);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  describe(`${kind} store / marks`, () => {
    it('load of a source never committed / answers no high-water mark and nothing seen', async () => {
      const store = await fresh();
      expect(store.kind).toBe(kind);
      await expect(store.load('losant-test')).resolves.toEqual({ hwm: null, seen: {} });
    });

    it('commit then load / answers the committed mark, for that source only', async () => {
      const store = await fresh();
      const event = eventOf(1);
      const saved = { hwm: Date.parse('2025-06-11T15:45:12.904Z'), seen: { [event.id]: 1 } };
      await store.commit('losant-test', undefined, { mark: saved, events: [], deliveries: [] });
      await expect(store.load('losant-test')).resolves.toEqual(saved);
      await expect(store.load('bc-test')).resolves.toEqual({ hwm: null, seen: {} });
    });
  });

  describe(`${kind} store / readAfter`, () => {
    it('without a position / answers every retained event, oldest first, with positions', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1), eventOf(2)]);
      await commitEvents(store, [eventOf(3)]);
      const read = await store.readAfter(undefined, 10);
      expect(read.expired).toBe(false);
      if (read.expired) return;
      expect(ids(read.events)).toEqual(ids([eventOf(1), eventOf(2), eventOf(3)]));
      expect(read.events[2]).toEqual({ ...eventOf(3), position: read.events[2]?.position });
      expect(new Set(read.events.map(({ position }) => position)).size).toBe(3);
    });

    it('after a position / answers only the later events; after the newest, none', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1), eventOf(2), eventOf(3)]);
      const all = await store.readAfter(undefined, 10);
      if (all.expired) throw new Error('expired');
      const [first, , third] = all.events as [StoredEvent, StoredEvent, StoredEvent];
      await expect(store.readAfter(first.position, 10)).resolves.toEqual({
        expired: false,
        events: all.events.slice(1),
      });
      await expect(store.readAfter(third.position, 10)).resolves.toEqual({
        expired: false,
        events: [],
      });
    });

    it('with a limit / answers at most that many, the oldest', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1), eventOf(2), eventOf(3), eventOf(4)]);
      const firstTwo = await store.readAfter(undefined, 2);
      if (firstTwo.expired) throw new Error('expired');
      expect(ids(firstTwo.events)).toEqual(ids([eventOf(1), eventOf(2)]));
      const next = await store.readAfter(firstTwo.events[1]?.position, 1);
      if (next.expired) throw new Error('expired');
      expect(ids(next.events)).toEqual([eventOf(3).id]);
    });

    it('with a position older than the ring / answers expired; the oldest kept does not', async () => {
      const store = await fresh({ bufferSize: 5 });
      // Enough events that even Redis's lazy MAXLEN ~ (whole blocks of 100) trims some, four
      // at a time, each one's position noted while it is still in the ring.
      const events = Array.from({ length: 250 }, (_, run) => eventOf(run));
      const positions = new Map<string, string>();
      for (let at = 0; at < events.length; at += 4) {
        await commitEvents(store, events.slice(at, at + 4));
        const read = await store.readAfter(undefined, 1000);
        if (read.expired) throw new Error('expired');
        for (const event of read.events) positions.set(event.id, event.position);
      }
      const retained = await store.readAfter(undefined, 1000);
      if (retained.expired) throw new Error('expired');
      expect(retained.events.length).toBeGreaterThanOrEqual(5);
      expect(retained.events.length).toBeLessThan(250);
      expect(retained.events.at(-1)?.id).toBe(eventOf(249).id);
      // The first event's successors have left the ring: a reader there has missed some.
      await expect(store.readAfter(positions.get(eventOf(0).id), 10)).resolves.toEqual({
        expired: true,
      });
      // A reader at the oldest event kept gets every later one.
      await expect(store.readAfter(retained.events[0]?.position, 1000)).resolves.toEqual({
        expired: false,
        events: retained.events.slice(1),
      });
      // A reader at the last event dropped has missed nothing. The file store knows it (its
      // positions count one by one); Redis 7.0 does not say which id a trim removed last, so
      // the Redis store answers expired there (a reset too many, never a gap unnoticed).
      const oldest = events.findIndex(({ id }) => id === retained.events[0]?.id);
      expect(oldest).toBeGreaterThan(0);
      const lastDropped = positions.get(events[oldest - 1]?.id ?? '');
      await expect(store.readAfter(lastDropped, 1000)).resolves.toEqual(
        kind === 'file' ? { expired: false, events: retained.events } : { expired: true },
      );
    });

    it('with a foreign, malformed or future position / answers expired', async () => {
      const store = await fresh();
      const other = await fresh();
      await commitEvents(store, [eventOf(1)]);
      await commitEvents(other, [eventOf(1), eventOf(2), eventOf(3)]);
      const theirs = await other.readAfter(undefined, 10);
      if (theirs.expired) throw new Error('expired');
      const foreign = kind === 'file' ? theirs.events[0]?.position : 'lq3k2x9a1b2c3d4-1';
      await expect(store.readAfter(foreign, 10)).resolves.toEqual({ expired: true });
      await expect(store.readAfter('not a position', 10)).resolves.toEqual({ expired: true });
      const ours = await store.readAfter(undefined, 10);
      if (ours.expired) throw new Error('expired');
      const [head, seq] = (ours.events[0]?.position ?? '').split('-') as [string, string];
      const future = `${head}-${Number(seq) + 5}`;
      await expect(store.readAfter(future, 10)).resolves.toEqual({ expired: true });
    });
  });

  describe(`${kind} store / subscribe`, () => {
    it('a subscriber / receives committed events in commit order, with their positions', async () => {
      const store = await fresh();
      const live = await liveSubscription(store);
      await commitEvents(store, [eventOf(1), eventOf(2)]);
      await commitEvents(store, [eventOf(3)]);
      await until(() => live.events.length >= 3);
      expect(ids(live.events)).toEqual(ids([eventOf(1), eventOf(2), eventOf(3)]));
      const read = await store.readAfter(undefined, 100);
      if (read.expired) throw new Error('expired');
      expect(live.events).toEqual(read.events.filter((event) => event.source === 'losant-test'));
      live.stop();
      await commitEvents(store, [eventOf(4)]);
      const other = await liveSubscription(store);
      await commitEvents(store, [eventOf(5)]);
      await until(() => other.events.length >= 1);
      expect(ids(live.events)).toEqual(ids([eventOf(1), eventOf(2), eventOf(3)]));
      other.stop();
    });
  });

  describe(`${kind} store / delivery jobs`, () => {
    const a = jobOf(eventOf(1), 1000);
    const b = jobOf(eventOf(2), 2000);
    const c = jobOf(eventOf(3), 3000);

    it('claimDue / answers only the jobs due by now, oldest due first, at most limit', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1), eventOf(2), eventOf(3)], [c, a, b]);
      await expect(store.claimDue(999, 10, 60_000)).resolves.toEqual([]);
      await expect(store.claimDue(2000, 10, 60_000)).resolves.toEqual([a, b]);
      const other = await fresh();
      await commitEvents(other, [eventOf(1), eventOf(2), eventOf(3)], [c, a, b]);
      await expect(other.claimDue(5000, 2, 60_000)).resolves.toEqual([a, b]);
      await expect(other.claimDue(5000, 2, 60_000)).resolves.toEqual([c]);
    });

    it('a claimed job / is hidden from claims, and comes back after visibilityMs', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1)], [a]);
      await expect(store.claimDue(1000, 10, 500)).resolves.toEqual([a]);
      await expect(store.claimDue(1499, 10, 500)).resolves.toEqual([]);
      await expect(store.claimDue(1500, 10, 500)).resolves.toEqual([a]);
    });

    it('complete / removes the job for good', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1), eventOf(2)], [a, b]);
      const [claimed] = await store.claimDue(1000, 10, 500);
      await store.complete(claimed as DeliveryJob);
      await expect(store.claimDue(1_000_000, 10, 500)).resolves.toEqual([b]);
    });

    it('reschedule / sets the new due time and attempt; the job is due only then', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1)], [a]);
      const [claimed] = await store.claimDue(1000, 10, 500);
      const retry: DeliveryJob = {
        ...(claimed as DeliveryJob),
        attempt: 1,
        dueAt: 5000,
        lastOutcome: '500',
      };
      await store.reschedule(retry);
      await expect(store.claimDue(4999, 10, 500)).resolves.toEqual([]);
      await expect(store.claimDue(5000, 10, 500)).resolves.toEqual([retry]);
    });

    it('reschedule of a job completed meanwhile / does not bring it back', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1)], [a]);
      const [claimed] = await store.claimDue(1000, 10, 500);
      await store.complete(claimed as DeliveryJob);
      await store.reschedule({ ...(claimed as DeliveryJob), attempt: 1, dueAt: 5000 });
      await expect(store.claimDue(1_000_000, 10, 500)).resolves.toEqual([]);
    });

    it('a commit naming a job already pending / keeps the pending one (its attempts, its due time)', async () => {
      const store = await fresh();
      await commitEvents(store, [eventOf(1)], [a]);
      const [claimed] = await store.claimDue(1000, 10, 500);
      const retry: DeliveryJob = { ...(claimed as DeliveryJob), attempt: 2, dueAt: 9000 };
      await store.reschedule(retry);
      await commitEvents(store, [], [a]);
      await expect(store.claimDue(8999, 10, 500)).resolves.toEqual([]);
      await expect(store.claimDue(9000, 10, 500)).resolves.toEqual([retry]);
    });
  });
}

export { until };
