import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { isGatewayError } from '../../errors/gateway-error';
import { localsOf } from '../../request/context';

/** What pino's error serializer hands on: the serialized error, the thrown value as `raw`. */
interface SerializedError {
  readonly raw?: unknown;
  readonly [key: string]: unknown;
}

/**
 * Who is at fault decides the level, not the HTTP status: IPS answers every fault with HTTP 500
 * (or 200, when the caller asks), so a wrong password would otherwise log as an error and a
 * failing upstream behind `faultHttpStatusCode` 200 as a success. The error is the one the
 * response reports (`res.err`, set where the response is rendered); without one, the status
 * says it (every 4xx of the catalogue is the client's, every 5xx the gateway's).
 */
function accessLogLevel(res: ServerResponse, error: Error | undefined): Level {
  const failure = error ?? res.err;
  if (isGatewayError(failure)) return failure.side === 'client' ? 'warn' : 'error';
  if (failure !== undefined || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * A client's fault is logged by its code and message only: its stack says where the gateway
 * noticed the caller's mistake, which nobody needs once per refused request. The gateway's own
 * failures keep pino's full serialization (stack, cause, upstream).
 */
function serializeError(serialized: SerializedError): unknown {
  const raw = serialized.raw;
  if (isGatewayError(raw) && raw.side === 'client')
    return { type: raw.name, code: raw.code, message: raw.message };
  return serialized;
}

/**
 * One access-log line per request through pino-http, with the request id as `reqId` (also on
 * every line logged through `req.log`), the caller identity and the SOAP operation; the level
 * follows who is at fault (accessLogLevel). Credentials never reach the log: only harmless
 * headers are serialized, never bodies.
 */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (_req: IncomingMessage, res: ServerResponse) => localsOf(res as never).requestId,
    // Binds `reqId` to req.log (and so to the access-log line) without the request object.
    quietReqLogger: true,
    customProps: (_req: IncomingMessage, res: ServerResponse) => {
      const { caller, operation } = localsOf(res as never);
      return {
        ...(caller === undefined ? {} : { caller }),
        ...(operation === undefined ? {} : { operation }),
      };
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      accessLogLevel(res, error),
    serializers: {
      err: serializeError,
      req: (req: { method: string; url: string; headers: Record<string, unknown> }) => ({
        method: req.method,
        url: req.url,
        headers: {
          'user-agent': req.headers['user-agent'],
          'content-type': req.headers['content-type'],
          soapaction: req.headers.soapaction,
        },
      }),
    },
  });
}
