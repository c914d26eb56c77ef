import { Router } from 'express';
import { toProblem } from '../errors/to-problem';
import { encodeCursor, fingerprintOf } from '../joblogs/cursor';
import { createListParamsParser } from '../joblogs/query';
import type { JobLogService } from '../joblogs/service';
import { baseUrlOf, callContextOf, localsOf } from '../request/context';
import type { SchemaRegistry } from '../schemas/registry';

/** GET /v1/job-logs and GET /v1/job-logs/{id}: HTTP <-> unified query, nothing else. */
export function jobLogRoutes(
  service: JobLogService,
  registry: SchemaRegistry,
  publicUrl: string | undefined,
): Router {
  const router = Router();
  const parseListParams = createListParamsParser(registry);

  router.get('/job-logs', async (req, res) => {
    const request = parseListParams(req.query);
    const result = await service.list(request, callContextOf(req, res));
    const baseUrl = baseUrlOf(req, publicUrl);
    const context = { baseUrl, requestId: localsOf(res).requestId };
    const cursor =
      result.next === undefined
        ? undefined
        : encodeCursor(result.next, fingerprintOf(request.sources, request.query));
    if (cursor !== undefined) {
      const nextUrl = new URL(req.originalUrl, baseUrl);
      nextUrl.searchParams.set('cursor', cursor);
      res.setHeader('link', `<${nextUrl.pathname}${nextUrl.search}>; rel="next"`);
    }
    res.json({
      items: result.items,
      count: result.items.length,
      truncated: result.truncated,
      ...(cursor === undefined ? {} : { next: cursor }),
      errors: result.errors.map(({ source, error }) => ({ ...toProblem(error, context), source })),
      invalid: result.invalid.map(({ source, records }) => ({
        source,
        count: records.length,
        records: records.slice(0, 100),
      })),
    });
  });

  router.get('/job-logs/:id', async (req, res) => {
    res.json(await service.get(req.params.id, callContextOf(req, res)));
  });

  return router;
}
