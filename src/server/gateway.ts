import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { createGatewayCore } from '../joblogs/core';
import type { SchemaRegistry } from '../schemas/registry';
import type { Config } from '../schemas/types/config';
import type { HttpExecutorOptions } from '../sources/http';
import { createApp } from './app';
import { createMetrics } from './metrics';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:8080 (loopback address when bound to all interfaces). */
  readonly url: string;
  readonly server: Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), closes upstream pools. */
  close(graceMs?: number): Promise<void>;
}

export interface GatewayDeps {
  readonly logger: Logger;
  /** Shared schema registry; built from schemas/ when absent. */
  readonly registry?: SchemaRegistry;
  readonly http?: HttpExecutorOptions;
}

/**
 * The composition root: builds the read path (createGatewayCore) and the app from a validated
 * config, and listens. Parsers, codecs and validators are all built here, once.
 */
export async function startGateway(
  config: Readonly<Config>,
  deps: GatewayDeps,
): Promise<RunningGateway> {
  const metrics = createMetrics();
  const { registry, service, close } = createGatewayCore(config, {
    ...(deps.registry === undefined ? {} : { registry: deps.registry }),
    http: { observe: metrics.observeUpstream, ...deps.http },
  });
  const app = createApp({
    config,
    service,
    registry,
    logger: deps.logger,
    metrics,
  });
  // Node's own socket deadlines sit above the gateway's request deadline (which answers with a
  // proper 504 first); Node refuses a headersTimeout above requestTimeout, hence the min.
  const requestTimeout = config.server.requestTimeoutMs + 5_000;
  const server = createServer(
    { requestTimeout, headersTimeout: Math.min(20_000, requestTimeout), maxHeaderSize: 16_384 },
    app,
  );
  // Above common load-balancer idle timeouts, so they close idle sockets first (security.md §3c).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host =
    address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    server,
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
      await close();
    },
  };
}
