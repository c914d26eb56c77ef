/**
 * The upstream-call budget of one request to one source: the executor takes a call per attempt
 * (retries included) and makes no retry without one; a paging read stops at a spent budget with
 * what it read; the skeleton gives every operation a fresh budget of `maxUpstreamCalls`.
 */
import pino from 'pino';
import type { CallContext } from '../../../src/contract';
import { CallBudget, isBudgetSpent, nextPage } from '../../../src/sources/budget';
import { defineSource, type SourceCallContext } from '../../../src/sources/define';
import { createHttpExecutor, type UpstreamRequest } from '../../../src/sources/http';
import { raw, startHostileUpstream, type HostileUpstream } from '../../helpers/hostile-upstream';

let upstream: HostileUpstream;
const http = createHttpExecutor({ sleep: () => Promise.resolve() });

beforeAll(async () => {
  upstream = await startHostileUpstream(raw(503, 'busy', { 'retry-after': '0' }));
});
afterAll(async () => {
  await http.close();
  await upstream.close();
});
beforeEach(() => {
  (upstream.requests as unknown[]).length = 0;
});

const read = (): UpstreamRequest => ({
  source: 'budgeted',
  method: 'GET',
  url: `${upstream.url}/jobLogs`,
  headers: {},
  timeoutMs: 2_000,
  maxResponseBytes: 1024,
  idempotent: true,
  maxAttempts: 5,
});
const within = (budget?: CallBudget) => ({
  signal: new AbortController().signal,
  deadline: Date.now() + 10_000,
  ...(budget === undefined ? {} : { budget }),
});

describe('CallBudget', () => {
  it('gives out `limit` calls and then refuses, taking nothing', () => {
    const budget = new CallBudget('src', 2);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
    expect([budget.used, budget.remaining]).toEqual([2, 0]);
  });

  it('reports a refused call as GW_ERR_SOURCE_UNAVAILABLE that isBudgetSpent recognizes', () => {
    const error = new CallBudget('src', 3).spent();
    expect(error).toMatchObject({ code: 'GW_ERR_SOURCE_UNAVAILABLE', source: 'src' });
    expect(error.message).toContain('maxUpstreamCalls (3)');
    expect(isBudgetSpent(error)).toBe(true);
    expect(isBudgetSpent(new Error('other'))).toBe(false);
  });
});

describe('createHttpExecutor().send with a budget', () => {
  it('retries a 503 only while calls are left: 2 calls, then the 503 is answered', async () => {
    const budget = new CallBudget('budgeted', 2);
    const response = await http.send(read(), within(budget));
    expect(response.status).toBe(503);
    expect(response.attempts).toBe(2);
    expect(upstream.requests).toHaveLength(2);
    expect(budget.remaining).toBe(0);
  });

  it('makes every attempt it may without a budget', async () => {
    const response = await http.send(read(), within());
    expect(response.attempts).toBe(5);
  });

  it('sends nothing when the budget is already spent', async () => {
    const budget = new CallBudget('budgeted', 1);
    budget.take();
    const error = await http.send(read(), within(budget)).catch((reason: unknown) => reason);
    expect(isBudgetSpent(error)).toBe(true);
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('nextPage', () => {
  it('always reads the first page, and a later one only while calls are left', async () => {
    const budget = new CallBudget('src', 1);
    budget.take();
    const page = jest.fn(() => Promise.resolve('page'));
    await expect(nextPage({ budget }, true, page)).resolves.toBe('page');
    await expect(nextPage({ budget }, false, page)).resolves.toBeUndefined();
    expect(page).toHaveBeenCalledTimes(1);
  });

  it('ends the read when a later page finds the budget spent on the way', async () => {
    const budget = new CallBudget('src', 5);
    await expect(
      nextPage({ budget }, false, () => Promise.reject(budget.spent())),
    ).resolves.toBeUndefined();
    await expect(nextPage({ budget }, false, () => Promise.reject(new Error('x')))).rejects.toThrow(
      'x',
    );
  });
});

describe('defineSource', () => {
  const context: CallContext = {
    signal: new AbortController().signal,
    deadline: Date.now() + 60_000,
    requestId: 'budget-test',
    logger: pino({ level: 'silent' }),
  };

  it('hands every operation a fresh budget of maxUpstreamCalls', async () => {
    const seen: Array<CallBudget | undefined> = [];
    const adapter = defineSource('losant', (_config: { id: string; maxUpstreamCalls: number }) => ({
      read: (_query, call: SourceCallContext) => {
        seen.push(call.budget);
        call.budget?.take();
        return Promise.resolve({ records: [], invalid: [], more: false });
      },
      normalize: () => {
        throw new Error('no records');
      },
      get: (_key, call: SourceCallContext) => {
        seen.push(call.budget);
        return Promise.resolve(undefined);
      },
      ping: (call: SourceCallContext) => {
        seen.push(call.budget);
        return Promise.resolve();
      },
    }))({ id: 'mem', maxUpstreamCalls: 7 }, undefined as never);
    await adapter.list({ limit: 1 }, context);
    await adapter.list({ limit: 1 }, context);
    await adapter.get('k', context);
    await adapter.probe(context);
    expect(seen.map((budget) => [budget?.limit, budget?.source])).toEqual(
      Array(4).fill([7, 'mem']),
    );
    expect(seen[1]!.used).toBe(1);
    expect(new Set(seen).size).toBe(4);
  });
});
