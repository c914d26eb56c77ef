import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { TimerSet } from '../shared/timers';
import { createBusinessCentralApp } from './app';
import { FaultQueue } from './injection';
import { BC_MAX_PAGE_SIZE } from './paging';
import { RateLimiter } from './rate-limit';
import { createBusinessCentralSeed } from './seed';
import { DEFAULT_CLIENTS } from './seed-fixtures';
import { indexSeed } from './seed-index';
import { TokenStore } from './tokens';
import type {
  BusinessCentralEmulator,
  BusinessCentralEmulatorOptions,
  BusinessCentralFault,
  RecordedBusinessCentralRequest,
} from './types';

/** Entra ID's usual access token lifetime, in seconds. */
const DEFAULT_TOKEN_TTL_SECONDS = 3599;

function checkOptions(options: BusinessCentralEmulatorOptions): void {
  const ttl = options.tokenTtlSeconds;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1)) {
    throw new RangeError(`tokenTtlSeconds must be a positive integer, not ${ttl}`);
  }
  const max = options.maxPageSize;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > BC_MAX_PAGE_SIZE)) {
    throw new RangeError(`maxPageSize must be 1..${BC_MAX_PAGE_SIZE}, not ${max}`);
  }
}

/**
 * Starts a Business Central API v2.0 emulator (OData JSON, Entra ID client credentials) on
 * loopback (port 0 = ephemeral) and resolves once it listens.
 */
export async function startBusinessCentralEmulator(
  options: BusinessCentralEmulatorOptions = {},
): Promise<BusinessCentralEmulator> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? createBusinessCentralSeed();
  const index = indexSeed(seed);
  const now = options.now ?? Date.now;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({
    emulator: 'business-central',
  });
  const clients = options.clients ?? DEFAULT_CLIENTS;
  const requests: RecordedBusinessCentralRequest[] = [];
  const faults = new FaultQueue();
  const timers = new TimerSet();
  const tokens = new TokenStore(now, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const limiter = new RateLimiter(options.rateLimit, now);
  let url = '';
  const app = createBusinessCentralApp({
    index,
    tokens,
    limiter,
    faults,
    timers,
    clients,
    baseUrl: () => url,
    maxPageSize: options.maxPageSize ?? BC_MAX_PAGE_SIZE,
    mediaLinks: options.mediaLinks ?? true,
    record: (request) => requests.push(request),
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
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const apiUrl = `${url}/v2.0/${seed.tenant}/${seed.environment}/api/v2.0`;
  logger.info({ url: apiUrl }, 'Business Central emulator listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    apiUrl,
    tokenUrl: `${url}/${seed.tenant}/oauth2/v2.0/token`,
    tenant: seed.tenant,
    environment: seed.environment,
    companies: seed.companies.map((company) => ({
      id: company.id,
      name: company.name,
      displayName: company.displayName,
      entryCount: seed.entries.get(company.id)?.length ?? 0,
    })),
    clients,
    seed,
    requests,
    inject: (fault: BusinessCentralFault, times?: number) => faults.inject(fault, times),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    expireTokens: () => tokens.expireAll(),
    setRateLimit: (limit) => limiter.set(limit),
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
