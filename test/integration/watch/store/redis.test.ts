/**
 * The Redis store against a real redis-server: the shared WatchStore suite, then what replicas
 * sharing one Redis rely on: one lease holder per source and a takeover when it goes, commits
 * fenced by the lease, a live tail that sees every replica's events, and claims never handed to
 * two replicas at once.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import { connectRedis, type SharedStore } from '../../../../src/server/redis';
import { createRedisWatchStore } from '../../../../src/watch/store';
import type { DeliveryJob, Lease, WatchStore } from '../../../../src/watch/types';
import { startRedis, type TestRedis } from '../../../helpers/redis';
import {
  commitEvents,
  describeWatchStoreContract,
  eventOf,
  jobOf,
  liveSubscription,
  until,
} from '../../../unit/watch/store/store-contract';

const logger = pino({ level: 'silent' });
let redis: TestRedis;
/** The gateway's own client settings (no offline queue, 500 ms per command), one per replica. */
let replicas: SharedStore[] = [];
let prefixes = 0;
const stores: WatchStore[] = [];

beforeAll(async () => {
  redis = await startRedis();
  replicas = await Promise.all(
    [1, 2].map(() => connectRedis({ url: redis.url, keyPrefix: '' }, logger)),
  );
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await redis?.stop();
});

const client = (replica: 0 | 1): Redis => (replicas[replica] as SharedStore).client;

/** A key prefix no store has used: fresh, empty state. */
function newPrefix(): string {
  prefixes += 1;
  return `watch-test-${prefixes}:`;
}

/** Two stores on one prefix, as two replicas (each with its own client) would have. */
function twoReplicas(options: { readonly bufferSize?: number } = {}): [WatchStore, WatchStore] {
  const keyPrefix = newPrefix();
  const pair = ([0, 1] as const).map((replica) =>
    createRedisWatchStore({ client: client(replica), keyPrefix, logger, ...options }),
  ) as [WatchStore, WatchStore];
  stores.push(...pair);
  return pair;
}

describeWatchStoreContract('redis', (options) =>
  Promise.resolve(
    createRedisWatchStore({
      client: client(0),
      keyPrefix: newPrefix(),
      logger,
      bufferSize: options?.bufferSize,
    }),
  ),
);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check()` answers true, trying every 20 ms; rejects after 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('never came true');
    await sleep(20);
  }
}

/** The connections redis-server has open, one CLIENT LIST line each. */
async function connections(): Promise<string[]> {
  return String(await client(0).client('LIST'))
    .trim()
    .split('\n');
}
const NO_UPDATE = { mark: { hwm: 1, seen: {} }, events: [], deliveries: [] } as const;

describe('redis store / leases between two replicas', () => {
  it('both acquire one source / only one gets the lease; the other source is free', async () => {
    const [a, b] = twoReplicas();
    const [fromA, fromB] = await Promise.all([
      a.acquire('losant-test', 15_000),
      b.acquire('losant-test', 15_000),
    ]);
    expect([fromA, fromB].filter((lease) => lease !== undefined)).toHaveLength(1);
    await expect(b.acquire('bc-test', 15_000)).resolves.toBeDefined();
  });

  it('the holder releases / the other replica takes over, with a higher fencing number', async () => {
    const [a, b] = twoReplicas();
    const held = (await a.acquire('losant-test', 15_000)) as Lease;
    await expect(b.acquire('losant-test', 15_000)).resolves.toBeUndefined();
    await a.release(held);
    const taken = (await b.acquire('losant-test', 15_000)) as Lease;
    expect(taken).toBeDefined();
    const fence = (lease: Lease): number => Number(lease.token.split(':')[0]);
    expect(fence(taken)).toBeGreaterThan(fence(held));
  });

  it("the holder's TTL lapses / the other replica takes over; the old holder cannot renew", async () => {
    const [a, b] = twoReplicas();
    const before = performance.now();
    const held = (await a.acquire('losant-test', 200)) as Lease;
    // Counted from before the request was sent, less Redlock's drift margin (1% + 2 ms): the
    // holder gives up before Redis's TTL can have run out.
    expect(held.validUntil).toBeGreaterThanOrEqual(before + 196);
    expect(held.validUntil).toBeLessThanOrEqual(performance.now() + 196);
    await expect(b.acquire('losant-test', 200)).resolves.toBeUndefined();
    await sleep(300);
    const taken = (await b.acquire('losant-test', 15_000)) as Lease;
    expect(taken).toBeDefined();
    await expect(a.renew(held, 15_000)).resolves.toBeUndefined();
    // The old holder's release leaves the new holder's lease alone (compare-and-delete).
    await a.release(held);
    await expect(a.acquire('losant-test', 15_000)).resolves.toBeUndefined();
  });

  it('the holder renews / keeps the lease past its first TTL, with a later validUntil', async () => {
    const [a, b] = twoReplicas();
    const held = (await a.acquire('losant-test', 500)) as Lease;
    await sleep(250);
    const renewed = (await a.renew(held, 500)) as Lease;
    expect(renewed.token).toBe(held.token);
    expect(renewed.validUntil).toBeGreaterThan(held.validUntil);
    // 600 ms after the first TTL began: only the renewal keeps the lease held.
    await sleep(350);
    await expect(b.acquire('losant-test', 500)).resolves.toBeUndefined();
  });
});

describe('redis store / fencing', () => {
  it('a commit with a lapsed lease / is refused and writes nothing; the new holder commits', async () => {
    const [a, b] = twoReplicas();
    const stale = (await a.acquire('losant-test', 100)) as Lease;
    await sleep(200);
    const current = (await b.acquire('losant-test', 15_000)) as Lease;
    const event = eventOf(1);
    const refused = a.commit('losant-test', stale, {
      mark: { hwm: 99, seen: { [event.id]: 99 } },
      events: [event],
      deliveries: [jobOf(event, 0)],
    });
    await expect(refused).resolves.toBe(false);
    await expect(b.load('losant-test')).resolves.toEqual({ hwm: null, seen: {} });
    await expect(b.readAfter(undefined, 10)).resolves.toEqual({ expired: false, events: [] });
    await expect(b.claimDue(Date.now(), 10, 1000)).resolves.toEqual([]);

    await expect(b.commit('losant-test', current, { ...NO_UPDATE, events: [event] })).resolves.toBe(
      true,
    );
    await expect(a.load('losant-test')).resolves.toEqual(NO_UPDATE.mark);
  });

  it('a commit with a released lease, or a lease of another source / is refused', async () => {
    const [a] = twoReplicas();
    const released = (await a.acquire('losant-test', 15_000)) as Lease;
    await a.release(released);
    await expect(a.commit('losant-test', released, NO_UPDATE)).resolves.toBe(false);
    const other = (await a.acquire('bc-test', 15_000)) as Lease;
    await expect(a.commit('losant-test', other, NO_UPDATE)).resolves.toBe(false);
    await expect(a.load('losant-test')).resolves.toEqual({ hwm: null, seen: {} });
  });
});

describe('redis store / commit is all or nothing', () => {
  it('when a key of the store has another type / the commit fails and writes nothing', async () => {
    const keyPrefix = newPrefix();
    const store = createRedisWatchStore({ client: client(0), keyPrefix, logger });
    stores.push(store);
    await client(0).set(`${keyPrefix}watch:due`, 'not a sorted set');
    const event = eventOf(1);
    await expect(
      store.commit('losant-test', undefined, {
        mark: { hwm: 1, seen: { [event.id]: 1 } },
        events: [event],
        deliveries: [jobOf(event, 0)],
      }),
    ).rejects.toThrow(/WRONGTYPE .*watch:due is a string, not a zset/);
    await expect(store.load('losant-test')).resolves.toEqual({ hwm: null, seen: {} });
    await expect(store.readAfter(undefined, 10)).resolves.toEqual({ expired: false, events: [] });
    await expect(client(0).exists(`${keyPrefix}watch:jobs`)).resolves.toBe(0);
  });
});

describe('redis store / data it did not write', () => {
  it('a mark that is not valid / load fails naming the key; an entry without an event is skipped and logged', async () => {
    const keyPrefix = newPrefix();
    const errors: string[] = [];
    const store = createRedisWatchStore({
      client: client(0),
      keyPrefix,
      logger: pino({ level: 'error' }, { write: (line: string) => errors.push(line) }),
    });
    stores.push(store);
    await client(0).set(`${keyPrefix}watch:mark:losant-test`, '{"hwm":"yesterday"}');
    await expect(store.load('losant-test')).rejects.toThrow(
      `The watch mark of source losant-test in Redis (${keyPrefix}watch:mark:losant-test) is not valid`,
    );
    await client(0).xadd(`${keyPrefix}watch:events`, '*', 'event', '{"id":42}');
    await commitEvents(store, [eventOf(1)]);
    const read = await store.readAfter(undefined, 10);
    if (read.expired) throw new Error('expired');
    expect(read.events.map(({ id }) => id)).toEqual([eventOf(1).id]);
    expect(errors.join('')).toContain('a watch outbox entry holds no valid event');
  });
});

describe('redis store / live tail across replicas', () => {
  it('a subscriber on replica B / sees the events replica A commits, in order', async () => {
    const [a, b] = twoReplicas();
    const live = await liveSubscription(b);
    await commitEvents(a, [eventOf(1), eventOf(2)]);
    await commitEvents(a, [eventOf(3)]);
    await until(() => live.events.length >= 3);
    const read = await a.readAfter(undefined, 100);
    if (read.expired) throw new Error('expired');
    expect(live.events).toEqual(read.events.filter((event) => event.source === 'losant-test'));
    live.stop();
  });

  it('the tail connection is killed / it reconnects quietly and goes on from where it was', async () => {
    const [a, b] = twoReplicas();
    const live = await liveSubscription(b);
    const tails = (await connections()).filter((line) => / cmd=xread /.test(line));
    expect(tails).toHaveLength(1);
    const tail = /(?:^| )id=(\d+)/.exec(tails[0] ?? '')?.[1] ?? '';
    await expect(client(0).client('KILL', 'ID', tail)).resolves.toBe(1);
    await commitEvents(a, [eventOf(1)]);
    await until(() => live.events.length >= 1);
    expect(live.events.map(({ id }) => id)).toEqual([eventOf(1).id]);
    live.stop();
  });

  it('close / ends the tail and closes its own connection, not the shared client', async () => {
    const [, b] = twoReplicas();
    const before = (await connections()).length;
    const live = await liveSubscription(b);
    expect(await connections()).toHaveLength(before + 1);
    live.stop();
    await b.close();
    await eventually(async () => (await connections()).length === before);
    expect(client(1).status).toBe('ready');
  });
});

describe('redis store / delivery claims between two replicas', () => {
  it('both claim at once, over and over / no job is handed to both', async () => {
    const [a, b] = twoReplicas();
    const events = Array.from({ length: 60 }, (_, run) => eventOf(run));
    await commitEvents(
      a,
      events,
      events.map((event, run) => jobOf(event, run)),
    );
    const claimed: DeliveryJob[][] = [[], []];
    for (let round = 0; round < 20; round++) {
      const [fromA, fromB] = await Promise.all([
        a.claimDue(10_000, 4, 60_000),
        b.claimDue(10_000, 4, 60_000),
      ]);
      claimed[0]?.push(...fromA);
      claimed[1]?.push(...fromB);
    }
    const ids = claimed.flat().map(({ id }) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(events.map((event) => `ops-pager:${event.id}`).sort());
    expect(claimed[0]?.length).toBeGreaterThan(0);
    expect(claimed[1]?.length).toBeGreaterThan(0);
  });
});
