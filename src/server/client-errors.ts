import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { GatewayError } from '../errors/gateway-error';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/to-problem';
import { listeningUrlOf, localsOf } from '../request/context';
import type { InFlight } from './in-flight';
import { sendError } from './middleware/error-handler';

/** How long a socket may take to take our last answer before it is destroyed. */
const LINGER_MS = 1000;

/** What Node's parser reports (its code) -> the answer, as Node's own default handler picks it. */
function errorOf(code: string | undefined): GatewayError | 431 {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError(
        'GW_ERR_REQUEST_TIMEOUT',
        'The request was not received in time; the connection is closed.',
      );
    case 'HPE_HEADER_OVERFLOW':
      // The catalogue has no 431: answered as Node does.
      return 431;
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new GatewayError('GW_ERR_PAYLOAD_TOO_LARGE', 'The chunk extensions are too large.');
    default:
      return new GatewayError('GW_ERR_BAD_REQUEST', 'The request is not valid HTTP/1.1.');
  }
}

function closeSoon(socket: Socket): void {
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** A whole HTTP/1.1 answer written on a socket that has no request object (yet). */
function rawAnswer(
  error: GatewayError | 431,
  baseUrl: string,
): { text: string; requestId?: string } {
  if (error === 431)
    return { text: `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nConnection: close\r\n\r\n` };
  const requestId = randomUUID();
  const body = JSON.stringify(toProblem(error, { baseUrl, requestId }));
  const head = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    `X-Request-Id: ${requestId}`,
    'Connection: close',
  ];
  return { text: `${head.join('\r\n')}\r\n\r\n${body}`, requestId };
}

/**
 * Replaces Node's bare answers to broken or too slow clients (408 after headersTimeout or
 * requestTimeout, 400 for bad HTTP) with problem+json, or with the route's own error answer (a
 * SOAP fault) when the request had already reached a route, then closes the connection.
 * Nothing is written once an answer has started.
 */
export function answerClientErrors(
  server: Server,
  options: {
    readonly inFlight: InFlight;
    readonly publicUrl: string | undefined;
    readonly logger: Logger;
  },
): void {
  server.on('clientError', (cause: Error & { code?: string }, socket: Socket) => {
    const error = errorOf(cause.code);
    const exchange = options.inFlight.unansweredOn(socket);
    if (exchange !== undefined && error !== 431) {
      exchange.res.setHeader('connection', 'close');
      sendError(error, exchange.req, exchange.res);
      localsOf(exchange.res).cancel(cause);
      closeSoon(socket);
      return;
    }
    // A response already on its way cannot be followed by another: only close.
    const answering = options.inFlight.exchanges().some(({ req }) => req.socket === socket);
    if (!socket.writable || answering || cause.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const { text, requestId } = rawAnswer(error, options.publicUrl ?? listeningUrlOf(socket));
    if (error !== 431)
      options.logger.warn({ requestId, code: error.code, reason: cause.code }, error.message);
    socket.end(text);
    closeSoon(socket);
  });
}
