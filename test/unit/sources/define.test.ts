import pino from 'pino';
import type { CallContext, SourceType } from '../../../src/contract';
import { defineSource, type NormalizedJobLog, type SourceQuery } from '../../../src/sources/define';

const context: CallContext = {
  signal: new AbortController().signal,
  deadline: Date.now() + 60_000,
  requestId: 'define-test',
  logger: pino({ level: 'silent' }),
};

interface Native {
  readonly key: string;
  readonly at: string;
  readonly state: 'ok' | 'bad';
}

const NATIVES: readonly Native[] = [
  { key: 'k3', at: '2026-03-03T00:00:00.000Z', state: 'bad' },
  { key: 'k2', at: '2026-03-02T00:00:00.000Z', state: 'ok' },
  { key: 'k1', at: '2026-03-01T00:00:00.000Z', state: 'ok' },
];

function normalized(native: Native): NormalizedJobLog {
  return {
    key: native.key,
    job: { id: null, name: null },
    status: native.state === 'ok' ? 'succeeded' : 'failed',
    nativeStatus: native.state,
    time: native.at,
    times: { queued: null, started: null, ended: null, logged: native.at },
    message: null,
    user: null,
    target: null,
    details: [],
    raw: native,
  };
}

/** An adapter of `type` over NATIVES that records the queries its `read` was given. */
function memoryAdapter<T extends SourceType>(type: T, ping: () => Promise<void> = async () => {}) {
  const reads: Array<SourceQuery<T>> = [];
  const adapter = defineSource(type, (_config: { id: string }) => ({
    read: (query: SourceQuery<T>) => {
      reads.push(query);
      return Promise.resolve({ records: NATIVES, invalid: [], more: false });
    },
    normalize: normalized,
    get: () => Promise.resolve(undefined),
    ping,
  }))({ id: `${type}-mem` }, undefined as never);
  return { adapter, reads };
}

describe('defineSource', () => {
  describe('list', () => {
    it('stamps each record with its gateway-wide id and source', async () => {
      const { adapter } = memoryAdapter('business-central');
      const page = await adapter.list({ limit: 1 }, context);
      expect(page.records[0]).toMatchObject({
        id: 'business-central-mem.k3',
        source: { id: 'business-central-mem', type: 'business-central' },
        nativeStatus: 'bad',
      });
    });

    it('normalizes, filters by status and time, slices to the limit and says it truncated', async () => {
      const { adapter } = memoryAdapter('losant');
      const page = await adapter.list(
        { status: ['succeeded'], since: '2026-03-01T00:00:00Z', limit: 1 },
        context,
      );
      expect(page.records.map((record) => record.id)).toEqual(['losant-mem.k2']);
      expect(page.truncated).toBe(true);
    });
  });

  describe('listNative', () => {
    it('applies the same filters and answers the native records themselves', async () => {
      const { adapter } = memoryAdapter('losant');
      const page = await adapter.listNative({ status: ['succeeded'], limit: 5 }, context);
      expect(page.records).toEqual([NATIVES[1], NATIVES[2]]);
      expect(page.truncated).toBe(false);
    });
  });

  describe('when a query carries an input of another source type', () => {
    it('asks nothing: a Scene7 asset handle concerns no Losant or Business Central record', async () => {
      for (const type of ['losant', 'business-central'] as const) {
        const { adapter, reads } = memoryAdapter(type);
        const query = { limit: 5, forType: { scene7: { assetHandle: 'a|732|1|535' } } };
        await expect(adapter.list(query, context)).resolves.toEqual({
          records: [],
          invalid: [],
          truncated: false,
        });
        await expect(adapter.listNative(query, context)).resolves.toMatchObject({ records: [] });
        expect(reads).toHaveLength(0);
      }
    });
  });

  describe('when a query carries an input of its own type', () => {
    it('hands the adapter that input alone, without the per-type map', async () => {
      const { adapter, reads } = memoryAdapter('scene7');
      await adapter.list(
        { limit: 5, forType: { scene7: { assetHandle: 'a|732|1|535', companyHandle: 'c|6' } } },
        context,
      );
      expect(reads).toEqual([
        { limit: 5, input: { assetHandle: 'a|732|1|535', companyHandle: 'c|6' } },
      ]);
    });
  });

  describe('probe', () => {
    it('is ok with a latency when ping resolves', async () => {
      const { adapter } = memoryAdapter('losant');
      await expect(adapter.probe(context)).resolves.toMatchObject({ ok: true });
    });

    it('is not ok, with the reason, when ping throws', async () => {
      const { adapter } = memoryAdapter('losant', () => Promise.reject(new Error('HTTP 500')));
      await expect(adapter.probe(context)).resolves.toMatchObject({
        ok: false,
        detail: 'HTTP 500',
      });
    });
  });
});
