import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../schemas/types/config';

/** Descriptors kept back from clients: stdio, log and config files, Redis, DNS, the listener. */
const RESERVED_FDS = 128;
/**
 * Upstream sockets one source may hold: the executor keeps up to 16 per origin (sources/http.ts)
 * and a source may talk to two origins (its API and a token endpoint).
 */
const UPSTREAM_FDS_PER_SOURCE = 32;
/** Soft open-file limit assumed where it cannot be read (no /proc): the usual Linux default. */
const FALLBACK_OPEN_FILES = 1024;
/** Never derive fewer client connections than this, however low the limit. */
const MIN_CONNECTIONS = 64;
/** How often Node looks for requests past headersTimeout/requestTimeout (its default is 30 s). */
export const CONNECTION_CHECK_INTERVAL_MS = 1000;

/** The soft "Max open files" of a /proc/<pid>/limits text; undefined when absent or unlimited. */
export function parseOpenFileLimit(limits: string): number | undefined {
  const match = /^Max open files\s+(\S+)\s+\S+/m.exec(limits);
  if (match === null || !/^\d+$/.test(match[1]!)) return undefined;
  return Number(match[1]);
}

/** Reads this process's soft open-file limit on Linux; undefined elsewhere. */
export function readOpenFileLimit(): number | undefined {
  try {
    return parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return undefined;
  }
}

export interface ConnectionLimit {
  readonly maxConnections: number;
  /** Why this number, for the start-up log. */
  readonly basis: string;
}

/**
 * The client connection cap: server.maxConnections when set, else the soft open-file limit
 * minus what the process needs besides clients (RESERVED_FDS and the upstream pools), so that
 * a flood of connections is refused at accept instead of starving upstream calls and files.
 */
export function connectionLimitOf(
  config: Readonly<Config>,
  readLimit: () => number | undefined = readOpenFileLimit,
): ConnectionLimit {
  if (config.server.maxConnections > 0)
    return { maxConnections: config.server.maxConnections, basis: 'server.maxConnections' };
  const openFileLimit = readLimit();
  const files = openFileLimit ?? FALLBACK_OPEN_FILES;
  const reserved = RESERVED_FDS + UPSTREAM_FDS_PER_SOURCE * config.sources.length;
  return {
    maxConnections: Math.max(MIN_CONNECTIONS, files - reserved),
    basis:
      openFileLimit === undefined
        ? `open-file limit unknown, assumed ${FALLBACK_OPEN_FILES}, minus ${reserved} reserved`
        : `open-file limit ${openFileLimit} minus ${reserved} reserved`,
  };
}

/** Node's own server options for the client deadlines (createServer's first argument). */
export function serverOptionsOf(config: Readonly<Config>): {
  requestTimeout: number;
  headersTimeout: number;
  connectionsCheckingInterval: number;
  maxHeaderSize: number;
} {
  const { headersTimeoutMs, requestTimeoutMs } = config.server;
  return {
    // Receiving the whole request (headers and body) has the request's deadline; Node refuses a
    // headersTimeout above requestTimeout, hence the max. Answering is not bounded by it.
    requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
    headersTimeout: headersTimeoutMs,
    connectionsCheckingInterval: CONNECTION_CHECK_INTERVAL_MS,
    maxHeaderSize: 16_384,
  };
}

/**
 * Caps client connections and sets the idle keep-alive time. Connections over the cap are
 * closed at accept by Node ('drop'); idle keep-alive sockets are closed then too, so that clients
 * that only hold sockets open give way to ones that send requests. Logs the cap and drops
 * (at most once per 10 s).
 */
export function limitConnections(server: Server, config: Readonly<Config>, logger: Logger): void {
  const { maxConnections, basis } = connectionLimitOf(config);
  server.maxConnections = maxConnections;
  server.keepAliveTimeout = config.server.keepAliveTimeoutMs;
  logger.info({ maxConnections, basis }, 'client connection cap');
  const derived = connectionLimitOf({ ...config, server: { ...config.server, maxConnections: 0 } });
  if (maxConnections > derived.maxConnections)
    logger.warn(
      { maxConnections, leftForClients: derived.maxConnections, basis: derived.basis },
      'server.maxConnections is above what the open-file limit leaves for clients',
    );
  let dropped = 0;
  let lastShed = 0;
  let lastReport = 0;
  server.on('drop', () => {
    dropped += 1;
    const now = Date.now();
    if (now - lastShed >= 1000) {
      lastShed = now;
      server.closeIdleConnections();
    }
    if (now - lastReport < 10_000) return;
    lastReport = now;
    logger.warn({ maxConnections, dropped }, 'connections refused: at server.maxConnections');
    dropped = 0;
  });
}
