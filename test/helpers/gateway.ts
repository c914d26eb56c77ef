import pino from 'pino';
import { buildConfig, type Config } from '../../src/config/load';
import { startScene7Emulator, type Scene7Emulator } from '../../src/emulators/scene7';
import { startGateway, type RunningGateway } from '../../src/server/gateway';

export const API_KEY = 'test-api-key-0123456789';
export const SOAP_USER = 'legacy-client@example.com';
export const SOAP_PASSWORD = 'legacy-client-password';
/** The IPS user the gateway uses upstream; seeded in the emulator, member of every company. */
export const UPSTREAM_USER = 'ips-api@example.com';
export const UPSTREAM_PASSWORD = 'demo-ips-password';

export interface TestStack {
  readonly gateway: RunningGateway;
  readonly scene7: Scene7Emulator;
  readonly config: Readonly<Config>;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly credentialsMode?: 'gateway' | 'passthrough';
  readonly server?: Record<string, unknown>;
  readonly scene7?: Record<string, unknown>;
}

/** Starts the Scene7 emulator and a gateway in front of it, both on loopback port 0. */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const scene7 = await startScene7Emulator();
  const config = buildConfig({
    server: { host: '127.0.0.1', port: 0, logLevel: 'silent', ...options.server },
    auth: {
      apiKeys: [{ id: 'tests', key: API_KEY }],
      soapUsers: [{ user: SOAP_USER, password: SOAP_PASSWORD }],
    },
    sources: [
      {
        id: 'scene7-test',
        type: 'scene7',
        url: scene7.serviceUrl,
        companyHandle: 'c|6',
        credentials: {
          mode: options.credentialsMode ?? 'gateway',
          user: UPSTREAM_USER,
          password: UPSTREAM_PASSWORD,
        },
        timeoutMs: 2000,
        ...options.scene7,
      },
    ],
  });
  const gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
  return {
    gateway,
    scene7,
    config,
    async close() {
      await gateway.close(100);
      await scene7.close();
    },
  };
}

/** GET with the test API key, another key, or (null) none. */
export function getJson(
  stack: TestStack,
  path: string,
  key: string | null = API_KEY,
): Promise<Response> {
  return fetch(
    `${stack.gateway.url}${path}`,
    key === null ? {} : { headers: { authorization: `Bearer ${key}` } },
  );
}
