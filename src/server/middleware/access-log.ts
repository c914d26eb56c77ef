import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { localsOf } from '../../request/context';

/**
 * One access-log line per request through pino-http, with the request id as `reqId` and the
 * caller identity; credentials never reach the log: only harmless headers are serialized, never bodies.
 */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (_req: IncomingMessage, res: ServerResponse) => localsOf(res as never).requestId,
    customProps: (_req: IncomingMessage, res: ServerResponse) => {
      const caller = localsOf(res as never).caller;
      return caller === undefined ? {} : { caller };
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error !== undefined || res.statusCode >= 500
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : 'info',
    serializers: {
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
