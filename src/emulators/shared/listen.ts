import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TimerSet } from './timers';

/** Where an emulator listens. */
export interface ListenOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
}

/** A listening emulator server. */
export interface Listening {
  /** e.g. http://127.0.0.1:PORT (an IPv6 host in brackets, no trailing slash). */
  readonly url: string;
  /** Cancels the timers, ends every socket and resolves once closed; later calls share the promise. */
  close(): Promise<void>;
}

/**
 * Serves `app` on `host:port` (default 127.0.0.1 and an ephemeral port) and resolves once it
 * listens; rejects when it cannot (e.g. EADDRINUSE).
 */
export async function listenOnLoopback(
  app: RequestListener,
  options: ListenOptions & { readonly timers: TimerSet },
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        options.timers.clearAll();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung and keep-alive sockets would hold close() open: end them now.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
