import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { createAdminRouter, type AdminAppendAnswer } from '../shared/admin';
import type { FaultQueue } from '../shared/injection';
import type { TimerSet } from '../shared/timers';
import { authenticate, authorizeApplication, bearerOf, type JobLogRoute } from './auth';
import { collectionOf, parseCollectionParams } from './collection';
import { losantError, notFound, validationError } from './errors';
import { compileQueryValidator } from './query-schema';
import type { FixedWindowLimiter } from './rate-limit';
import { applyFault, fromError, sendJson, type JsonReply } from './reply';
import type { LosantSeed, LosantToken } from './seed-types';
import type { LosantStore } from './store';
import type { LosantFault, RecordedLosantRequest } from './types';

/** What the express layer needs; the emulator owns every piece. */
export interface LosantAppDeps {
  readonly seed: LosantSeed;
  /** The job logs served: the seed's and the appended ones. */
  readonly store: LosantStore;
  /** Appends a job log from an admin request's JSON (see append.ts). */
  readonly append: (input: unknown) => AdminAppendAnswer;
  readonly faults: FaultQueue<LosantFault>;
  readonly timers: TimerSet;
  readonly limiter: FixedWindowLimiter | undefined;
  readonly record: (request: RecordedLosantRequest) => void;
  readonly logger: Logger;
}

const LOSANT_ID = /^[A-Fa-f\d]{24}$/;

function recordOf(req: Request, params: URLSearchParams): RecordedLosantRequest {
  // Query names are untrusted data: defineProperty keeps `__proto__` an ordinary key.
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!Object.hasOwn(query, name)) {
      Object.defineProperty(query, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  let filter: unknown;
  try {
    filter = params.has('query') ? (JSON.parse(params.get('query') ?? '') as unknown) : undefined;
  } catch {
    filter = undefined;
  }
  return {
    method: req.method,
    path: req.path,
    query,
    filter,
    token: bearerOf(req.get('authorization')),
    acceptVersion: req.get('accept-version') ?? null,
    status: 0,
  };
}

/**
 * The HTTP face of the emulator: the two job-log routes (losant.md §2), each in the order
 * injected fault, rate limit, token and scope (401/403), ids (400), application binding (403),
 * parameters (400), existence (404).
 */
export function createLosantApp(deps: LosantAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const tokens = new Map<string, LosantToken>(
    deps.seed.tokens.map((token) => [token.token, token]),
  );
  const validateQuery = compileQueryValidator();

  function answer(
    route: JobLogRoute,
    req: Request,
    params: URLSearchParams,
    token: string | null,
  ): JsonReply {
    const caller = authenticate(token, tokens, route);
    if ('status' in caller) return fromError(caller);
    const applicationId = String(req.params.applicationId);
    if (!LOSANT_ID.test(applicationId))
      return fromError(validationError('applicationId must be a 24-digit hex id'));
    const jobId = req.params.jobId === undefined ? undefined : String(req.params.jobId);
    if (jobId !== undefined && !LOSANT_ID.test(jobId))
      return fromError(validationError('jobId must be a 24-digit hex id'));
    const refused = authorizeApplication(caller, applicationId);
    if (refused !== undefined) return fromError(refused);
    const parsed =
      route === 'collection' ? parseCollectionParams(params, validateQuery) : undefined;
    if (parsed !== undefined && 'body' in parsed) return fromError(parsed);
    const application = deps.store.application(applicationId.toLowerCase());
    if (application === undefined) return fromError(notFound('Application'));
    if (parsed !== undefined)
      return { status: 200, body: collectionOf(application.id, application.jobLogs, parsed) };
    // losant.md §2.1 [I]: the path's jobId is matched against the job log's `id`.
    const jobLog = application.jobLogs.find((log) => log.id === jobId?.toLowerCase());
    return jobLog === undefined
      ? fromError(notFound('Application job log'))
      : { status: 200, body: jobLog };
  }

  const handle = (route: JobLogRoute) => (req: Request, res: Response) => {
    const params = new URL(req.originalUrl, 'http://emulator').searchParams;
    const recorded = recordOf(req, params);
    deps.record(recorded);
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });
    const fault = deps.faults.next();
    deps.logger.debug({ ...recorded, token: undefined, injected: fault?.kind }, 'Losant request');
    const produce = (): JsonReply => answer(route, req, params, recorded.token);
    if (fault !== undefined) return applyFault(fault, { res, timers: deps.timers, produce });
    const wait = deps.limiter?.take(recorded.token ?? req.socket.remoteAddress ?? '');
    if (wait !== undefined) {
      // [I] 429 is documented only for events.post (losant.md §4); same Error shape here.
      sendJson(
        res,
        fromError(losantError(429, 'TooManyRequests', 'Rate limit exceeded'), {
          'Retry-After': String(wait),
        }),
      );
      return;
    }
    sendJson(res, produce());
  };

  // Before the API routes: needs no token, is not recorded, takes no fault (loopback only).
  app.use(createAdminRouter(deps.append));
  app.get('/applications/:applicationId/jobLogs', handle('collection'));
  app.get('/applications/:applicationId/jobLogs/:jobId', handle('single'));

  // [I] Only GET exists on these resources (losant.md §2); anything else is a NotFound.
  app.use((_req, res) => sendJson(res, fromError(notFound('Resource'))));

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    deps.logger.error({ err: error }, 'Losant emulator failed');
    if (res.headersSent) return res.destroy();
    sendJson(res, fromError(losantError(500, 'InternalError', 'Internal server error')));
  });
  return app;
}
