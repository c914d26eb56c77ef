import { Router } from 'express';
import type { JobLogService } from '../joblogs/service';
import type { SchemaRegistry } from '../schemas/registry';
import { jobLogRoutes } from './job-logs';

/** The /v1 JSON API (mounted behind the API-key check by the server). */
export function v1Routes(
  service: JobLogService,
  registry: SchemaRegistry,
  publicUrl: string | undefined,
): Router {
  const router = Router();
  router.use(jobLogRoutes(service, registry, publicUrl));
  router.get('/sources', (_req, res) => {
    res.json({ items: service.sources() });
  });
  return router;
}
