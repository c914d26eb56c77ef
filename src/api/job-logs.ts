import { Router } from 'express';
import { splitRecordId } from '../contract';
import { toProblem } from '../errors/to-problem';
import type { ListParamsParser } from '../joblogs/query';
import { assertSourceAllowed, sourcesFor } from '../request/admission';
import { baseUrlOf, callContextOf, localsOf } from '../request/context';
import type { V1Deps } from './routes';

/** GET /v1/job-logs and GET /v1/job-logs/{id}: HTTP <-> unified query, nothing else. */
export function jobLogRoutes(
  { service, cursors }: V1Deps,
  parseListParams: ListParamsParser,
): Router {
  const router = Router();

  router.get('/job-logs', async (req, res) => {
    // Cursors are bound to the caller: one key's cursor never continues for another.
    const caller = localsOf(res).caller ?? '';
    const request = parseListParams(req.query, caller);
    // The key's scope narrows what is read; the cursor keeps the sources the caller asked for.
    const sources = sourcesFor(res, request.sources);
    const result = await service.list(
      { ...request, ...(sources === undefined ? {} : { sources }) },
      callContextOf(req, res),
    );
    const baseUrl = baseUrlOf(req);
    const context = { baseUrl, requestId: localsOf(res).requestId };
    const cursor =
      result.next === undefined
        ? undefined
        : cursors.encode(result.next, { sources: request.sources, query: request.query, caller });
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
    const parts = splitRecordId(req.params.id);
    if (parts !== undefined) assertSourceAllowed(res, parts.source);
    res.json(await service.get(req.params.id, callContextOf(req, res)));
  });

  return router;
}
