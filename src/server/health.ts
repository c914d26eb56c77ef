import { Router } from 'express';
import type { JobLogService } from '../joblogs/service';
import { callContextOf } from '../request/context';

/**
 * Liveness and readiness, without an API key: /healthz says the process answers; /readyz answers
 * 503 when a source is unreachable, listing each source's state. The probes are the query
 * service's: shared by concurrent callers and reused for server.readyCacheMs, and a source whose
 * circuit breaker is open is reported not ready without being called, so anonymous callers
 * cannot make the gateway call its upstreams at will.
 */
export function healthRoutes(service: JobLogService): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const sources = await service.health(callContextOf(req, res));
    const ready = sources.every((source) => source.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', sources });
  });
  return router;
}
