import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { startScene7Emulator, type Scene7Emulator } from './emulators/scene7';

/** The IPS user the demo gateway uses upstream (seeded in the Scene7 emulator). */
const DEMO_UPSTREAM_USER = { user: 'ips-api@example.com', password: 'demo-ips-password' };

export interface Demo {
  /** Raw config (validated by the caller like any config file). */
  readonly config: Record<string, unknown>;
  readonly apiKey: string;
  readonly soapUser: string;
  readonly soapPassword: string;
  readonly emulators: { readonly scene7: Scene7Emulator };
  close(): Promise<void>;
}

const secret = (): string => randomBytes(18).toString('base64url');

/**
 * Demo mode: starts the upstream emulators in-process on loopback with seeded data and returns a
 * config pointing the gateway at them. DEMO_API_KEY, DEMO_SOAP_USER and DEMO_SOAP_PASSWORD fix
 * the printed credentials; otherwise they are random per start.
 */
export async function startDemo(
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Promise<Demo> {
  const scene7 = await startScene7Emulator({ logger });
  const apiKey = env.DEMO_API_KEY ?? secret();
  const soapUser = env.DEMO_SOAP_USER ?? 'demo@joblog-gateway.example';
  const soapPassword = env.DEMO_SOAP_PASSWORD ?? secret();
  return {
    config: {
      auth: {
        apiKeys: [{ id: 'demo', key: apiKey }],
        soapUsers: [{ user: soapUser, password: soapPassword }],
      },
      sources: [
        {
          id: 'scene7-demo',
          type: 'scene7',
          url: scene7.serviceUrl,
          companyHandle: 'c|6',
          credentials: { mode: 'gateway', ...DEMO_UPSTREAM_USER },
        },
      ],
    },
    apiKey,
    soapUser,
    soapPassword,
    emulators: { scene7 },
    close: () => scene7.close(),
  };
}

/** The text `npm start` prints in demo mode: where things are and how to call them. */
export function demoBanner(gatewayUrl: string, demo: Demo): string {
  const q = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
  return [
    '',
    'joblog-gateway is running in demo mode (no GATEWAY_CONFIG): upstreams are emulators on loopback.',
    '',
    `  Gateway            ${gatewayUrl}`,
    `  JSON API key       ${demo.apiKey}`,
    `  SOAP user          ${demo.soapUser}`,
    `  SOAP password      ${demo.soapPassword}`,
    `  IPS endpoint       ${gatewayUrl}/scene7/services/IpsApiService  (WSDL: ?wsdl)`,
    `  Scene7 emulator    ${demo.emulators.scene7.serviceUrl}`,
    '',
    'Try:',
    `  curl -H ${q(`Authorization: Bearer ${demo.apiKey}`)} ${q(`${gatewayUrl}/v1/job-logs?source=scene7-demo&assetHandle=a|732|1|535`)}`,
    '',
  ].join('\n');
}
