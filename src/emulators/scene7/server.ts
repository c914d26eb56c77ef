import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createScene7App } from './app';
import { FaultQueue } from './injection';
import { createScene7Seed } from './seed';
import { indexSeed } from './seed-index';
import { IpsSoapService, SERVICE_PATH } from './soap-service';
import { TimerSet } from '../shared/timers';
import type {
  RecordedScene7Request,
  Scene7Emulator,
  Scene7EmulatorOptions,
  Scene7Fault,
} from './types';
import { loadIpsWsdl } from './wsdl';

/** Starts a Scene7 IPS SOAP emulator on loopback (port 0 = ephemeral) and resolves once it listens. */
export async function startScene7Emulator(
  options: Scene7EmulatorOptions = {},
): Promise<Scene7Emulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? createScene7Seed();
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ emulator: 'scene7' });
  const wsdl = await loadIpsWsdl();
  const requests: RecordedScene7Request[] = [];
  const faults = new FaultQueue();
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
  serviceUrl = url + SERVICE_PATH;
  logger.info({ url: serviceUrl }, 'Scene7 IPS emulator listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    serviceUrl,
    requests,
    seed,
    inject: (fault: Scene7Fault, times?: number) => faults.inject(fault, times),
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
