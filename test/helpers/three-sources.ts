/**
 * A gateway in front of all three emulated upstreams (the demo's emulators and seeds, on loopback
 * port 0), with per-source config overrides and every log line the gateway writes kept for the
 * test to read. For tests where one source misbehaves and the others must not suffer for it.
 */
import pino from 'pino';
import { captureLogs, type CapturedLogs } from './logs';
import { buildConfig, type Config } from '../../src/config/load';
import { startDemo, type Demo } from '../../src/demo/start';
import { startGateway, type RunningGateway } from '../../src/server/gateway';

/** The ids of the three sources, as the demo names them. */
export const SCENE7 = 'scene7-demo';
export const BC = 'bc-demo';
export const LOSANT = 'losant-demo';

export interface ThreeSources {
  readonly gateway: RunningGateway;
  readonly demo: Demo;
  readonly config: Readonly<Config>;
  readonly logs: CapturedLogs;
  /** GET a gateway path with the demo API key. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface ThreeSourcesOptions {
  /** Keys merged into each source's config, by source id. */
  readonly sources?: Readonly<Record<string, Record<string, unknown>>>;
  readonly server?: Record<string, unknown>;
  /** SOAP users added to the demo's own (`auth.soapUsers`). */
  readonly soapUsers?: ReadonlyArray<Record<string, unknown>>;
  /** The least level of the captured log lines (default debug). */
  readonly logLevel?: 'debug' | 'info';
}

function withSoapUsers(
  demo: Demo,
  users: ReadonlyArray<Record<string, unknown>>,
): Record<string, unknown> {
  const auth = demo.config.auth as Record<string, unknown> & { soapUsers: unknown[] };
  return { ...auth, soapUsers: [...auth.soapUsers, ...users] };
}

/** Starts the three emulators and a gateway in front of them. */
export async function startThreeSources(options: ThreeSourcesOptions = {}): Promise<ThreeSources> {
  const quiet = pino({ level: 'silent' });
  const demo = await startDemo({ DEMO_API_KEY: 'resilience-key-0123456789' }, quiet);
  const logs = captureLogs(options.logLevel);
  let gateway: RunningGateway | undefined;
  try {
    const sources = (demo.config.sources as Array<Record<string, unknown>>).map((source) => ({
      ...source,
      ...options.sources?.[source.id as string],
    }));
    const config = buildConfig({
      ...demo.config,
      server: { host: '127.0.0.1', port: 0, logLevel: 'silent', ...options.server },
      sources,
      ...(options.soapUsers === undefined ? {} : { auth: withSoapUsers(demo, options.soapUsers) }),
    });
    gateway = await startGateway(config, { logger: logs.logger });
    const running = gateway;
    return {
      gateway: running,
      demo,
      config,
      logs,
      get: (path, init = {}) =>
        fetch(`${running.url}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${demo.apiKey}`, ...init.headers },
        }),
      async close() {
        await running.close(100);
        await demo.close();
      },
    };
  } catch (error) {
    await gateway?.close(100);
    await demo.close();
    throw error;
  }
}
