/**
 * A purpose-built hostile upstream: a node:http server on loopback port 0 whose answer to each
 * request is the behaviour the test starts it with (hang, drip a body byte by byte, send raw
 * bytes). It records every request and ends every socket and timer on close, so no test leaks
 * handles.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UpstreamRequest } from '../../src/sources/http';

/** How the upstream answers one request; `hit` counts requests from 1. */
export type Behaviour = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface HostileUpstream {
  /** http://127.0.0.1:PORT (no trailing slash). */
  readonly url: string;
  /** Requests received, oldest first. */
  readonly requests: readonly IncomingMessage[];
  /** Ends every socket and timer, then stops listening. */
  close(): Promise<void>;
}

/** Starts a hostile upstream answering with `behaviour` (default: hang). */
export async function startHostileUpstream(
  behaviour: Behaviour = hang(),
): Promise<HostileUpstream> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    behaviour(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        stopTimers(server);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const timersOf = new WeakMap<Server, Set<NodeJS.Timeout>>();

function stopTimers(server: Server): void {
  for (const timer of timersOf.get(server) ?? []) clearInterval(timer);
}

function track(res: ServerResponse, timer: NodeJS.Timeout): void {
  const server = (res.socket as { server?: Server } | null)?.server;
  if (server === undefined) return;
  const timers = timersOf.get(server) ?? new Set();
  timers.add(timer);
  timersOf.set(server, timers);
  res.on('close', () => {
    clearInterval(timer);
    timers.delete(timer);
  });
}

/** Reads the request and never answers. */
export function hang(): Behaviour {
  return () => undefined;
}

/** Sends the headers at once, then `body` one byte every `everyMs`. */
export function drip(body: string, everyMs: number, status = 200): Behaviour {
  return (_req, res) => {
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(bytes.length),
    });
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return;
      res.write(bytes.subarray(sent, sent + 1));
      sent += 1;
      if (sent >= bytes.length) {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
    track(res, timer);
  };
}

/** Answers `status` with `body` as it is (no JSON encoding: it may be anything). */
export function raw(
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = { 'content-type': 'application/json' },
): Behaviour {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** A read of `${url}/jobLogs` from source `slow`: 5 s per attempt, 1 KiB cap, retried as a read. */
export function slowRead(url: string): UpstreamRequest {
  return {
    source: 'slow',
    method: 'GET',
    url: `${url}/jobLogs`,
    headers: {},
    timeoutMs: 5_000,
    maxResponseBytes: 1024,
    idempotent: true,
  };
}
