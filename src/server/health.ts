import type { RequestHandler } from 'express';
import { sendJson, sendJsonText } from '../api/send-json';
import type { JobLogService } from '../joblogs/service';
import { callContextOf } from '../request/context';

/** /healthz and /readyz as express matches a route: any case, with or without a trailing slash. */
const PROBE_PATH = /^\/(healthz|readyz)\/?$/i;
/** What /healthz answers, written once. */
const ALIVE = JSON.stringify({ status: 'ok' });

/**
 * Liveness and readiness, without an API key: /healthz says the process answers; /readyz answers
 * 503 when a source is unreachable, listing each source's state. The probes are the query
 * service's: shared by concurrent callers and reused for server.readyCacheMs, and a source whose
 * circuit breaker is open is reported not ready without being called, so anonymous callers
 * cannot make the gateway call its upstreams at will.
 *
 * One handler rather than an express Router: a router would be entered for every request and
 * allocate its per-request state, and liveness probes are the most frequent request a gateway
 * gets. It answers GET and HEAD (as an express GET route does) and passes anything else on.
 */
export function healthRoutes(service: JobLogService): RequestHandler {
  return (req, res, next) => {
    const match = PROBE_PATH.exec(req.path);
    if (match === null || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    if (match[1]?.toLowerCase() === 'healthz') {
      sendJsonText(res, ALIVE);
      return;
    }
    service.health(callContextOf(req, res)).then((sources) => {
      const ready = sources.every((source) => source.ok);
      res.statusCode = ready ? 200 : 503;
      sendJson(res, { status: ready ? 'ready' : 'not ready', sources });
    }, next);
  };
}
