/**
 * The per-source circuit breaker through the whole gateway, against the Losant emulator on
 * loopback: it opens on failures, answers at once while open, recovers through a half-open probe,
 * ignores the caller's hang-ups and the caller's own faults, shows in /readyz and /metrics.
 */
import { getFromGateway, startLosantStack, type LosantStack } from '../../helpers/gateway';

jest.setTimeout(20_000);

const stacks: LosantStack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((stack) => stack.close()));
});

async function stackWith(breaker: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const stack = await startLosantStack({ losant: { breaker, ...extra } });
  stacks.push(stack);
  return stack;
}

const list = (stack: LosantStack, init: RequestInit = {}, limit = 3): Promise<Response> =>
  fetch(`${stack.gateway.url}/v1/job-logs?limit=${limit}`, {
    ...init,
    headers: { authorization: 'Bearer test-api-key-0123456789' },
  });

/** The value of one sample on /metrics, or undefined when it is not there. */
async function sample(
  stack: LosantStack,
  name: string,
  labels: string,
): Promise<number | undefined> {
  const text = await (await fetch(`${stack.gateway.url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /v1/job-logs with one losant source', () => {
  describe('when losant failed breaker.failures times in a row', () => {
    it('answers 503 GW_ERR_SOURCE_UNAVAILABLE at once, with Retry-After, calling nothing', async () => {
      const stack = await stackWith({ failures: 2, openMs: 5_000 });
      stack.losant.inject({ kind: 'http-error', status: 500 }, 2);
      expect((await list(stack)).status).toBe(502);
      expect((await list(stack)).status).toBe(502);

      const response = await list(stack);

      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_SOURCE_UNAVAILABLE',
        source: 'losant-test',
      });
      expect(stack.losant.requests).toHaveLength(2);
      expect(await sample(stack, 'joblog_gateway_breaker_state', 'source="losant-test"')).toBe(2);
      expect(
        await sample(stack, 'joblog_gateway_breaker_short_circuits_total', 'source="losant-test"'),
      ).toBe(1);
    });
  });

  describe('after openMs, when losant is healthy again', () => {
    it('lets one probe through, closes on its success and answers normally', async () => {
      const stack = await stackWith({ failures: 1, openMs: 300 });
      stack.losant.inject({ kind: 'http-error', status: 500 });
      expect((await list(stack)).status).toBe(502);
      expect((await list(stack)).status).toBe(503);
      await sleep(400);

      const probe = await list(stack);

      expect(probe.status).toBe(200);
      expect(stack.losant.requests).toHaveLength(2);
      expect((await list(stack)).status).toBe(200);
      expect(await sample(stack, 'joblog_gateway_breaker_state', 'source="losant-test"')).toBe(0);
      for (const [state, count] of [
        ['open', 1],
        ['half-open', 1],
        ['closed', 1],
      ] as const) {
        expect(
          await sample(
            stack,
            'joblog_gateway_breaker_transitions_total',
            `source="losant-test",state="${state}"`,
          ),
        ).toBe(count);
      }
    });

    it('opens again when the probe fails', async () => {
      const stack = await stackWith({ failures: 1, openMs: 300 });
      stack.losant.inject({ kind: 'http-error', status: 500 }, 2);
      await list(stack);
      await sleep(400);
      expect((await list(stack)).status).toBe(502);
      expect((await list(stack)).status).toBe(503);
      expect(stack.losant.requests).toHaveLength(2);
    });
  });

  describe('when callers hang up while losant hangs, more often than breaker.failures', () => {
    it('does not count them: the breaker stays closed and the next request goes upstream', async () => {
      const stack = await stackWith({ failures: 2, openMs: 60_000 }, { timeoutMs: 5_000 });
      stack.losant.inject({ kind: 'hang' }, 4);
      for (let call = 0; call < 4; call += 1) {
        const caller = new AbortController();
        setTimeout(() => caller.abort(), 150);
        // Each its own listing: a call still under way would be shared with an identical one.
        await expect(list(stack, { signal: caller.signal }, 10 + call)).rejects.toThrow();
      }
      await sleep(200);
      expect(await sample(stack, 'joblog_gateway_breaker_state', 'source="losant-test"')).toBe(0);
      expect(
        await sample(
          stack,
          'joblog_gateway_upstream_requests_total',
          'source="losant-test",outcome="aborted"',
        ),
      ).toBe(4);

      const response = await list(stack);

      expect(response.status).toBe(200);
      expect(stack.losant.requests).toHaveLength(5);
    });
  });

  describe('when losant rejects the query (the caller’s fault) more often than breaker.failures', () => {
    it('does not count it', async () => {
      const stack = await stackWith({ failures: 1, openMs: 60_000 });
      stack.losant.inject(
        { kind: 'http-error', status: 400, body: '{"type":"Validation","message":"bad query"}' },
        3,
      );
      for (let call = 0; call < 3; call += 1) expect((await list(stack)).status).toBe(400);
      expect((await list(stack)).status).toBe(200);
      expect(stack.losant.requests).toHaveLength(4);
    });
  });
});

describe('GET /readyz', () => {
  describe('when a source’s breaker is open', () => {
    it('reports the source not ready without calling it', async () => {
      const stack = await stackWith({ failures: 1, openMs: 60_000 });
      stack.losant.inject({ kind: 'http-error', status: 500 });
      await list(stack);
      const before = stack.losant.requests.length;

      const response = await fetch(`${stack.gateway.url}/readyz`);

      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'not ready',
        sources: [
          {
            id: 'losant-test',
            ok: false,
            detail: expect.stringMatching(/^circuit open/) as unknown,
          },
        ],
      });
      expect(stack.losant.requests).toHaveLength(before);
    });
  });
});

describe('GET /v1/job-logs/{id}', () => {
  it('goes through the breaker too', async () => {
    const stack = await stackWith({ failures: 1, openMs: 60_000 });
    stack.losant.inject({ kind: 'http-error', status: 500 });
    await list(stack);
    const response = await getFromGateway(
      stack.gateway,
      '/v1/job-logs/losant-test.NTc1ZWM3NmM3YWUxNDNjZDgzZGM0YTk2',
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'GW_ERR_SOURCE_UNAVAILABLE' });
    expect(stack.losant.requests).toHaveLength(1);
  });
});
