import { Router } from 'express';
import { GatewayError } from '../errors/gateway-error';
import { toProblem, type ProblemContext } from '../errors/to-problem';
import {
  HISTOGRAM_BUCKETS,
  bucketLayout,
  bucketStarts,
  countJobLogs,
  defaultBucket,
  type HistogramBucket,
} from '../joblogs/histogram';
import type { ListParamsParser } from '../joblogs/query';
import { walkJobLogs } from '../joblogs/walk';
import { sourcesFor } from '../request/admission';
import { baseUrlOf, callContextOf, localsOf } from '../request/context';
import type { JobLogHistogram } from '../schemas/types/job-log-histogram';
import { refusePaging } from './paging-params';
import type { V1Deps } from './routes';

/** Records per page the histogram reads: the listing's most, so a count makes few fan-outs. */
export const HISTOGRAM_PAGE_SIZE = 1000;

/** `bucket`, checked; undefined when not given (the range picks it). */
function bucketOf(value: unknown): HistogramBucket | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (HISTOGRAM_BUCKETS as readonly string[]).includes(value))
    return value as HistogramBucket;
  throw new GatewayError(
    'GW_ERR_INVALID_PARAMETER',
    `"bucket" is ${HISTOGRAM_BUCKETS.join(' or ')}.`,
    { parameter: 'bucket' },
  );
}

/**
 * GET /v1/job-logs/histogram: how many records the listing's filters select per UTC hour or day,
 * per source and status, over [since, until). It walks every page of the listing (1000 records a
 * page, each record once) under the request's own deadline, since it answers one JSON body, and
 * counts at most HISTOGRAM_RECORD_CAP records. A first page every source failed is answered as
 * the listing's would be (problem+json); later failures are listed in `errors`.
 */
export function histogramRoutes({ service }: V1Deps, parseListParams: ListParamsParser): Router {
  const router = Router();

  router.get('/job-logs/histogram', async (req, res) => {
    const { bucket: bucketParam, ...filters } = req.query as Record<string, unknown>;
    const asked = bucketOf(bucketParam);
    refusePaging(filters, 'the histogram: it counts every record');
    const request = parseListParams(filters, localsOf(res).caller ?? '');
    const { since } = request.query;
    if (since === undefined)
      throw new GatewayError(
        'GW_ERR_MISSING_PARAMETER',
        '"since" is required: the histogram counts from it ("until" defaults to now).',
        { parameter: 'since' },
      );
    const until = request.query.until ?? new Date().toISOString();
    if (Date.parse(until) <= Date.parse(since))
      throw new GatewayError(
        'GW_ERR_INVALID_PARAMETER',
        '"since" must be earlier than "until" (which defaults to now).',
        { parameter: 'since' },
      );
    const bucket = asked ?? defaultBucket(Date.parse(since), Date.parse(until));
    const layout = bucketLayout(since, until, bucket);
    const sources =
      sourcesFor(res, request.sources) ?? service.sources().map((source) => source.id);
    const context = callContextOf(req, res);
    const counted = await countJobLogs(
      walkJobLogs(
        service,
        { query: { ...request.query, until } },
        { sources, pageSize: HISTOGRAM_PAGE_SIZE, contextFor: () => context },
      ),
      layout,
    );
    const problemContext: ProblemContext = {
      baseUrl: baseUrlOf(req),
      requestId: localsOf(res).requestId,
    };
    const body: JobLogHistogram = {
      bucket,
      since,
      until,
      starts: bucketStarts(layout),
      series: counted.series.map(({ source, status, counts }) => ({
        source,
        status,
        counts: [...counts],
      })),
      total: counted.total,
      untimed: counted.untimed,
      complete: counted.complete,
      errors: counted.errors.map(({ source, error }) => ({
        ...toProblem(error, problemContext),
        ...(source === undefined ? {} : { source }),
      })),
      invalid: counted.invalid.map(({ source, count }) => ({ source, count })),
    };
    res.json(body);
  });

  return router;
}
