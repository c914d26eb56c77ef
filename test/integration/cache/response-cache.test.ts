/**
 * The response cache and request coalescing against the real Losant emulator, counting the
 * requests it recorded: identical reads within a source's cacheTtlMs make one upstream call,
 * concurrent identical reads share one call, entries expire, and /metrics counts the results.
 */
import { getFromGateway, startLosantStack, type LosantStack } from '../../helpers/gateway';

const LIST = '/v1/job-logs?source=losant-test&limit=5';

async function listed(stack: LosantStack, path = LIST): Promise<unknown> {
  const response = await getFromGateway(stack.gateway, path);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: unknown }).items;
}

async function cacheCount(stack: LosantStack, result: string): Promise<number> {
  const text = await (await getFromGateway(stack.gateway, '/metrics')).text();
  const line = text
    .split('\n')
    .find((row) =>
      row.startsWith(
        `joblog_gateway_cache_requests_total{source="losant-test",result="${result}"}`,
      ),
    );
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

describe('GET /v1/job-logs with a response cache', () => {
  let stack: LosantStack;
  beforeAll(async () => {
    stack = await startLosantStack({ losant: { cacheTtlMs: 60_000 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.losant.clearRequests());

  it('when the same listing is read twice within the TTL / calls the upstream once and answers the same items', async () => {
    const path = `${LIST}&status=failed`;
    const first = await listed(stack, path);
    const upstreamCalls = stack.losant.requests.length;
    expect(upstreamCalls).toBeGreaterThan(0);
    expect(await listed(stack, path)).toEqual(first);
    expect(stack.losant.requests).toHaveLength(upstreamCalls);
  });

  it('when another filter is read / calls the upstream again', async () => {
    await listed(stack, `${LIST}&status=succeeded`);
    const before = stack.losant.requests.length;
    await listed(stack, `${LIST}&status=running`);
    expect(stack.losant.requests.length).toBeGreaterThan(before);
  });

  it('when one record is read twice / calls the upstream once', async () => {
    const [item] = (await listed(stack)) as Array<{ id: string }>;
    stack.losant.clearRequests();
    const path = `/v1/job-logs/${encodeURIComponent(item!.id)}`;
    expect((await getFromGateway(stack.gateway, path)).status).toBe(200);
    expect((await getFromGateway(stack.gateway, path)).status).toBe(200);
    expect(stack.losant.requests).toHaveLength(1);
  });

  it('counts hits and misses in /metrics', async () => {
    const [hits, misses] = [await cacheCount(stack, 'hit'), await cacheCount(stack, 'miss')];
    await listed(stack, `${LIST}&status=queued`);
    await listed(stack, `${LIST}&status=queued`);
    expect(await cacheCount(stack, 'miss')).toBe(misses + 1);
    expect(await cacheCount(stack, 'hit')).toBe(hits + 1);
  });
});

describe('GET /v1/job-logs with cacheTtlMs 0 (the default)', () => {
  let stack: LosantStack;
  beforeAll(async () => {
    stack = await startLosantStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.losant.clearRequests());

  it('when identical listings arrive together / makes one upstream call for all of them', async () => {
    stack.losant.inject({ kind: 'delay', ms: 300 });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => getFromGateway(stack.gateway, LIST)),
    );
    expect(answers.map(({ status }) => status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(answers.map((answer) => answer.json()));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(stack.losant.requests).toHaveLength(1);
    expect(await cacheCount(stack, 'coalesced')).toBe(4);
  });

  it('when the same listing is read again afterwards / calls the upstream again', async () => {
    await listed(stack);
    await listed(stack);
    expect(stack.losant.requests).toHaveLength(2);
  });
});

describe('GET /v1/job-logs with a short TTL', () => {
  let stack: LosantStack;
  beforeAll(async () => {
    stack = await startLosantStack({ losant: { cacheTtlMs: 200 } });
  });
  afterAll(() => stack.close());

  it('when the TTL has passed / calls the upstream again', async () => {
    stack.losant.clearRequests();
    await listed(stack);
    await listed(stack);
    expect(stack.losant.requests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await listed(stack);
    expect(stack.losant.requests).toHaveLength(2);
  });
});
