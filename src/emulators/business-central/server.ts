import { appendableStatuses } from '../shared/append';
import { runningEmulator } from '../shared/emulator';
import { FaultQueue } from '../shared/injection';
import { listenOnLoopback } from '../shared/listen';
import { emulatorLogger } from '../shared/logger';
import { createPrng } from '../shared/prng';
import { TimerSet } from '../shared/timers';
import { appendBusinessCentralEntry, BUSINESS_CENTRAL_APPEND_STATUS_TABLE } from './append';
import { createBusinessCentralApp } from './app';
import { checkBusinessCentralFault } from './injection';
import { BC_MAX_PAGE_SIZE } from './paging';
import { RateLimiter } from './rate-limit';
import { createBusinessCentralSeed } from './seed';
import { DEFAULT_CLIENTS } from './seed-fixtures';
import { indexSeed } from './seed-index';
import { TokenStore } from './tokens';
import type {
  BusinessCentralEmulator,
  BusinessCentralEmulatorOptions,
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
  const seed = options.seed ?? createBusinessCentralSeed();
  const index = indexSeed(seed);
  const now = options.now ?? Date.now;
  const logger = emulatorLogger(options.logger, 'business-central');
  const clients = options.clients ?? DEFAULT_CLIENTS;
  const requests: RecordedBusinessCentralRequest[] = [];
  const faults = new FaultQueue(checkBusinessCentralFault);
  const timers = new TimerSet();
  const tokens = new TokenStore(now, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const limiter = new RateLimiter(options.rateLimit, now);
  let url = '';
  let apiUrl = '';
  // Its own PRNG: appends are deterministic in order, and never disturb the seed's data.
  const appendDeps = { index, prng: createPrng(0x0bca99e7), now };
  const append = (input: unknown) => {
    const appended = appendBusinessCentralEntry(input, appendDeps);
    logger.debug(
      {
        companyId: appended.companyId,
        id: appended.record.id,
        entryNo: appended.entryNo,
        status: appended.record.status,
      },
      'Business Central log entry appended',
    );
    return appended;
  };
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
    append: (input) => {
      const appended = append(input);
      const location = `${apiUrl}/companies(${appended.companyId})/jobQueueLogEntries(${appended.record.id})`;
      return { body: appended, location };
    },
    logger,
  });
  const listening = await listenOnLoopback(app, { host: options.host, port: options.port, timers });
  url = listening.url;
  apiUrl = `${url}/v2.0/${seed.tenant}/${seed.environment}/api/v2.0`;
  logger.info({ url: apiUrl }, 'Business Central emulator listening');
  return {
    ...runningEmulator({ listening, faults, requests, seed }),
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
    expireTokens: () => tokens.expireAll(),
    setRateLimit: (limit) => limiter.set(limit),
    appendableStatuses: appendableStatuses(BUSINESS_CENTRAL_APPEND_STATUS_TABLE),
    append,
  };
}
