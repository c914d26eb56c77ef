import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { GatewayError } from '../errors/gateway-error';
import { createGatewayCore } from '../joblogs/core';
import { hostPolicy, localsOf } from '../request/context';
import type { SchemaRegistry } from '../schemas/registry';
import type { Config } from '../schemas/types/config';
import type { HttpExecutorOptions } from '../sources/http';
import { createApp } from './app';
import { answerClientErrors } from './client-errors';
import { expressMessages } from './express-messages';
import { limitConnections, serverOptionsOf } from './connections';
import { createInFlight, type InFlight } from './in-flight';
import { createMetrics } from './metrics';
import { startWatchParts, type WatchParts } from './watch';
import { createAdmission } from './middleware/admission';
import { sendError } from './middleware/error-handler';
import { createRateLimiter } from './rate-limits';
import { connectRedis } from './redis';

/** How long answers written at the end of the grace get to leave before sockets are closed. */
const FLUSH_MS = 1000;

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:8080 (loopback address when bound to all interfaces). */
  readonly url: string;
  readonly server: Server;
  /**
   * Stops accepting and drains: requests in process get up to `graceMs` (default
   * server.shutdownGraceMs) to finish; those still running are then answered 503
   * GW_ERR_SHUTTING_DOWN (or their route's SOAP fault) and cancelled, connections are closed,
   * and the upstream pools and Redis client are closed. Calling it again returns the same close.
   */
  close(graceMs?: number): Promise<void>;
}

export interface GatewayDeps {
  readonly logger: Logger;
  /** Shared schema registry; built from schemas/ when absent. */
  readonly registry?: SchemaRegistry;
  readonly http?: HttpExecutorOptions;
}

/** The caller names metrics may carry: configured ones only, so the label stays bounded. */
function knownCallers(config: Readonly<Config>): string[] {
  return [
    ...config.auth.apiKeys.map(({ id }) => `key:${id}`),
    ...config.auth.soapUsers.map(({ user }) => `ips:${user}`),
  ];
}

/** Answers every request still in process with GW_ERR_SHUTTING_DOWN and cancels its work. */
function answerStragglers(inFlight: InFlight): void {
  const error = new GatewayError(
    'GW_ERR_SHUTTING_DOWN',
    'The gateway shut down before this request finished; send it again.',
    { retryAfter: 1 },
  );
  for (const { req, res } of inFlight.exchanges()) {
    if (!res.headersSent) {
      res.setHeader('connection', 'close');
      sendError(error, req, res);
    }
    localsOf(res).cancel(new Error('gateway shutting down'));
  }
}

/**
 * The composition root: builds the read path (createGatewayCore), the Redis client when
 * configured, admission control and the app from a validated config, and listens. Parsers,
 * codecs and validators are all built here, once.
 */
export async function startGateway(
  config: Readonly<Config>,
  deps: GatewayDeps,
): Promise<RunningGateway> {
  const { logger } = deps;
  const metrics = createMetrics({ callers: knownCallers(config) });
  const redis = config.redis === undefined ? undefined : await connectRedis(config.redis, logger);
  const { registry, service, close } = createGatewayCore(config, {
    ...(deps.registry === undefined ? {} : { registry: deps.registry }),
    http: { observe: metrics.observeUpstream, ...deps.http },
    observeBreaker: metrics.observeBreaker,
    cache: { logger, observe: metrics.observeCache, ...(redis === undefined ? {} : { redis }) },
  });
  const inFlight = createInFlight();
  const admission = createAdmission({
    maxInFlight: config.server.maxInFlight,
    maxInFlightPerCaller: config.server.maxInFlightPerCaller,
    auth: config.auth,
    rateLimiter: createRateLimiter({ logger, ...(redis === undefined ? {} : { redis }) }),
  });
  let started: WatchParts | undefined;
  /** Closes what start-up opened: the watcher, then the read path, then Redis (both use it). */
  const closeParts = async (): Promise<void> => {
    await started?.watch.close();
    await close();
    await redis?.close();
  };
  try {
    started = await startWatchParts(config, { service, logger, metrics, redis });
  } catch (error) {
    await closeParts();
    throw error;
  }
  const stream = started?.stream;
  const hosts = hostPolicy(config.server.publicUrl, config.server.allowedHosts);
  const app = createApp({
    config,
    service,
    registry,
    logger,
    metrics,
    inFlight,
    admission,
    hosts,
    ...(stream === undefined ? {} : { stream }),
  });
  const server = createServer({ ...serverOptionsOf(config), ...expressMessages(app) }, app);
  limitConnections(server, config, logger);
  answerClientErrors(server, {
    inFlight,
    publicUrl: hosts.publicUrl,
    logger,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.server.port, config.server.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await closeParts();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host =
    address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;

  let closing: Promise<void> | undefined;
  async function drainAndClose(graceMs: number): Promise<void> {
    inFlight.drain();
    // Live streams end at once: their clients reconnect elsewhere with Last-Event-ID.
    stream?.closeAll();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (!(await inFlight.settled(graceMs))) {
      logger.warn(
        { requests: inFlight.exchanges().length, graceMs },
        'shutdown grace passed: answering the requests still in process 503',
      );
      answerStragglers(inFlight);
      await inFlight.settled(FLUSH_MS);
    }
    server.closeAllConnections();
    await closed;
    await closeParts();
  }
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    server,
    close(graceMs = config.server.shutdownGraceMs) {
      closing ??= drainAndClose(graceMs);
      return closing;
    },
  };
}
