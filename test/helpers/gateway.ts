import pino from 'pino';
import { buildConfig, type Config } from '../../src/config/load';
import { startScene7Emulator, type Scene7Emulator } from '../../src/emulators/scene7';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
  type LosantEmulatorOptions,
} from '../../src/emulators/losant';
import {
  BUSINESS_CENTRAL_CLIENTS,
  createBusinessCentralSeed,
  startBusinessCentralEmulator,
  type BusinessCentralSeed,
  type BusinessCentralEmulator,
  type BusinessCentralEmulatorOptions,
} from '../../src/emulators/business-central';
import { startGateway, type RunningGateway } from '../../src/server/gateway';

export const API_KEY = 'test-api-key-0123456789';
export const SOAP_USER = 'legacy-client@example.com';
export const SOAP_PASSWORD = 'legacy-client-password';
/** The IPS user the gateway uses upstream; seeded in the emulator, member of every company. */
export const UPSTREAM_USER = 'ips-api@example.com';
export const UPSTREAM_PASSWORD = 'demo-ips-password';

/** The breaker of test stacks: it never opens (failures or Retry-After); Retry-After still reaches the caller. */
export const TEST_BREAKER = { failures: 1000, openMs: 100, maxRetryAfterMs: 0 };

/** What a test gateway records of its upstream executor's waits (skipped, not slept). */
export interface GatewayUnderTest {
  readonly gateway: RunningGateway;
  readonly config: Readonly<Config>;
  /** Waits (ms) the executor asked for, oldest first; empty when waits are real. */
  readonly waits: number[];
}

export interface GatewayUnderTestOptions {
  readonly server?: Record<string, unknown>;
  /** More `auth` settings; `apiKeys` given here come after the test key. */
  readonly auth?: { readonly apiKeys?: ReadonlyArray<Record<string, unknown>> } & Record<
    string,
    unknown
  >;
  /** When set, the executor calls it instead of sleeping (the default records and skips). */
  readonly onWait?: (ms: number) => void;
  /** Let the executor really sleep between attempts. */
  readonly realWaits?: boolean;
}

/**
 * Starts a gateway on loopback port 0 with the test API key and SOAP user in front of the given
 * source configs; retry waits are recorded and skipped unless `realWaits` is set.
 */
export async function startGatewayFor(
  sources: ReadonlyArray<Record<string, unknown>>,
  options: GatewayUnderTestOptions = {},
): Promise<GatewayUnderTest> {
  const config = buildConfig({
    server: { host: '127.0.0.1', port: 0, logLevel: 'silent', ...options.server },
    auth: {
      soapUsers: [{ user: SOAP_USER, password: SOAP_PASSWORD }],
      ...options.auth,
      apiKeys: [{ id: 'tests', key: API_KEY }, ...(options.auth?.apiKeys ?? [])],
    },
    // One shared gateway serves many tests, each provoking upstream failures on purpose: a
    // breaker that opens after a few of them would answer the next test instead of its upstream.
    // The breaker is proven in test/integration/resilience/ with its real defaults.
    sources: sources.map((source) => ({ breaker: TEST_BREAKER, ...source })),
  });
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    waits.push(ms);
    options.onWait?.(ms);
    return Promise.resolve();
  };
  const gateway = await startGateway(config, {
    logger: pino({ level: 'silent' }),
    ...(options.realWaits === true ? {} : { http: { sleep } }),
  });
  return { gateway, config, waits };
}

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

/**
 * The test scene7 source (`scene7-test`, company `c|6`, the seeded upstream IPS user) at `url`;
 * `credentials` and any other field may be changed.
 */
export function scene7Source(
  url: string,
  options: {
    readonly mode?: 'gateway' | 'passthrough';
    readonly password?: string;
    readonly extra?: Record<string, unknown>;
  } = {},
): Record<string, unknown> {
  return {
    id: 'scene7-test',
    type: 'scene7',
    url,
    companyHandle: 'c|6',
    credentials: {
      mode: options.mode ?? 'gateway',
      user: UPSTREAM_USER,
      password: options.password ?? UPSTREAM_PASSWORD,
    },
    timeoutMs: 2000,
    ...options.extra,
  };
}

/** Starts the Scene7 emulator and a gateway in front of it, both on loopback port 0. */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const scene7 = await startScene7Emulator();
  const source = scene7Source(scene7.serviceUrl, {
    ...(options.credentialsMode === undefined ? {} : { mode: options.credentialsMode }),
    ...(options.scene7 === undefined ? {} : { extra: options.scene7 }),
  });
  // Scene7 retry tests measure real Retry-After waits, so this stack sleeps for real.
  const { gateway, config } = await startGatewayFor([source], {
    realWaits: true,
    ...(options.server === undefined ? {} : { server: options.server }),
  });
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
  return getFromGateway(stack.gateway, path, key);
}

export interface LosantStack {
  readonly gateway: RunningGateway;
  readonly losant: LosantEmulator;
  readonly config: Readonly<Config>;
  /** Waits (ms) the gateway's upstream executor asked for, oldest first. */
  readonly waits: number[];
  close(): Promise<void>;
}

export interface LosantStackOptions {
  /** Overrides of the `losant-test` source config (perPage, strict, maxAttempts, token, ...). */
  readonly losant?: Record<string, unknown>;
  /** More losant sources on the same emulator: each is `losant-test`'s config plus its keys. */
  readonly extraSources?: ReadonlyArray<Record<string, unknown> & { readonly id: string }>;
  readonly emulator?: LosantEmulatorOptions;
  /** Let the executor really sleep between attempts (default: record the wait, skip it). */
  readonly realWaits?: boolean;
}

/**
 * Starts the Losant emulator and a gateway with one losant source (`losant-test`, the factory
 * application, the seeded gateway token) in front of it, both on loopback port 0.
 */
export async function startLosantStack(options: LosantStackOptions = {}): Promise<LosantStack> {
  const losant = await startLosantEmulator(options.emulator);
  const base = {
    id: 'losant-test',
    type: 'losant',
    baseUrl: losant.url,
    applicationId: LOSANT_FACTORY_APPLICATION_ID,
    token: LOSANT_GATEWAY_TOKEN,
    timeoutMs: 2000,
    ...options.losant,
  };
  const sources = [base, ...(options.extraSources ?? []).map((extra) => ({ ...base, ...extra }))];
  const { gateway, config, waits } = await startGatewayFor(sources, {
    realWaits: options.realWaits === true,
  });
  return {
    gateway,
    losant,
    config,
    waits,
    async close() {
      await gateway.close(100);
      await losant.close();
    },
  };
}

/** GET a gateway path with the test API key, another key, or (null) none. */
export function getFromGateway(
  gateway: RunningGateway,
  path: string,
  key: string | null = API_KEY,
): Promise<Response> {
  return fetch(
    `${gateway.url}${path}`,
    key === null ? {} : { headers: { authorization: `Bearer ${key}` } },
  );
}

export interface BusinessCentralStack {
  readonly gateway: RunningGateway;
  readonly bc: BusinessCentralEmulator;
  readonly config: Readonly<Config>;
  /** Waits (ms) the gateway's upstream executor asked for, oldest first (skipped, not slept). */
  readonly waits: number[];
  /** The emulator's clock (token expiry, rate limit): moves only by `advance` and by the waits. */
  readonly clock: { now(): number; advance(ms: number): void };
  close(): Promise<void>;
}

export interface BusinessCentralStackOptions {
  /** Overrides of the `bc-test` source config (pageSize, strict, maxAttempts, auth, ...). */
  readonly source?: Record<string, unknown>;
  /** Emulator options (the stack supplies `now`). */
  readonly emulator?: Omit<BusinessCentralEmulatorOptions, 'now'>;
}

let sharedBusinessCentralSeed: BusinessCentralSeed | undefined;

/** The default emulator seed, made once per test file (it is deterministic and read-only). */
export function defaultBusinessCentralSeed(): BusinessCentralSeed {
  sharedBusinessCentralSeed ??= createBusinessCentralSeed();
  return sharedBusinessCentralSeed;
}

/**
 * Starts the Business Central emulator and a gateway with one business-central source
 * (`bc-test`: the first seeded company, the seeded `gateway-client` credentials, 100 records a
 * page) in front of it, both on loopback port 0. The executor's waits advance the emulator's
 * clock instead of sleeping, so Retry-After and token buckets play out instantly.
 */
export async function startBusinessCentralStack(
  options: BusinessCentralStackOptions = {},
): Promise<BusinessCentralStack> {
  let time = Date.UTC(2026, 0, 15, 9, 0, 0);
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const bc = await startBusinessCentralEmulator({
    seed: defaultBusinessCentralSeed(),
    ...options.emulator,
    now: clock.now,
  });
  const client = BUSINESS_CENTRAL_CLIENTS[0];
  const source = {
    id: 'bc-test',
    type: 'business-central',
    baseUrl: bc.url,
    tenant: bc.tenant,
    environment: bc.environment,
    companyId: bc.companies[0]!.id,
    auth: { tokenUrl: bc.tokenUrl, clientId: client.clientId, clientSecret: client.clientSecret },
    pageSize: 100,
    timeoutMs: 2000,
    ...options.source,
  };
  const { gateway, config, waits } = await startGatewayFor([source], { onWait: clock.advance });
  return {
    gateway,
    bc,
    config,
    waits,
    clock,
    async close() {
      await gateway.close(100);
      await bc.close();
    },
  };
}
