import { connect, type Socket } from 'node:net';

/** A raw TCP client of the gateway: what it sent back and when the socket closed. */
export interface RawClient {
  readonly socket: Socket;
  /** Everything received so far, as latin1 text. */
  received(): string;
  /** Resolves (never rejects) with the ms from `open` to the socket's close. */
  readonly closed: Promise<number>;
}

/**
 * Opens a TCP connection to a gateway URL and writes `initial` (e.g. a request cut off before
 * its blank line). Resets and refusals only close the client: that is what the tests observe.
 */
export function openRaw(url: string, initial = ''): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    const closed = new Promise<number>((done) =>
      socket.once('close', () => done(Date.now() - started)),
    );
    const client = { socket, received: () => text, closed };
    socket.once('connect', () => {
      if (initial !== '') socket.write(initial);
      resolve(client);
    });
    // A connection the server drops can close before it counts as connected.
    socket.once('close', () => resolve(client));
  });
}

/** The status code of a raw HTTP/1.1 response text, or 0 when none arrived. */
export function statusOf(response: string): number {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(response);
  return match === null ? 0 : Number(match[1]);
}

/** The header block (lower-cased names) and body of a raw HTTP/1.1 response text. */
export function partsOf(response: string): { headers: Record<string, string>; body: string } {
  const end = response.indexOf('\r\n\r\n');
  const head = end < 0 ? response : response.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end < 0 ? '' : response.slice(end + 4) };
}
