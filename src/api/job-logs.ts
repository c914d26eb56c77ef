import { Router } from 'express';
import { splitRecordId } from '../contract';
import { answerListing } from '../joblogs/listing';
import type { ListParamsParser } from '../joblogs/query';
import { assertSourceAllowed, sourcesFor } from '../request/admission';
import { baseUrlOf, callContextOf, localsOf } from '../request/context';
import type { V1Deps } from './routes';
import { sendJson } from './send-json';

/** GET /v1/job-logs and GET /v1/job-logs/{id}: HTTP <-> unified query, nothing else. */
export function jobLogRoutes(deps: V1Deps, parseListParams: ListParamsParser): Router {
  const { service } = deps;
  const router = Router();

  router.get('/job-logs', async (req, res) => {
    // Cursors are bound to the caller: one key's cursor never continues for another.
    const caller = localsOf(res).caller ?? '';
    const request = parseListParams(req.query, caller);
    const baseUrl = baseUrlOf(req);
    const answer = await answerListing(deps, {
      request,
      // The key's scope narrows what is read; the cursor keeps the sources the caller asked for.
      scope: sourcesFor(res, request.sources),
      caller,
      call: callContextOf(req, res),
      problems: { baseUrl, requestId: localsOf(res).requestId },
    });
    if (answer.next !== undefined) {
      const nextUrl = new URL(req.originalUrl, baseUrl);
      nextUrl.searchParams.set('cursor', answer.next);
      res.setHeader('link', `<${nextUrl.pathname}${nextUrl.search}>; rel="next"`);
    }
    sendJson(res, answer);
  });

  router.get('/job-logs/:id', async (req, res) => {
    const parts = splitRecordId(req.params.id);
    if (parts !== undefined) assertSourceAllowed(res, parts.source);
    sendJson(res, await service.get(req.params.id, callContextOf(req, res)));
  });

  return router;
}
