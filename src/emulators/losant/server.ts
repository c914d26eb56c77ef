import { runningEmulator } from '../shared/emulator';
import { FaultQueue } from '../shared/injection';
import { listenOnLoopback } from '../shared/listen';
import { emulatorLogger } from '../shared/logger';
import { TimerSet } from '../shared/timers';
import { createLosantApp } from './app';
import { checkLosantFault } from './injection';
import { FixedWindowLimiter } from './rate-limit';
import { createLosantSeed } from './seed';
import type { LosantEmulator, LosantEmulatorOptions, RecordedLosantRequest } from './types';

/** Starts a Losant REST emulator on loopback (port 0 = ephemeral) and resolves once it listens. */
export async function startLosantEmulator(
  options: LosantEmulatorOptions = {},
): Promise<LosantEmulator> {
  const seed = options.seed ?? createLosantSeed();
  const logger = emulatorLogger(options.logger, 'losant');
  const requests: RecordedLosantRequest[] = [];
  const faults = new FaultQueue(checkLosantFault);
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
  const listening = await listenOnLoopback(app, { host: options.host, port: options.port, timers });
  logger.info({ url: listening.url }, 'Losant emulator listening');
  return {
    ...runningEmulator({ listening, faults, requests, seed }),
    applications: seed.applications,
    tokens: seed.tokens,
  };
}
