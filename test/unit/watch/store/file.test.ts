/**
 * The file store (one replica): the shared WatchStore suite, then what is the file's own: state
 * that survives a restart, a file never half-written, and a clear stop at start-up on a file it
 * cannot use.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileWatchStore, WatchStateFileError } from '../../../../src/watch/store';
import { decodeState } from '../../../../src/watch/store/file-state';
import type { StoredEvent, WatchStore } from '../../../../src/watch/types';
import {
  commitEvents,
  describeWatchStoreContract,
  eventOf,
  jobOf,
  liveSubscription,
} from './store-contract';

let directory: string;
let files = 0;
const stores: WatchStore[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'watch-store-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** A path no store has used yet, in a folder that does not exist yet. */
function newPath(): string {
  files += 1;
  return join(directory, `replica-${files}`, 'state', 'watch.json');
}

async function open(path: string, bufferSize?: number): Promise<WatchStore> {
  const store = await createFileWatchStore({ path, bufferSize });
  stores.push(store);
  return store;
}

async function positions(store: WatchStore): Promise<StoredEvent[]> {
  const read = await store.readAfter(undefined, 1000);
  if (read.expired) throw new Error('expired');
  return [...read.events];
}

describeWatchStoreContract('file', (options) =>
  createFileWatchStore({ path: newPath(), bufferSize: options?.bufferSize }),
);

describe('file store / restart', () => {
  it('a new store on the same path / loads the marks, the outbox and the pending jobs', async () => {
    const path = newPath();
    const first = await open(path);
    const job = jobOf(eventOf(2), 1000);
    await commitEvents(first, [eventOf(1), eventOf(2)], [job]);
    const before = await positions(first);
    const mark = await first.load('losant-test');
    await first.close();

    const second = await open(path);
    await expect(second.load('losant-test')).resolves.toEqual(mark);
    await expect(positions(second)).resolves.toEqual(before);
    await expect(second.claimDue(1000, 10, 60_000)).resolves.toEqual([job]);
  });

  it('positions given before a restart / still resume after it, and new ones follow on', async () => {
    const path = newPath();
    const first = await open(path);
    await commitEvents(first, [eventOf(1), eventOf(2)]);
    const [one, two] = (await positions(first)) as [StoredEvent, StoredEvent];
    await first.close();

    const second = await open(path);
    await commitEvents(second, [eventOf(3)]);
    const read = await second.readAfter(one.position, 10);
    if (read.expired) throw new Error('expired');
    expect(read.events.map(({ id }) => id)).toEqual([eventOf(2).id, eventOf(3).id]);
    expect(read.events[0]?.position).toBe(two.position);
    const [epoch, seq] = two.position.split('-');
    expect(read.events[1]?.position).toBe(`${epoch}-${Number(seq) + 1}`);
  });

  it('a job claimed before a restart / is claimable again at once after it (at least once)', async () => {
    const path = newPath();
    const first = await open(path);
    const job = jobOf(eventOf(1), 1000);
    await commitEvents(first, [eventOf(1)], [job]);
    await expect(first.claimDue(1000, 10, 60_000)).resolves.toEqual([job]);
    await expect(first.claimDue(1001, 10, 60_000)).resolves.toEqual([]);
    await first.close();

    const second = await open(path);
    await expect(second.claimDue(1001, 10, 60_000)).resolves.toEqual([job]);
  });

  it('a smaller bufferSize after a restart / keeps the newest events and old positions expire', async () => {
    const path = newPath();
    const first = await open(path);
    await commitEvents(first, [eventOf(1), eventOf(2), eventOf(3), eventOf(4)]);
    const all = await positions(first);
    await first.close();

    const second = await open(path, 2);
    await expect(positions(second)).resolves.toEqual(all.slice(2));
    await expect(second.readAfter(all[0]?.position, 10)).resolves.toEqual({ expired: true });
    await expect(second.readAfter(all[1]?.position, 10)).resolves.toEqual({
      expired: false,
      events: all.slice(2),
    });
  });
});

describe('file store / writes', () => {
  it('an awaited commit / is in the file on disk when its promise resolves', async () => {
    const path = newPath();
    const store = await open(path);
    await commitEvents(store, [eventOf(1)], [jobOf(eventOf(1), 1000)]);
    const onDisk = decodeState(await readFile(path, 'utf8'), path);
    expect(onDisk.events.map(({ id }) => id)).toEqual([eventOf(1).id]);
    expect([...onDisk.jobs.keys()]).toEqual([`ops-pager:${eventOf(1).id}`]);
    expect(onDisk.marks.get('losant-test')).toEqual(await store.load('losant-test'));
  });

  it('commits racing each other / all land, in call order, and every read of the file parses', async () => {
    const path = newPath();
    const store = await open(path);
    let reading = true;
    let reads = 0;
    // Reads the file over and over while the commits run: a write in place would show a
    // half-written file sooner or later; a rename never does.
    const reader = (async () => {
      while (reading) {
        decodeState(await readFile(path, 'utf8'), path);
        reads += 1;
      }
    })();
    // Rounds of 20 commits at once: each round is a write or two (coalesced), so the file is
    // replaced over and over while it is read.
    const events = Array.from({ length: 200 }, (_, run) => eventOf(run));
    for (let round = 0; round < 10; round++) {
      const commits = events.slice(round * 20, round * 20 + 20).map((event, index) => {
        const run = round * 20 + index;
        return store.commit('losant-test', undefined, {
          mark: { hwm: run, seen: { [event.id]: run } },
          events: [event],
          deliveries: [jobOf(event, run)],
        });
      });
      await expect(Promise.all(commits)).resolves.toEqual(commits.map(() => true));
    }
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);

    const onDisk = decodeState(await readFile(path, 'utf8'), path);
    expect(onDisk.events.map(({ id }) => id)).toEqual(events.map(({ id }) => id));
    expect(onDisk.jobs.size).toBe(200);
    // The last commit called wins the mark.
    expect(onDisk.marks.get('losant-test')).toEqual({
      hwm: 199,
      seen: { [events[199]?.id ?? '']: 199 },
    });
    // The temp file was renamed into place: nothing else is left in the folder.
    await expect(readdir(join(path, '..'))).resolves.toEqual(['watch.json']);
  });

  it('a write that fails / rejects the commit, changes nothing, and the next one succeeds', async () => {
    const path = newPath();
    const store = await open(path);
    await commitEvents(store, [eventOf(1)]);
    const live = await liveSubscription(store);
    const before = await readFile(path, 'utf8');
    // A directory where the temp file goes: opening it for writing fails (EISDIR).
    await mkdir(`${path}.tmp`);
    await expect(
      store.commit('losant-test', undefined, {
        mark: { hwm: 2, seen: {} },
        events: [eventOf(2)],
        deliveries: [jobOf(eventOf(2), 0)],
      }),
    ).rejects.toThrow(/EISDIR|illegal operation on a directory/);
    expect(live.events).toEqual([]);
    expect((await store.load('losant-test')).hwm).toBe(1);
    await expect(store.claimDue(1_000_000, 10, 500)).resolves.toEqual([]);
    const unchanged = decodeState(await readFile(path, 'utf8'), path);
    expect(unchanged).toEqual(decodeState(before, path));

    await rm(`${path}.tmp`, { recursive: true });
    await commitEvents(store, [eventOf(3)]);
    expect(live.events.map(({ id }) => id)).toEqual([eventOf(3).id]);
    live.stop();
  });
});

describe('file store / start-up', () => {
  it('a path in folders that do not exist / creates them and the file, with a fixed epoch', async () => {
    const path = newPath();
    const store = await open(path);
    const onDisk = decodeState(await readFile(path, 'utf8'), path);
    expect(onDisk.seq).toBe(0);
    await commitEvents(store, [eventOf(1)]);
    const [event] = await positions(store);
    expect(event?.position).toBe(`${onDisk.epoch}-1`);
  });

  it('a file that is not JSON / fails start-up with a clear error and is left as it is', async () => {
    const path = newPath();
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, '{"format":"joblog-gateway/watch-state","version":1,"epo');
    const failure = createFileWatchStore({ path });
    await expect(failure).rejects.toThrow(WatchStateFileError);
    await expect(failure).rejects.toThrow(`The watch state file ${path} is not JSON`);
    await expect(readFile(path, 'utf8')).resolves.toBe(
      '{"format":"joblog-gateway/watch-state","version":1,"epo',
    );
  });

  it('a JSON file of the wrong shape / fails start-up naming what is wrong', async () => {
    const path = newPath();
    const store = await open(path);
    await commitEvents(store, [eventOf(1), eventOf(2)]);
    await store.close();
    const state = JSON.parse(await readFile(path, 'utf8')) as { events: { position: string }[] };
    (state.events[1] as { position: string }).position = 'someone-else-7';
    await writeFile(path, JSON.stringify(state));
    await expect(createFileWatchStore({ path })).rejects.toThrow(
      /is not valid: outbox event 1 \(expected at position [a-z0-9]+-2\)/,
    );
    await writeFile(path, JSON.stringify({ hello: 'world' }));
    await expect(createFileWatchStore({ path })).rejects.toThrow(
      'is not valid: it is not a watch state file',
    );
  });

  it('a path that cannot be read / fails start-up saying so', async () => {
    const path = newPath();
    await mkdir(path, { recursive: true });
    const failure = createFileWatchStore({ path });
    await expect(failure).rejects.toThrow(WatchStateFileError);
    await expect(failure).rejects.toThrow(`The watch state file ${path} cannot be read`);
  });
});

describe('file store / leases', () => {
  it('acquire / always succeeds (one replica), and renew extends validUntil', async () => {
    const store = await open(newPath());
    const before = performance.now();
    const lease = await store.acquire('losant-test', 15_000);
    expect(lease).toEqual({ source: 'losant-test', token: 'file', validUntil: expect.any(Number) });
    expect(lease?.validUntil).toBeGreaterThanOrEqual(before + 15_000);
    await expect(store.acquire('losant-test', 15_000)).resolves.toBeDefined();
    const renewed = await store.renew(lease!, 30_000);
    expect(renewed?.validUntil).toBeGreaterThan(lease!.validUntil);
    await store.release(renewed!);
    await expect(
      store.commit('losant-test', renewed, {
        mark: { hwm: 1, seen: {} },
        events: [],
        deliveries: [],
      }),
    ).resolves.toBe(true);
  });
});
