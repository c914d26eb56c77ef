import { Router } from 'express';
import type { CursorCodec } from '../joblogs/cursor';
import type { JobLogService } from '../joblogs/service';
import type { SchemaRegistry } from '../schemas/registry';
import { sourcesFor } from '../request/admission';
import { exportRoutes } from './export';
import { histogramRoutes } from './histogram';
import { jobLogRoutes } from './job-logs';
import type { StreamHub } from './stream';
import { createListParamsParser } from '../joblogs/query';
import { GatewayError } from '../errors/gateway-error';

/** What the /v1 routes are built with. */
export interface V1Deps {
  readonly service: JobLogService;
  readonly registry: SchemaRegistry;
  /** Signs and checks listing cursors (one codec per process: its secret signs and verifies). */
  readonly cursors: CursorCodec;
  /** The live tail, when the config has `watch` (or webhooks). */
  readonly stream?: StreamHub;
}

/** The /v1 JSON API (mounted behind the API-key check by the server). */
export function v1Routes(deps: V1Deps): Router {
  const { service } = deps;
  const router = Router();
  // One parser for the listing, the export, the histogram and the stream: the same filters.
  const parseListParams = createListParamsParser(deps.registry, deps.cursors);
  // Before /job-logs/:id, which would take "export" or "histogram" as an id.
  router.use(exportRoutes(deps, parseListParams));
  router.use(histogramRoutes(deps, parseListParams));
  router.get('/job-logs/stream', async (req, res) => {
    if (deps.stream === undefined)
      throw new GatewayError(
        'GW_ERR_NOT_FOUND',
        'The live tail needs the watcher: add `watch:` to the gateway config.',
      );
    await deps.stream.handle(req, res, parseListParams);
  });
  router.use(jobLogRoutes(deps, parseListParams));
  router.get('/sources', (_req, res) => {
    const scope = sourcesFor(res, undefined);
    const items = service.sources();
    res.json({ items: scope === undefined ? items : items.filter(({ id }) => scope.includes(id)) });
  });
  return router;
}
