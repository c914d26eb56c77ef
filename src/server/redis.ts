import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** How long start-up waits for Redis before serving with per-process limits. */
const CONNECT_WAIT_MS = 3000;
/** A Redis command slower than this fails (and the caller falls back): Redis is on the hot path. */
const COMMAND_TIMEOUT_MS = 500;

/** The process's one Redis client, shared by everything that keeps state across replicas. */
export interface SharedStore {
  readonly client: Redis;
  readonly keyPrefix: string;
  /** Quits the connection (the gateway calls it last on shutdown). */
  close(): Promise<void>;
}

/** The URL with its password replaced, for logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable URL)';
  }
}

/**
 * Connects the process's Redis client (redis: { url, keyPrefix } of the config). A Redis that is
 * down or slow never stops or stalls the gateway: commands fail fast instead of queueing while
 * disconnected, the client reconnects in the background, and start-up goes on after
 * CONNECT_WAIT_MS. Connection errors are logged at most once per 30 s.
 */
export async function connectRedis(
  settings: { readonly url: string; readonly keyPrefix: string },
  logger: Logger,
): Promise<SharedStore> {
  const log = logger.child({ redis: redactedUrl(settings.url) });
  const client = new Redis(settings.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_WAIT_MS,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    // How long closing waits for a lost connection's socket (default 2 s) before destroying it.
    disconnectTimeout: 200,
  });
  let lastError = 0;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastError < 30_000) return;
    lastError = now;
    log.warn({ err: error }, 'Redis connection failed; retrying in the background');
  });
  client.on('ready', () => log.info('Redis connected'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error('Redis did not answer in time')),
          CONNECT_WAIT_MS,
        );
      }),
    ]);
  } catch (error) {
    log.warn({ err: error }, 'Redis is not reachable at start: serving with per-process state');
  } finally {
    clearTimeout(timer);
  }
  return {
    client,
    keyPrefix: settings.keyPrefix,
    async close() {
      if (client.status === 'ready') {
        await client.quit().catch(() => client.disconnect());
        return;
      }
      client.disconnect();
    },
  };
}
