import { appendableStatuses } from '../shared/append';
import { runningEmulator } from '../shared/emulator';
import { FaultQueue } from '../shared/injection';
import { listenOnLoopback } from '../shared/listen';
import { emulatorLogger } from '../shared/logger';
import { createPrng } from '../shared/prng';
import { TimerSet } from '../shared/timers';
import { appendScene7JobLog, SCENE7_APPEND_STATUS_TABLE } from './append';
import { createScene7App } from './app';
import { checkScene7Fault } from './injection';
import { createScene7Seed } from './seed';
import { indexSeed } from './seed-index';
import { IpsSoapService, SERVICE_PATH } from './soap-service';
import type { RecordedScene7Request, Scene7Emulator, Scene7EmulatorOptions } from './types';
import { loadIpsWsdl } from './wsdl';

/** Starts a Scene7 IPS SOAP emulator on loopback (port 0 = ephemeral) and resolves once it listens. */
export async function startScene7Emulator(
  options: Scene7EmulatorOptions = {},
): Promise<Scene7Emulator> {
  const seed = options.seed ?? createScene7Seed();
  const logger = emulatorLogger(options.logger, 'scene7');
  const wsdl = await loadIpsWsdl();
  const requests: RecordedScene7Request[] = [];
  const faults = new FaultQueue(checkScene7Fault);
  const timers = new TimerSet();
  let serviceUrl = '';
  const index = indexSeed(seed);
  // Its own PRNG: appends are deterministic in order, and never disturb the seed's data.
  const appendDeps = { seed, index, prng: createPrng(0x5ce7a99e), now: options.now ?? Date.now };
  const append = (input: unknown) => {
    const appended = appendScene7JobLog(input, appendDeps);
    logger.debug(
      {
        companyHandle: appended.companyHandle,
        jobHandle: appended.record.jobHandle,
        assetHandle: appended.assetHandle,
        logType: appended.record.logType,
      },
      'Scene7 job log appended',
    );
    return appended;
  };
  const app = createScene7App({
    soap: new IpsSoapService(wsdl, index, logger),
    wsdl,
    faults,
    timers,
    record: (request) => requests.push(request),
    serviceUrl: () => serviceUrl,
    append: (input) => ({ body: append(input) }),
    logger,
  });
  const listening = await listenOnLoopback(app, { host: options.host, port: options.port, timers });
  serviceUrl = listening.url + SERVICE_PATH;
  logger.info({ url: serviceUrl }, 'Scene7 IPS emulator listening');
  return {
    ...runningEmulator({ listening, faults, requests, seed }),
    serviceUrl,
    appendableStatuses: appendableStatuses(SCENE7_APPEND_STATUS_TABLE),
    append,
  };
}
