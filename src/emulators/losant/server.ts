import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { TimerSet } from '../shared/timers';
import { createLosantApp } from './app';
import { LosantFaultQueue } from './injection';
import { FixedWindowLimiter } from './rate-limit';
import { createLosantSeed } from './seed';
import type {
  LosantEmulator,
  LosantEmulatorOptions,
  LosantFault,
  RecordedLosantRequest,
} from './types';

/** Starts a Losant REST emulator on loopback (port 0 = ephemeral) and resolves once it listens. */
export async function startLosantEmulator(
  options: LosantEmulatorOptions = {},
): Promise<LosantEmulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? createLosantSeed();
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ emulator: 'losant' });
  const requests: RecordedLosantRequest[] = [];
  const faults = new LosantFaultQueue();
  const timers = new TimerSet();
  const app = createLosantApp({
    seed,
    faults,
    timers,
    limiter:
      options.rateLimit === undefined ? undefined : new FixedWindowLimiter(options.rateLimit),
    record: (request) => requests.push(request),
    logger,
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url }, 'Losant emulator listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    applications: seed.applications,
    tokens: seed.tokens,
    requests,
    seed,
    inject: (fault: LosantFault, times?: number) => faults.inject(fault, times),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        faults.clear();
        timers.clearAll();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung and keep-alive sockets would hold close() open: end them now.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
