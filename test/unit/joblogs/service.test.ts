/**
 * The query service with in-memory adapters (no HTTP: the service's own logic): one source's data
 * or failure never costs another source its records, failed sources are logged, and health()
 * reuses its probe for readyCacheMs.
 */
import type { CallContext, SourceAdapter, SourcePage, UnifiedJobLog } from '../../../src/contract';
import { GatewayError } from '../../../src/errors/gateway-error';
import { createSourceBreaker } from '../../../src/joblogs/breaker';
import { guardSource } from '../../../src/joblogs/guarded-source';
import { createJobLogService } from '../../../src/joblogs/service';
import { createSchemaRegistry } from '../../../src/schemas/registry';
import { captureLogs } from '../../helpers/logs';
import { unifiedRecord } from '../../helpers/unified-record';

const validate = createSchemaRegistry().validator<UnifiedJobLog>('unified-job-log');

const record = unifiedRecord;

function adapter(
  id: string,
  list: () => Promise<SourcePage>,
  probe: SourceAdapter['probe'] = () => Promise.resolve({ ok: true, latencyMs: 1 }),
): SourceAdapter {
  return {
    id,
    type: 'losant',
    list,
    listNative: () => Promise.reject(new Error('not used')),
    get: () => Promise.resolve(undefined),
    probe,
  };
}

function contextWith(logger = captureLogs().logger): CallContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 10_000,
    requestId: 'req-1',
    logger,
  };
}

/** `{"a":{"a":...}}` `depth` objects deep, parsed from text as an upstream's record would be. */
const deep = (depth: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

describe('createJobLogService().list', () => {
  describe('when a source answers the same record objects again (a response-cache hit)', () => {
    it('checks each object once, keeps reporting the invalid one, and checks new objects anew', async () => {
      const good = record('cached', 'c1', '2026-01-02T00:00:00.000Z');
      const bad = { ...record('cached', 'c2', '2026-01-01T00:00:00.000Z'), status: 'odd' };
      let page: SourcePage = {
        records: [good, bad as UnifiedJobLog],
        invalid: [],
        truncated: false,
      };
      const checked: unknown[] = [];
      const counting = Object.assign(
        (data: unknown) => {
          checked.push(data);
          const valid = validate(data);
          counting.errors = validate.errors;
          return valid;
        },
        { errors: validate.errors },
      ) as unknown as typeof validate;
      const service = createJobLogService(
        new Map([['cached', adapter('cached', () => Promise.resolve(page))]]),
        counting,
      );
      const read = () => service.list({ query: { limit: 10 } }, contextWith());
      const expected = [
        {
          source: 'cached',
          records: [
            {
              index: 1,
              pointer: '/status',
              message: expect.stringMatching(/^normalized record: /),
            },
          ],
        },
      ];
      for (const result of [await read(), await read()]) {
        expect(result.items.map((item) => item.id)).toEqual(['cached.c1']);
        expect(result.invalid).toEqual(expected);
      }
      expect(checked).toEqual([good, bad]);
      // Equal content in new objects (a Redis hit parses its entry afresh) is checked again.
      page = { ...page, records: page.records.map((item) => structuredClone(item)) };
      const third = await read();
      expect(third.items.map((item) => item.id)).toEqual(['cached.c1']);
      expect(third.invalid).toEqual(expected);
      expect(checked).toHaveLength(4);
    });
  });

  describe('when one source answers a record nested 5,000 deep', () => {
    it('reports that record under the source’s invalid and answers every other record', async () => {
      const healthy = record('healthy', 'h1', '2026-01-02T00:00:00.000Z');
      const fine = record('odd', 'o1', '2026-01-01T00:00:00.000Z');
      const service = createJobLogService(
        new Map([
          [
            'healthy',
            adapter('healthy', () =>
              Promise.resolve({ records: [healthy], invalid: [], truncated: false }),
            ),
          ],
          [
            'odd',
            adapter('odd', () =>
              Promise.resolve({
                records: [record('odd', 'o0', '2026-01-03T00:00:00.000Z', deep(5_000)), fine],
                invalid: [],
                truncated: false,
              }),
            ),
          ],
        ]),
        validate,
      );
      const result = await service.list({ query: { limit: 10 } }, contextWith());
      expect(result.items.map((item) => item.id)).toEqual(['healthy.h1', 'odd.o1']);
      expect(result.invalid).toEqual([
        {
          source: 'odd',
          records: [
            { index: 0, pointer: '', message: 'normalized record is nested deeper than 72 levels' },
          ],
        },
      ]);
      expect(() => JSON.stringify(result)).not.toThrow();
    });
  });

  describe('when one source fails while another answers', () => {
    it('logs the failed source at warn with its code and the request id', async () => {
      const logs = captureLogs();
      const service = createJobLogService(
        new Map([
          [
            'ok',
            adapter('ok', () => Promise.resolve({ records: [], invalid: [], truncated: false })),
          ],
          [
            'down',
            adapter('down', () =>
              Promise.reject(
                new GatewayError('GW_ERR_UPSTREAM_FAULT', 'down reported an error (HTTP 500).', {
                  source: 'down',
                  upstream: { status: 500 },
                }),
              ),
            ),
          ],
        ]),
        validate,
      );
      const result = await service.list({ query: { limit: 10 } }, contextWith(logs.logger));
      expect(result.errors.map(({ source, error }) => [source, error.code])).toEqual([
        ['down', 'GW_ERR_UPSTREAM_FAULT'],
      ]);
      expect(logs.lines).toEqual([
        expect.objectContaining({
          level: 40,
          source: 'down',
          code: 'GW_ERR_UPSTREAM_FAULT',
          requestId: 'req-1',
          upstreamStatus: 500,
        }),
      ]);
    });

    it('logs a source that failed because the caller went away at debug only', async () => {
      const logs = captureLogs();
      const service = createJobLogService(
        new Map([
          [
            'gone',
            adapter('gone', () =>
              Promise.reject(
                new GatewayError('GW_ERR_CLIENT_CLOSED', 'The caller went away.', {
                  source: 'gone',
                }),
              ),
            ),
          ],
        ]),
        validate,
      );
      await expect(
        service.list({ query: { limit: 10 } }, contextWith(logs.logger)),
      ).rejects.toMatchObject({
        code: 'GW_ERR_CLIENT_CLOSED',
      });
      expect(logs.lines.map((line) => [line.level, line.code])).toEqual([
        [20, 'GW_ERR_CLIENT_CLOSED'],
      ]);
    });
  });

  describe('when a source’s breaker is open', () => {
    it('answers its records without calling it, listing it as unavailable', async () => {
      const list = jest.fn(() =>
        Promise.reject(
          new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'down timed out.', { source: 'down' }),
        ),
      );
      const breaker = createSourceBreaker('down', { failures: 1, openMs: 60_000 });
      const service = createJobLogService(
        new Map([
          [
            'ok',
            adapter('ok', () => Promise.resolve({ records: [], invalid: [], truncated: false })),
          ],
          ['down', guardSource(adapter('down', list), breaker)],
        ]),
        validate,
      );
      const logs = captureLogs();
      await service.list({ query: { limit: 1 } }, contextWith(logs.logger));
      const result = await service.list({ query: { limit: 1 } }, contextWith(logs.logger));
      expect(list).toHaveBeenCalledTimes(1);
      expect(result.errors.map(({ error }) => [error.code, error.retryAfter])).toEqual([
        ['GW_ERR_SOURCE_UNAVAILABLE', 60],
      ]);
      // The failure that opened it is a warning; each call its open breaker answers is news only.
      expect(logs.lines.map((line) => [line.level, line.code])).toEqual([
        [40, 'GW_ERR_UPSTREAM_TIMEOUT'],
        [30, 'GW_ERR_SOURCE_UNAVAILABLE'],
      ]);
    });

    it('passes a query about another source type by, without touching the breaker', async () => {
      const list = jest.fn(() => Promise.resolve({ records: [], invalid: [], truncated: false }));
      const breaker = createSourceBreaker('down', { failures: 1, openMs: 60_000 });
      await breaker
        .run(() =>
          Promise.reject(new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'x', { source: 'down' })),
        )
        .catch(() => undefined);
      const guarded = guardSource(adapter('down', list), breaker);
      await expect(
        guarded.list({ limit: 1, forType: { scene7: { assetHandle: 'a|1|2|3' } } }, contextWith()),
      ).resolves.toMatchObject({ records: [] });
      expect(list).toHaveBeenCalledTimes(1);
    });
  });
});

describe('createJobLogService().health', () => {
  it('reuses one probe of each source for readyCacheMs, shared by callers arriving together', async () => {
    const probe = jest.fn(
      () =>
        new Promise<{ ok: boolean; latencyMs: number }>((resolve) =>
          setTimeout(() => resolve({ ok: true, latencyMs: 5 }), 20),
        ),
    );
    const service = createJobLogService(
      new Map([['one', adapter('one', () => Promise.reject(new Error('not used')), probe)]]),
      validate,
      { readyCacheMs: 60_000 },
    );
    const answers = await Promise.all([
      service.health(contextWith()),
      service.health(contextWith()),
    ]);
    await service.health(contextWith());
    expect(probe).toHaveBeenCalledTimes(1);
    expect(answers[0]).toEqual([{ id: 'one', type: 'losant', ok: true, latencyMs: 5 }]);
  });

  it('probes with a signal of its own: a caller hanging up does not cut the shared probe short', async () => {
    let seen: AbortSignal | undefined;
    const probe = jest.fn((context: CallContext) => {
      seen = context.signal;
      return Promise.resolve({ ok: true, latencyMs: 1 });
    });
    const service = createJobLogService(
      new Map([['one', adapter('one', () => Promise.reject(new Error('not used')), probe)]]),
      validate,
    );
    const caller = new AbortController();
    await service.health({ ...contextWith(), signal: caller.signal });
    caller.abort(new Error('client closed the connection'));
    expect(seen).toBeDefined();
    expect(seen).not.toBe(caller.signal);
    expect(seen!.aborted).toBe(false);
  });

  it('reports an open breaker not ready without probing the source', async () => {
    const probe = jest.fn(() => Promise.resolve({ ok: true, latencyMs: 1 }));
    const breaker = createSourceBreaker('down', { failures: 1, openMs: 60_000 });
    await breaker
      .run(() =>
        Promise.reject(new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', 'x', { source: 'down' })),
      )
      .catch(() => undefined);
    const service = createJobLogService(
      new Map([
        [
          'down',
          guardSource(
            adapter('down', () => Promise.reject(new Error('x')), probe),
            breaker,
          ),
        ],
      ]),
      validate,
    );
    const [health] = await service.health(contextWith());
    expect(probe).not.toHaveBeenCalled();
    expect(health).toMatchObject({
      id: 'down',
      ok: false,
      detail: expect.stringMatching(/^circuit open/),
    });
  });
});
