import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { buildConfig } from '../config/load';
import { serveUntilSignalled } from '../server/lifecycle';
import { openInBrowser } from './open-browser';
import { demoBanner, startDemo } from './start';

/** Options of the demo command (main.ts reads them from flags and the environment). */
export interface DemoOptions {
  readonly host?: string;
  /** Run the ticker at this interval (ms): `--tick [ms]` or DEMO_TICK_MS; off when absent. */
  readonly tickMs?: number;
  /** Open the explorer in the desktop's browser when there is one (`--no-open` turns it off). */
  readonly open?: boolean;
}

/**
 * `joblog-gateway demo` (what `npm start` runs): the three emulators in-process on loopback with
 * seeded data and the gateway in front of them, on 127.0.0.1 unless `host` (or GATEWAY_HOST)
 * says otherwise. It warns in the log that the upstreams are emulated, starts the ticker when
 * `tickMs` is given, and prints the banner.
 */
export async function runDemo(
  env: NodeJS.ProcessEnv,
  makeLogger: (level: string) => Logger,
  options: DemoOptions = {},
): Promise<void> {
  const bootLogger = makeLogger(env.GATEWAY_LOG_LEVEL ?? 'info');
  const demo = await startDemo(env, bootLogger);
  const hosted = options.host === undefined ? demo.config : withHost(demo.config, options.host);
  // The watcher runs in the demo (live tail, job-outcome metrics), every 5 s, its state in a fresh
  // temporary folder: each demo starts from the emulators' seed.
  const stateFile = join(mkdtempSync(join(tmpdir(), 'joblog-demo-')), 'watch-state.json');
  const raw = { ...hosted, watch: { intervalMs: 5000, lookbackMs: 60_000, stateFile } };
  const config = buildConfig(raw, env);
  const logger = makeLogger(config.server.logLevel);
  logger.warn(
    { sources: config.sources.map(({ id }) => id) },
    'demo mode: every upstream is an in-process emulator serving made-up data; use `serve` with GATEWAY_CONFIG for real upstreams',
  );
  const gateway = await serveUntilSignalled(config, logger, () => demo.close());
  if (options.tickMs !== undefined) demo.startTicker(options.tickMs, logger);
  process.stdout.write(`${demoBanner(gateway.url, demo)}\n`);
  if (options.open !== false && openInBrowser(`${gateway.url}/explorer`, env))
    logger.info({ url: `${gateway.url}/explorer` }, 'opened the explorer in the browser');
}

function withHost(config: Record<string, unknown>, host: string): Record<string, unknown> {
  const server = (config.server ?? {}) as Record<string, unknown>;
  return { ...config, server: { ...server, host } };
}

/** `joblog-gateway emulate <system>`: one upstream emulator on its own, for trying clients. */
export async function runEmulator(
  system: string,
  listen: { readonly port: number; readonly host: string; readonly logger: Logger },
): Promise<boolean> {
  if (system === 'scene7') {
    const { startScene7Emulator } = await import('../emulators/scene7');
    const emulator = await startScene7Emulator(listen);
    process.stdout.write(`Scene7 IPS emulator at ${emulator.serviceUrl} (WSDL: ?wsdl)\n`);
  } else if (system === 'business-central') {
    const { startBusinessCentralEmulator } = await import('../emulators/business-central');
    const emulator = await startBusinessCentralEmulator(listen);
    process.stdout.write(
      `Business Central emulator at ${emulator.apiUrl} (token: ${emulator.tokenUrl})\n`,
    );
  } else if (system === 'losant') {
    const { startLosantEmulator, LOSANT_GATEWAY_TOKEN } = await import('../emulators/losant');
    const emulator = await startLosantEmulator(listen);
    process.stdout.write(`Losant emulator at ${emulator.url} (token: ${LOSANT_GATEWAY_TOKEN})\n`);
  } else {
    return false;
  }
  return true;
}
