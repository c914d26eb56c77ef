import pino from 'pino';
import type { CallContext, JobLogQuery, SourceAdapter, SourcePage } from '../../../src/contract';
import { cacheSource, type CacheResult } from '../../../src/joblogs/cache';
import { cacheKeyOf } from '../../../src/joblogs/cache-key';
import { createMemoryStore } from '../../../src/joblogs/cache-store';

const PAGE: SourcePage = { records: [], invalid: [], truncated: false };

function context(signal = new AbortController().signal, deadlineMs = 5000): CallContext {
  return {
    signal,
    deadline: Date.now() + deadlineMs,
    requestId: 'req-1',
    logger: pino({ level: 'silent' }),
  };
}

interface Upstream {
  readonly adapter: SourceAdapter;
  readonly calls: CallContext[];
  /** Settles every pending call. */
  answer(page?: SourcePage): void;
}

/** An adapter whose list calls wait until answered, recording the context each was made with. */
function upstream(): Upstream {
  const calls: CallContext[] = [];
  const pending: Array<(page: SourcePage) => void> = [];
  const adapter: SourceAdapter = {
    id: 'src',
    type: 'losant',
    list: (_query, call) => {
      calls.push(call);
      return new Promise<SourcePage>((resolve, reject) => {
        pending.push(resolve);
        call.signal.addEventListener('abort', () => reject(call.signal.reason as Error));
      });
    },
    listNative: () => Promise.resolve(PAGE),
    get: () => Promise.resolve(undefined),
    probe: () => Promise.resolve({ ok: true, latencyMs: 0 }),
  };
  return {
    adapter,
    calls,
    answer: (page = PAGE) => pending.splice(0).forEach((resolve) => resolve(page)),
  };
}

const QUERY: JobLogQuery = { limit: 10, status: ['failed'] };
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('cacheKeyOf', () => {
  it('gives equal queries the same key whatever their field order', () => {
    expect(cacheKeyOf('s', 'list', { limit: 5, since: '2026-01-01T00:00:00Z' })).toBe(
      cacheKeyOf('s', 'list', { since: '2026-01-01T00:00:00Z', limit: 5 }),
    );
  });

  it('separates queries by their free text (q), case included, and from none', () => {
    const keys = [undefined, 'worker lost', 'Worker Lost', 'worker'].map((text) =>
      cacheKeyOf('s', 'list', { limit: 5, ...(text === undefined ? {} : { text }) }),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('separates sources, operations and credentials, and keeps no password in the key', () => {
    const withCredentials = (user: string, password: string): JobLogQuery => ({
      limit: 5,
      forType: { scene7: { assetHandle: 'a|1', credentials: { user, password } } },
    });
    const key = cacheKeyOf('s', 'listNative', withCredentials('u@example.com', 'secret-1'));
    expect(key).not.toContain('secret-1');
    expect(key).not.toContain('u@example.com');
    expect(key).not.toBe(cacheKeyOf('s', 'listNative', withCredentials('u@example.com', 'x')));
    expect(key).not.toBe(cacheKeyOf('s', 'list', withCredentials('u@example.com', 'secret-1')));
    expect(key).not.toBe(
      cacheKeyOf('t', 'listNative', withCredentials('u@example.com', 'secret-1')),
    );
  });
});

describe('createMemoryStore', () => {
  it('drops expired entries and the least recently used beyond its bound', async () => {
    let time = 0;
    const store = createMemoryStore({ maxEntries: 2, now: () => time });
    await store.set('a', 1, 100);
    await store.set('b', 2, 100);
    await store.get('a');
    await store.set('c', 3, 100);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(1);
    time = 100;
    expect(await store.get('c')).toBeUndefined();
  });
});

describe('cacheSource', () => {
  function cached(ttlMs: number, up = upstream()) {
    const results: CacheResult[] = [];
    const adapter = cacheSource(up.adapter, {
      ttlMs,
      store: createMemoryStore(),
      observe: ({ result }) => results.push(result),
    });
    return { adapter, results, up };
  }

  it('with ttl 0 / concurrent identical reads / makes one upstream call and stores nothing', async () => {
    const { adapter, results, up } = cached(0);
    const reads = [adapter.list(QUERY, context()), adapter.list({ ...QUERY }, context())];
    await tick();
    up.answer();
    await expect(Promise.all(reads)).resolves.toEqual([PAGE, PAGE]);
    expect(up.calls).toHaveLength(1);
    const later = adapter.list(QUERY, context());
    await tick();
    up.answer();
    await later;
    expect(up.calls).toHaveLength(2);
    expect(results).toEqual(['miss', 'coalesced', 'miss']);
  });

  it('with a ttl / a second identical read / is a hit without an upstream call', async () => {
    const { adapter, results, up } = cached(60_000);
    const first = adapter.list(QUERY, context());
    await tick();
    up.answer();
    await first;
    await expect(adapter.list(QUERY, context())).resolves.toEqual(PAGE);
    expect(up.calls).toHaveLength(1);
    expect(results).toEqual(['miss', 'hit']);
  });

  it('when one of two waiting callers hangs up / the other still gets the shared answer', async () => {
    const { adapter, up } = cached(0);
    const leaving = new AbortController();
    const first = adapter.list(QUERY, context(leaving.signal));
    const second = adapter.list(QUERY, context());
    await tick();
    leaving.abort(new Error('hung up'));
    await expect(first).rejects.toMatchObject({ code: 'GW_ERR_CLIENT_CLOSED' });
    expect(up.calls[0]?.signal.aborted).toBe(false);
    up.answer();
    await expect(second).resolves.toEqual(PAGE);
  });

  it('when every waiting caller hangs up / cancels the shared call, and the next read starts anew', async () => {
    const { adapter, up } = cached(0);
    const leaving = new AbortController();
    const only = adapter.list(QUERY, context(leaving.signal));
    await tick();
    leaving.abort(new Error('hung up'));
    await expect(only).rejects.toMatchObject({ code: 'GW_ERR_CLIENT_CLOSED' });
    expect(up.calls[0]?.signal.aborted).toBe(true);
    const next = adapter.list(QUERY, context());
    await tick();
    expect(up.calls).toHaveLength(2);
    up.answer();
    await expect(next).resolves.toEqual(PAGE);
  });

  it('when a joining caller has a nearer deadline / it stops waiting at its own deadline', async () => {
    const { adapter, up } = cached(0);
    const patient = adapter.list(QUERY, context());
    const hasty = adapter.list(QUERY, context(undefined, 20));
    await expect(hasty).rejects.toMatchObject({ code: 'GW_ERR_UPSTREAM_TIMEOUT' });
    up.answer();
    await expect(patient).resolves.toEqual(PAGE);
  });

  it('when the upstream fails / every waiting caller gets the failure and nothing is stored', async () => {
    const failing: SourceAdapter = {
      ...upstream().adapter,
      list: () => Promise.reject(new Error('boom')),
    };
    const { adapter, results } = cached(60_000, { ...upstream(), adapter: failing });
    const reads = [adapter.list(QUERY, context()), adapter.list(QUERY, context())];
    await expect(reads[0]).rejects.toThrow('boom');
    await expect(reads[1]).rejects.toThrow('boom');
    await expect(adapter.list(QUERY, context())).rejects.toThrow('boom');
    expect(results).toEqual(['miss', 'coalesced', 'miss']);
  });
});
