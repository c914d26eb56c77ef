import { Router } from 'express';
import type { JobLogService } from '../joblogs/service';
import { callContextOf } from '../request/context';

/**
 * Liveness and readiness, without an API key: /healthz says the process answers; /readyz probes
 * every source and answers 503 when one is unreachable, listing each source's state.
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
