import { appendableStatuses } from '../shared/append';
import { runningEmulator } from '../shared/emulator';
import { FaultQueue } from '../shared/injection';
import { listenOnLoopback } from '../shared/listen';
import { emulatorLogger } from '../shared/logger';
import { createPrng } from '../shared/prng';
import { TimerSet } from '../shared/timers';
import { appendLosantJobLog, LOSANT_APPEND_STATUS_TABLE } from './append';
import { createLosantApp } from './app';
import { checkLosantFault } from './injection';
import { FixedWindowLimiter } from './rate-limit';
import { createLosantSeed } from './seed';
import { createLosantStore } from './store';
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
  const store = createLosantStore(seed);
  // Its own PRNG: appends are deterministic in order, and never disturb the seed's data.
  const appendDeps = { store, prng: createPrng(0xa99e7d), now: options.now ?? Date.now };
  let url = '';
  const append = (input: unknown) => {
    const appended = appendLosantJobLog(input, appendDeps);
    logger.debug(
      {
        applicationId: appended.applicationId,
        id: appended.record.id,
        status: appended.record.status,
      },
      'Losant job log appended',
    );
    return appended;
  };
  const app = createLosantApp({
    seed,
    store,
    append: (input) => {
      const appended = append(input);
      const location = `${url}/applications/${appended.applicationId}/jobLogs/${appended.record.id}`;
      return { body: appended, location };
    },
    faults,
    timers,
    limiter:
      options.rateLimit === undefined ? undefined : new FixedWindowLimiter(options.rateLimit),
    record: (request) => requests.push(request),
    logger,
  });
  const listening = await listenOnLoopback(app, { host: options.host, port: options.port, timers });
  url = listening.url;
  logger.info({ url: listening.url }, 'Losant emulator listening');
  return {
    ...runningEmulator({ listening, faults, requests, seed }),
    applications: seed.applications,
    tokens: seed.tokens,
    appendableStatuses: appendableStatuses(LOSANT_APPEND_STATUS_TABLE),
    append,
  };
}
