import { Worker } from 'node:worker_threads';

export interface FloodOptions {
  /** Where to POST (the gateway's IPS endpoint on loopback). */
  readonly url: string;
  /** Request bodies, sent in turn by every connection. */
  readonly bodies: readonly Buffer[];
  /** Concurrent connections (each sends its next request when the last one was answered). */
  readonly connections: number;
  /** How long to keep sending. */
  readonly durationMs: number;
  /** Most requests in all, whatever the time. */
  readonly maxRequests: number;
  /** Extra request headers (e.g. a SOAP 1.2 Content-Type). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Outcomes of a flood: response count by HTTP status, and `error` for failed connections. */
export type FloodOutcome = Readonly<Record<string, number>>;

// Plain JavaScript run in a worker thread, so that the flood has its own event loop (and core)
// and the test's event loop is the gateway's: what the probes measure is the gateway's delay.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, bodies, connections, durationMs, maxRequests, headers } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const outcomes = {};
let sent = 0;
const deadline = Date.now() + durationMs;
function send(body) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: 'getAssetJobLogs',
          ...headers,
          'content-length': body.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
        res.on('error', () => resolve('error'));
      },
    );
    req.on('error', () => resolve('error'));
    req.setTimeout(15000, () => req.destroy());
    req.end(Buffer.from(body));
  });
}
async function connection(index) {
  let next = index;
  while (Date.now() < deadline && sent < maxRequests) {
    sent += 1;
    const outcome = await send(bodies[next % bodies.length]);
    next += 1;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
}
Promise.all(Array.from({ length: connections }, (_, index) => connection(index))).then(() => {
  agent.destroy();
  parentPort.postMessage(outcomes);
});
`;

/**
 * Floods a URL from a worker thread: `connections` loops each POSTing the bodies in turn until
 * the time or the request count runs out. Resolves with the outcomes once every loop stopped.
 */
export function flood(options: FloodOptions): Promise<FloodOutcome> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { ...options, headers: options.headers ?? {} },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (outcome: FloodOutcome) => {
      resolve(outcome);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
