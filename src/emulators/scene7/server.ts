import { runningEmulator } from '../shared/emulator';
import { FaultQueue } from '../shared/injection';
import { listenOnLoopback } from '../shared/listen';
import { emulatorLogger } from '../shared/logger';
import { TimerSet } from '../shared/timers';
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
  const app = createScene7App({
    soap: new IpsSoapService(wsdl, indexSeed(seed), logger),
    wsdl,
    faults,
    timers,
    record: (request) => requests.push(request),
    serviceUrl: () => serviceUrl,
    logger,
  });
  const listening = await listenOnLoopback(app, { host: options.host, port: options.port, timers });
  serviceUrl = listening.url + SERVICE_PATH;
  logger.info({ url: serviceUrl }, 'Scene7 IPS emulator listening');
  return { ...runningEmulator({ listening, faults, requests, seed }), serviceUrl };
}
