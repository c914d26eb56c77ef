import { connect, type Socket } from 'node:net';

/** A raw HTTP/1.1 response: status, headers (lower-cased names) and body text. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A kept-alive connection that reads one response at a time. */
export interface RawConnection {
  readonly socket: Socket;
  /** Resolves with the next complete response (Content-Length framed). */
  next(): Promise<RawResponse>;
}

function parseResponse(buffer: Buffer): { response: RawResponse; rest: Buffer } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < end + 4 + length) return undefined;
  return {
    response: {
      status: Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0),
      headers,
      body: buffer.subarray(end + 4, end + 4 + length).toString('utf8'),
    },
    rest: buffer.subarray(end + 4 + length),
  };
}

/** Opens a connection to a gateway URL, and waits until the gateway answered a first request. */
export async function openConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let buffer: Buffer = Buffer.alloc(0);
  let waiting: ((response: RawResponse) => void) | undefined;
  const deliver = (): void => {
    const parsed = waiting === undefined ? undefined : parseResponse(buffer);
    if (parsed === undefined || waiting === undefined) return;
    buffer = parsed.rest;
    const resolve = waiting;
    waiting = undefined;
    resolve(parsed.response);
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    deliver();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const connection: RawConnection = {
    socket,
    next: () =>
      new Promise<RawResponse>((resolve, reject) => {
        waiting = resolve;
        socket.once('close', () => reject(new Error('connection closed before a response')));
        deliver();
      }),
  };
  // The gateway has accepted and read from this connection once: later writes are read in
  // the same turn of its event loop as those on the other open connections.
  socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
  await connection.next();
  return connection;
}

/** A SOAP 1.1 POST of `xml` as raw HTTP/1.1 bytes. */
export function soapRequest(path: string, xml: string): Buffer {
  const body = Buffer.from(xml);
  const head =
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n` +
    `SOAPAction: getAssetJobLogs\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

/**
 * Writes one request on each connection at once, then holds this process's event loop (which
 * is also the gateway's) for a moment, so that every request has arrived whole before the
 * gateway reads any: they all reach it in the same turn. Resolves with the responses in order.
 */
export async function burst(
  connections: readonly RawConnection[],
  requests: readonly Buffer[],
): Promise<RawResponse[]> {
  const responses = connections.map((connection) => connection.next());
  connections.forEach((connection, index) => connection.socket.write(requests[index]!));
  const until = Date.now() + 100;
  while (Date.now() < until) {
    // Busy on purpose: see above.
  }
  return Promise.all(responses);
}
