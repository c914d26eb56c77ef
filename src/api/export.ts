import { Router, type Request, type Response } from 'express';
import { refusePaging } from './paging-params';
import { CallController, type CallContext } from '../contract';
import { GatewayError } from '../errors/gateway-error';
import { toProblem, type ProblemContext } from '../errors/to-problem';
import type { ListParamsParser } from '../joblogs/query';
import { walkJobLogs, type WalkEnd, type WalkPage } from '../joblogs/walk';
import { sourcesFor } from '../request/admission';
import { baseUrlOf, callContextOf, localsOf } from '../request/context';
import { EXPORT_FORMATS, encoderFor, type ExportFormat } from './export-format';
import type { V1Deps } from './routes';

/** Records per page the export reads: the listing's most, so a walk makes few fan-outs. */
export const EXPORT_PAGE_SIZE = 1000;

/** Text gathered before a write: one write per ~64 KiB instead of one per record. */
const CHUNK_CHARS = 64 * 1024;

/** `format`, checked; the export's one parameter beyond the listing's filters. */
function formatOf(value: unknown): ExportFormat {
  if (value === undefined) return 'ndjson';
  if (typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value))
    return value as ExportFormat;
  throw new GatewayError(
    'GW_ERR_INVALID_PARAMETER',
    `"format" is ${EXPORT_FORMATS.join(' or ')}.`,
    {
      parameter: 'format',
    },
  );
}

/** Resolves once `res` can take more (or has closed: then nothing more is written). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Call contexts of an export's pages. The first page is read under the request's own deadline and
 * signal (its failure is still answered as a problem). Each later page gets a deadline as long as
 * the request's, so an export may take as long as it needs, page by page; it stops when the
 * client goes away (the response closes early, also when the server closes connections on
 * shutdown).
 */
function pageContexts(req: Request, res: Response): (page: number) => CallContext {
  const first = callContextOf(req, res);
  const pageBudget = Math.max(1, first.deadline - Date.now());
  const gone = new CallController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(new Error('client closed the connection'));
  });
  return (page) =>
    page === 0 ? first : { ...first, signal: gone.signal, deadline: Date.now() + pageBudget };
}

/**
 * GET /v1/job-logs/export: every record the listing's filters select, streamed as NDJSON (the
 * default) or CSV (`format=csv`), walking page after page with backpressure. What can fail before
 * the first byte is answered as problem+json; what fails later is said in the stream (see
 * export-format.ts), never left out silently.
 */
export function exportRoutes({ service }: V1Deps, parseListParams: ListParamsParser): Router {
  const router = Router();

  router.get('/job-logs/export', async (req, res) => {
    const { format, ...filters } = req.query as Record<string, unknown>;
    const encoder = encoderFor(formatOf(format));
    refusePaging(filters, 'the export: it reads every page');
    const request = parseListParams(filters, localsOf(res).caller ?? '');
    const sources =
      sourcesFor(res, request.sources) ?? service.sources().map((source) => source.id);
    const problemContext: ProblemContext = {
      baseUrl: baseUrlOf(req),
      requestId: localsOf(res).requestId,
    };
    const pages = walkJobLogs(service, request, {
      sources,
      pageSize: EXPORT_PAGE_SIZE,
      contextFor: pageContexts(req, res),
    });

    // The first page before any header: its failure is an ordinary problem answer.
    let step: IteratorResult<WalkPage, WalkEnd> | undefined = await pages.next();
    // The server may have answered meanwhile (shutdown, a client error); then nothing is written.
    if (res.headersSent || res.writableEnded) {
      await pages.return({ complete: true });
      return;
    }
    res.status(200).type(encoder.contentType);
    res.setHeader('cache-control', 'no-store');
    if (encoder.contentType.startsWith('text/csv'))
      res.setHeader('content-disposition', 'attachment; filename="job-logs.csv"');

    if (req.method === 'HEAD') {
      // The headers of the export, without reading the rest of it.
      await pages.return({ complete: true });
      res.end();
      return;
    }
    let chunk = encoder.head();
    const flush = async (): Promise<void> => {
      const text = chunk;
      chunk = '';
      if (text.length > 0 && !res.write(text)) await drained(res);
    };
    const writePage = async (page: WalkPage): Promise<void> => {
      for (const { source, error } of page.errors)
        chunk += encoder.sourceError(source, toProblem(error, problemContext));
      for (const invalid of page.invalid) chunk += encoder.invalid(invalid);
      for (const record of page.items) {
        chunk += encoder.record(record);
        if (chunk.length >= CHUNK_CHARS) await flush();
        if (res.destroyed) return;
      }
      await flush();
    };
    let end: WalkEnd | undefined;
    while (!res.destroyed) {
      if (step.done === true) {
        end = step.value;
        break;
      }
      await writePage(step.value);
      // Let the page written go before the next is read: one page in memory at a time.
      // eslint-disable-next-line no-useless-assignment -- the assignment is the point: it unpins the page
      step = undefined;
      step = await pages.next();
    }
    if (end === undefined) {
      await pages.return({ complete: true });
      return;
    }
    if (!end.complete) chunk += encoder.incomplete(toProblem(end.error, problemContext));
    res.end(chunk);
  });

  return router;
}
