/**
 * A watched gateway for tests: the demo's three emulators (loopback, port 0) and a gateway in
 * front of them with `watch:` (a state file in a fresh temporary directory unless Redis is
 * given) and `webhooks:`. Several gateways can share one demo (replicas, restarts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { buildConfig, type Config } from '../../src/config/load';
import { startDemo, type Demo } from '../../src/demo/start';
import { startGateway, type RunningGateway } from '../../src/server/gateway';
import { captureLogs, type CapturedLogs } from './logs';
import { freePort } from './redis';
import { until } from './until';

export { until };
import { openSse, type SseStream } from './sse';

export const WATCH_KEY = 'watch-api-key-0123456789';

/** The demo's upstreams, started once per test file. */
export async function startWatchDemo(): Promise<Demo> {
  return startDemo({ DEMO_API_KEY: WATCH_KEY }, pino({ level: 'silent' }));
}

/** A fresh directory for a state file; removed by the returned function. */
export function tempStateDir(): { readonly file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'joblog-watch-'));
  return { file: join(dir, 'watch-state.json'), remove: () => rmSync(dir, { recursive: true }) };
}

/** A watched gateway as a client sees it (in this process or another). */
export interface GatewayClient {
  readonly url: string;
  /** GET a gateway path with the demo key (or another, or none). */
  get(path: string, key?: string | null): Promise<Response>;
  /** Opens the live tail at `path` (default /v1/job-logs/stream). */
  stream(
    path?: string,
    options?: { readonly key?: string | null; readonly lastEventId?: string },
  ): Promise<SseStream>;
  /** The value of one series of /metrics, or undefined when absent. */
  metric(name: string, labels: Readonly<Record<string, string>>): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface WatchedGateway extends GatewayClient {
  readonly gateway: RunningGateway;
  readonly config: Readonly<Config>;
  readonly logs: CapturedLogs;
}

export interface WatchedGatewayOptions {
  readonly watch?: Record<string, unknown>;
  readonly webhooks?: ReadonlyArray<Record<string, unknown>>;
  readonly redis?: { readonly url: string; readonly keyPrefix: string };
  readonly auth?: Record<string, unknown>;
  readonly server?: Record<string, unknown>;
}

/** The config of a watched gateway in front of the demo's upstreams. */
function watchedConfig(
  demo: Demo,
  options: WatchedGatewayOptions,
  port = 0,
): Record<string, unknown> {
  const demoConfig = demo.config as Record<string, unknown> & { auth: Record<string, unknown> };
  return {
    ...demoConfig,
    server: { host: '127.0.0.1', port, logLevel: 'silent', ...options.server },
    auth: { ...demoConfig.auth, ...options.auth },
    watch: options.watch ?? {},
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
    ...(options.redis === undefined ? {} : { redis: options.redis }),
  };
}

/** The client side of a gateway at `url`. */
function clientOf(url: string, apiKey: string, close: () => Promise<void>): GatewayClient {
  const get = (path: string, key: string | null = apiKey): Promise<Response> =>
    fetch(`${url}${path}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });
  return {
    url,
    get,
    stream: (path = '/v1/job-logs/stream', streamOptions = {}) =>
      openSse(`${url}${path}`, {
        key: streamOptions.key === undefined ? apiKey : streamOptions.key,
        ...(streamOptions.lastEventId === undefined
          ? {}
          : { lastEventId: streamOptions.lastEventId }),
      }),
    async metric(name, labels) {
      const text = await (await get('/metrics')).text();
      const wanted = Object.entries(labels)
        .map(([key, value]) => `${key}="${value}"`)
        .sort();
      for (const line of text.split('\n')) {
        const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (match === null || match[1] !== name) continue;
        const have = (match[2] ?? '').split(',').filter(Boolean).sort();
        if (wanted.every((pair) => have.includes(pair))) return Number(match[3]);
      }
      return undefined;
    },
    close,
  };
}

/** A watched gateway in this process, its log lines captured. */
export async function startWatchedGateway(
  demo: Demo,
  options: WatchedGatewayOptions,
): Promise<WatchedGateway> {
  const logs = captureLogs();
  const config = buildConfig(watchedConfig(demo, options));
  const gateway = await startGateway(config, { logger: logs.logger });
  return {
    ...clientOf(gateway.url, demo.apiKey, () => gateway.close(100)),
    gateway,
    config,
    logs,
  };
}

const MAIN = join(resolve(__dirname, '..', '..'), 'dist', 'main.js');

/**
 * A watched gateway as a process of its own (the built CLI, `serve` with a config file): for
 * replicas that share nothing but Redis. `close` sends SIGTERM and waits for the exit.
 */
export async function startGatewayProcess(
  demo: Demo,
  options: WatchedGatewayOptions,
): Promise<GatewayClient & { readonly output: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'joblog-replica-'));
  const port = await freePort();
  const file = join(dir, 'gateway.json');
  writeFileSync(
    file,
    JSON.stringify(
      watchedConfig(demo, { ...options, server: { logLevel: 'info', ...options.server } }, port),
    ),
  );
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GATEWAY_|DEMO_|PORT$)/.test(key)),
  );
  const child = spawn(process.execPath, [MAIN, 'serve'], {
    env: { ...env, GATEWAY_CONFIG: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway process did not start:\n${out}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    ...clientOf(url, demo.apiKey, async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }),
    output: () => out,
  };
}

/** Resolves once one of `clients` has polled each source successfully (its baseline). */
export function untilPolled(
  clients: readonly GatewayClient[],
  sources: readonly string[],
): Promise<void> {
  return until(
    async () => {
      for (const source of sources) {
        const times = await Promise.all(
          clients.map(
            async (client) =>
              (await client.metric('joblog_gateway_watcher_last_success_timestamp_seconds', {
                source,
              })) ?? 0,
          ),
        );
        if (Math.max(...times) === 0) return false;
      }
      return true;
    },
    15_000,
    50,
  );
}
