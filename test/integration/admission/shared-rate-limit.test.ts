/**
 * Two gateway processes (the built CLI, `serve` with a config file) in front of one real
 * redis-server share one rate limit: requests split across both are limited jointly, as
 * replicas behind a load balancer must be.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from '../../helpers/redis';
import { redisGatewayConfig } from './fixtures';

const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const KEY = 'shared-limit-key-0123456789';
const LIMIT = 6;

jest.setTimeout(30_000);

interface Gateway {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly stdout: () => string;
  readonly exited: Promise<number | null>;
}

let redis: TestRedis;
let work: string;
const gateways: Gateway[] = [];

function configFile(name: string, redisUrl: string): string {
  const file = join(work, `${name}.json`);
  const config = redisGatewayConfig({
    redisUrl,
    keyPrefix: 'joblog-test:',
    apiKey: { id: 'shared', key: KEY, requests: LIMIT },
  });
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Starts `dist/main.js serve` and waits for its "listening" log line. */
async function startGatewayProcess(name: string): Promise<Gateway> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GATEWAY_|DEMO_|PORT$)/.test(key)),
  );
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    cwd: ROOT,
    env: { ...clean, GATEWAY_CONFIG: configFile(name, redis.url) },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const line of out.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'joblog-gateway listening' && entry.url !== undefined) {
        const gateway = { child, url: entry.url, stdout: () => out, exited };
        gateways.push(gateway);
        return gateway;
      }
    }
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${err}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not listen: ${out} ${err}`);
}

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'joblog-redis-'));
  redis = await startRedis();
});
afterAll(async () => {
  for (const gateway of gateways) {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await gateway.exited;
  }
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('two gateway processes with one redis-server', () => {
  describe('when a key sends requests to both in turn', () => {
    it('limits them jointly: the limit is spent across both, then both answer 429', async () => {
      const [a, b] = await Promise.all([startGatewayProcess('a'), startGatewayProcess('b')]);
      const statuses: number[] = [];
      const remaining: string[] = [];
      for (let i = 0; i < LIMIT + 2; i += 1) {
        const gateway = i % 2 === 0 ? a : b;
        const response = await fetch(`${gateway.url}/v1/sources`, {
          headers: { authorization: `Bearer ${KEY}` },
        });
        statuses.push(response.status);
        remaining.push(response.headers.get('ratelimit') ?? '');
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429, 429]);
      // One count: what is left goes down by one per request, whichever process answered.
      expect(remaining.slice(0, LIMIT).map((field) => /;r=(\d+)/.exec(field)?.[1])).toEqual(
        Array.from({ length: LIMIT }, (_, index) => String(LIMIT - 1 - index)),
      );

      // The count lives in Redis under the configured prefix.
      const client = new Redis(redis.url);
      try {
        const keys = await client.keys('joblog-test:*');
        expect(keys).toHaveLength(1);
        expect(Number(await client.get(keys[0]!))).toBe(LIMIT + 2);
      } finally {
        client.disconnect();
      }
    });
  });

  describe('when a process gets SIGTERM', () => {
    it('drains, closes its Redis connection and exits 0', async () => {
      const gateway = await startGatewayProcess('c');
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
      expect(gateway.stdout()).toContain('shutting down');
    });
  });
});
