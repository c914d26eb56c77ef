import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  BUSINESS_CENTRAL_CLIENTS,
  startBusinessCentralEmulator,
  type BusinessCentralEmulator,
} from '../emulators/business-central';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
} from '../emulators/losant';
import { startScene7Emulator, type Scene7Emulator } from '../emulators/scene7';
import { startTicker, type DemoTicker, type TickTarget } from './ticker';

/** The IPS user the demo gateway uses upstream (seeded in the Scene7 emulator). */
const DEMO_UPSTREAM_USER = { user: 'ips-api@example.com', password: 'demo-ips-password' };

/** The gateway's source id of each emulator. */
const SOURCE_ID = { scene7: 'scene7-demo', businessCentral: 'bc-demo', losant: 'losant-demo' };

/** The asset whose job logs the banner's first curl lists: the ticker sometimes logs a job for it. */
const DEMO_ASSET = 'a|732|1|535';

export interface DemoEmulators {
  readonly scene7: Scene7Emulator;
  readonly businessCentral: BusinessCentralEmulator;
  readonly losant: LosantEmulator;
}

export interface Demo {
  /** Raw config (validated by the caller like any config file). */
  readonly config: Record<string, unknown>;
  readonly apiKey: string;
  readonly soapUser: string;
  readonly soapPassword: string;
  readonly emulators: DemoEmulators;
  /** The running ticker, once started. */
  readonly ticker: DemoTicker | undefined;
  /**
   * Starts the ticker: every `intervalMs` it appends a record with a pseudo-random status to a
   * pseudo-random emulator and logs one line. Off until called; a second call replaces the first.
   */
  startTicker(intervalMs: number, logger: Logger): DemoTicker;
  /** Stops the ticker and closes the emulators. */
  close(): Promise<void>;
}

const secret = (): string => randomBytes(18).toString('base64url');

function demoSources(emulators: DemoEmulators): Record<string, unknown>[] {
  const { scene7, businessCentral, losant } = emulators;
  const bcClient = BUSINESS_CENTRAL_CLIENTS[0];
  return [
    {
      id: SOURCE_ID.scene7,
      type: 'scene7',
      url: scene7.serviceUrl,
      companyHandle: 'c|6',
      credentials: { mode: 'gateway', ...DEMO_UPSTREAM_USER },
    },
    {
      id: SOURCE_ID.businessCentral,
      type: 'business-central',
      baseUrl: businessCentral.url,
      tenant: businessCentral.tenant,
      environment: businessCentral.environment,
      companyId: businessCentral.companies[0]?.id,
      auth: {
        tokenUrl: businessCentral.tokenUrl,
        clientId: bcClient.clientId,
        clientSecret: bcClient.clientSecret,
      },
    },
    {
      id: SOURCE_ID.losant,
      type: 'losant',
      baseUrl: losant.url,
      applicationId: LOSANT_FACTORY_APPLICATION_ID,
      token: LOSANT_GATEWAY_TOKEN,
    },
  ];
}

/** The three demo emulators as ticker targets, under the demo's source ids. */
function demoTickTargets(emulators: DemoEmulators): TickTarget[] {
  const { scene7, businessCentral, losant } = emulators;
  return [
    {
      sourceId: SOURCE_ID.scene7,
      statuses: scene7.appendableStatuses,
      append(status, prng) {
        const withAsset = prng.chance(0.5);
        const { record, assetHandle } = scene7.append({
          status,
          ...(withAsset ? { assetHandle: DEMO_ASSET } : {}),
        });
        return { jobHandle: record.jobHandle, logType: record.logType, assetHandle };
      },
    },
    {
      sourceId: SOURCE_ID.businessCentral,
      statuses: businessCentral.appendableStatuses,
      append(status) {
        const { record, entryNo } = businessCentral.append({ status });
        return { id: record.id, entryNo, nativeStatus: record.status };
      },
    },
    {
      sourceId: SOURCE_ID.losant,
      statuses: losant.appendableStatuses,
      append(status) {
        const { record } = losant.append({ status });
        return { id: record.id, name: record.name, nativeStatus: record.status ?? null };
      },
    },
  ];
}

/**
 * Demo mode: starts the three upstream emulators in-process on loopback with seeded data and
 * returns a config pointing the gateway at them. DEMO_API_KEY, DEMO_SOAP_USER and
 * DEMO_SOAP_PASSWORD fix the printed credentials; otherwise they are random per start.
 */
export async function startDemo(
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
): Promise<Demo> {
  const [scene7, businessCentral, losant] = await Promise.all([
    startScene7Emulator({ logger }),
    startBusinessCentralEmulator({ logger }),
    startLosantEmulator({ logger }),
  ]);
  const emulators = { scene7, businessCentral, losant };
  const apiKey = env.DEMO_API_KEY ?? secret();
  const soapUser = env.DEMO_SOAP_USER ?? 'demo@joblog-gateway.example';
  const soapPassword = env.DEMO_SOAP_PASSWORD ?? secret();
  let ticker: DemoTicker | undefined;
  return {
    config: {
      // Loopback unless told otherwise (GATEWAY_HOST or --host): the data is fake.
      server: { host: '127.0.0.1' },
      auth: {
        apiKeys: [{ id: 'demo', key: apiKey }],
        soapUsers: [{ user: soapUser, password: soapPassword }],
      },
      sources: demoSources(emulators),
    },
    apiKey,
    soapUser,
    soapPassword,
    emulators,
    get ticker() {
      return ticker;
    },
    startTicker(intervalMs, tickLogger) {
      ticker?.stop();
      ticker = startTicker({ targets: demoTickTargets(emulators), intervalMs, logger: tickLogger });
      return ticker;
    },
    async close() {
      ticker?.stop();
      await Promise.all([scene7.close(), businessCentral.close(), losant.close()]);
    },
  };
}

/** The text `npm start` prints in demo mode: where things are and how to call them. */
export function demoBanner(gatewayUrl: string, demo: Demo): string {
  const q = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
  const curl = (path: string): string =>
    `  curl -H ${q(`Authorization: Bearer ${demo.apiKey}`)} ${q(`${gatewayUrl}${path}`)}`;
  return [
    '',
    'joblog-gateway is running in demo mode: its upstreams are emulators on loopback, with made-up data.',
    '',
    `  Explorer           ${gatewayUrl}/explorer  (open it in a browser; paste the JSON API key)`,
    `  Gateway            ${gatewayUrl}`,
    `  JSON API key       ${demo.apiKey}`,
    `  SOAP user          ${demo.soapUser}`,
    `  SOAP password      ${demo.soapPassword}`,
    `  IPS endpoint       ${gatewayUrl}/scene7/services/IpsApiService  (WSDL: ?wsdl)`,
    `  JobLogService      ${gatewayUrl}/soap/JobLogService  (WSDL: ?wsdl; SOAP user, WS-Security or Basic)`,
    `  Scene7 emulator    ${demo.emulators.scene7.serviceUrl}`,
    `  Business Central   ${demo.emulators.businessCentral.apiUrl}`,
    `  Losant emulator    ${demo.emulators.losant.url}`,
    ...(demo.ticker === undefined
      ? []
      : [
          `  Ticker             a new job log in a random emulator every ${demo.ticker.intervalMs} ms (one log line each)`,
        ]),
    '',
    'Try:',
    curl(`/v1/job-logs?source=${SOURCE_ID.scene7}&assetHandle=${encodeURIComponent(DEMO_ASSET)}`),
    curl(`/v1/job-logs?source=${SOURCE_ID.businessCentral}&status=failed&limit=5`),
    curl(`/v1/job-logs?source=${SOURCE_ID.losant}&status=failed&limit=5`),
    curl('/v1/job-logs?limit=10'),
    '',
    'Follow new job logs as they arrive (the live tail; Server-Sent Events):',
    `  curl -N -H ${q(`Authorization: Bearer ${demo.apiKey}`)} ${q(`${gatewayUrl}/v1/job-logs/stream`)}`,
    '',
    demo.ticker === undefined
      ? 'Add a job log to an emulator (or start with `npm start -- --tick` to add one every 5 s):'
      : 'Add a job log to an emulator yourself (loopback only; see src/emulators/*/README.md):',
    `  curl -X POST -H 'Content-Type: application/json' -d '{"status":"failed"}' ${q(`${demo.emulators.losant.url}/__admin/job-logs`)}`,
    '',
  ].join('\n');
}
