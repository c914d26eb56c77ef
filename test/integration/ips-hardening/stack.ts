import { buildConfig } from '../../../src/config/load';
import { startScene7Emulator, type Scene7Emulator } from '../../../src/emulators/scene7';
import { startGateway, type RunningGateway } from '../../../src/server/gateway';
import { SOAP_PASSWORD, SOAP_USER, scene7Source } from '../../helpers/gateway';
import { captureLogs } from '../../helpers/logs';

/** One line of the gateway's log, parsed. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface IpsStack {
  readonly gateway: RunningGateway;
  readonly scene7: Scene7Emulator;
  /** The IPS endpoint's URL. */
  readonly endpoint: string;
  /** Every line the gateway logged (level info and up), oldest first. */
  readonly lines: LogLine[];
  close(): Promise<void>;
}

export interface IpsStackOptions {
  /** Config `facades.ips` (the IPS endpoint's limits). */
  readonly ips?: Record<string, unknown>;
  readonly credentialsMode?: 'gateway' | 'passthrough';
  /** The gateway's own IPS password upstream (make it wrong to see the gateway at fault). */
  readonly upstreamPassword?: string;
  /** Config `auth.soapUsers` (default: the test SOAP user, unlimited). */
  readonly soapUsers?: ReadonlyArray<Record<string, unknown>>;
}

/**
 * Starts the Scene7 emulator and a gateway in front of it (both on loopback port 0) with the
 * given IPS endpoint config, keeping the gateway's log lines for the test to read.
 */
export async function startIpsStack(options: IpsStackOptions = {}): Promise<IpsStack> {
  const scene7 = await startScene7Emulator();
  const config = buildConfig({
    server: { host: '127.0.0.1', port: 0 },
    auth: {
      apiKeys: [],
      soapUsers: options.soapUsers ?? [{ user: SOAP_USER, password: SOAP_PASSWORD }],
    },
    sources: [
      scene7Source(scene7.serviceUrl, {
        ...(options.credentialsMode === undefined ? {} : { mode: options.credentialsMode }),
        ...(options.upstreamPassword === undefined ? {} : { password: options.upstreamPassword }),
        extra: { maxAttempts: 1 },
      }),
    ],
    ...(options.ips === undefined ? {} : { facades: { ips: options.ips } }),
  });
  const { lines, logger } = captureLogs<LogLine>('info');
  const gateway = await startGateway(config, { logger });
  return {
    gateway,
    scene7,
    endpoint: `${gateway.url}/scene7/services/IpsApiService`,
    lines,
    async close() {
      await gateway.close(100);
      await scene7.close();
    },
  };
}
