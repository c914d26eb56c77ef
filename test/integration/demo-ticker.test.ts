/**
 * The demo's ticker (`joblog-gateway demo --tick [ms]`, DEMO_TICK_MS): off by default; when on,
 * it appends a record with a pseudo-random status to a pseudo-random emulator every interval,
 * logs one line per append, and the gateway in front lists what it appended.
 */
import pino from 'pino';
import { buildConfig } from '../../src/config/load';
import { demoBanner, startDemo, type Demo } from '../../src/demo/start';
import { DEFAULT_TICK_MS, tickIntervalOf } from '../../src/demo/ticker';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { captureLogs } from '../helpers/logs';

const KEY = 'demo-ticker-key-0123456789';
const quiet = pino({ level: 'silent' });

interface Running {
  readonly demo: Demo;
  readonly gateway: RunningGateway;
  list(since: string): Promise<Array<{ source: { id: string }; status: string }>>;
  close(): Promise<void>;
}

async function startDemoStack(): Promise<Running> {
  const demo = await startDemo({ DEMO_API_KEY: KEY }, quiet);
  const config = buildConfig({
    ...demo.config,
    server: { host: '127.0.0.1', port: 0, logLevel: 'silent' },
  });
  const gateway = await startGateway(config, { logger: quiet });
  return {
    demo,
    gateway,
    async list(since) {
      const query = new URLSearchParams({ since, limit: '1000' });
      const response = await fetch(`${gateway.url}/v1/job-logs?${query.toString()}`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { items: [] }).items;
    },
    async close() {
      await gateway.close(100);
      await demo.close();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}

describe('demo ticker', () => {
  describe('when not turned on', () => {
    it('appends nothing: no record newer than the start, no ticker in the banner', async () => {
      const stack = await startDemoStack();
      try {
        const since = new Date(Date.now() - 1000).toISOString();
        await sleep(300);
        expect(stack.demo.ticker).toBeUndefined();
        expect(await stack.list(since)).toEqual([]);
        const banner = demoBanner(stack.gateway.url, stack.demo);
        expect(banner).not.toContain('Ticker');
        expect(banner).toContain('npm start -- --tick');
      } finally {
        await stack.close();
      }
    });
  });

  describe('when turned on', () => {
    it('appends one record per tick to the emulators, logs one line each, and the gateway lists them', async () => {
      const stack = await startDemoStack();
      const logs = captureLogs('info');
      try {
        const since = new Date(Date.now() - 1000).toISOString();
        const ticker = stack.demo.startTicker(50, logs.logger);
        expect(demoBanner(stack.gateway.url, stack.demo)).toContain('every 50 ms');
        await until(() => ticker.appended >= 8);
        ticker.stop();
        const appended = ticker.appended;
        await sleep(150);
        expect(ticker.appended).toBe(appended);
        const lines = logs.lines.filter((line) => line.msg === 'demo ticker appended a job log');
        expect(lines).toHaveLength(appended);
        const listed = await stack.list(since);
        const count = (items: ReadonlyArray<Record<string, unknown>>) =>
          items
            .map((item) => `${String(item.source)} ${String(item.status)}`)
            .sort()
            .join('\n');
        expect(count(listed.map((item) => ({ source: item.source.id, status: item.status })))).toBe(
          count(lines),
        );
        expect(new Set(lines.map((line) => line.source)).size).toBeGreaterThan(1);
      } finally {
        await stack.close();
      }
    });
  });
});

describe('the demo banner’s admin curl', () => {
  it('appends a job log as printed, and the gateway lists it', async () => {
    const stack = await startDemoStack();
    try {
      const since = new Date(Date.now() - 1000).toISOString();
      const banner = demoBanner(stack.gateway.url, stack.demo);
      const [, body, url] =
        /curl -X POST -H 'Content-Type: application\/json' -d '([^']+)' '([^']+)'/.exec(banner) ??
        [];
      const response = await fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(201);
      const listed = await stack.list(since);
      expect(listed.map((item) => [item.source.id, item.status])).toEqual([
        ['losant-demo', 'failed'],
      ]);
    } finally {
      await stack.close();
    }
  });
});

describe('tickIntervalOf (the demo command’s --tick [ms] and DEMO_TICK_MS)', () => {
  it.each([
    [undefined, undefined, undefined],
    [undefined, '', undefined],
    [undefined, '0', undefined],
    [true, undefined, DEFAULT_TICK_MS],
    ['2000', undefined, 2000],
    ['2000', '9000', 2000],
    [undefined, '750', 750],
  ])('reads flag %p and env %p as %p', (flag, env, expected) => {
    expect(tickIntervalOf(flag, env)).toBe(expected);
  });

  it.each([
    ['abc', undefined, '--tick must be a whole number of milliseconds from 50 to 3600000'],
    ['10', undefined, '--tick must be'],
    ['1.5', undefined, '--tick must be'],
    [undefined, 'soon', 'DEMO_TICK_MS must be'],
    [undefined, '99999999', 'DEMO_TICK_MS must be'],
  ])('refuses flag %p and env %p', (flag, env, message) => {
    expect(() => tickIntervalOf(flag, env)).toThrow(message);
  });
});
