import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { createAdminRouter, type AdminAppendAnswer } from '../shared/admin';
import { handleApiRequest, type ApiDeps, type Writable } from './api';
import { errorBody } from './errors';
import { ODATA_HEADERS, sendReply } from './reply';
import { answerTokenRequest } from './token-endpoint';
import type { BusinessCentralClient, RecordedBusinessCentralRequest } from './types';

/** What the express layer needs; the emulator owns every piece. */
export interface BusinessCentralAppDeps extends ApiDeps {
  readonly clients: readonly BusinessCentralClient[];
  readonly record: (request: RecordedBusinessCentralRequest) => void;
  /** Appends a log entry from an admin request's JSON (see append.ts). */
  readonly append: (input: unknown) => AdminAppendAnswer;
  readonly logger: Logger;
}

type Recorded = Writable<RecordedBusinessCentralRequest>;

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const params = new URL(req.originalUrl, 'http://emulator').searchParams;
  for (const [name, value] of params) {
    Object.defineProperty(out, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function recordedOf(res: Response): Recorded {
  return res.locals.recorded as Recorded;
}

/**
 * The HTTP face of the emulator: the Entra ID token endpoint and the BC API under /v2.0/. Every
 * request is recorded with its answer's status; anything else is a 404 in BC's error shape.
 */
export function createBusinessCentralApp(deps: BusinessCentralAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  // First: needs no token, is not recorded, takes no fault or throttling (loopback only).
  app.use(createAdminRouter(deps.append));

  app.use((req, res, next) => {
    const endpoint = req.path.startsWith('/v2.0/')
      ? 'api'
      : TOKEN_PATH.test(req.path)
        ? 'token'
        : 'other';
    const recorded: Recorded = {
      endpoint,
      method: req.method,
      path: req.path,
      query: queryOf(req),
      prefer: req.get('prefer') ?? null,
      tokenClientId: null,
      tokenSerial: null,
      status: 0,
    };
    deps.record(recorded);
    res.locals.recorded = recorded;
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });
    next();
  });

  app.post(TOKEN_PATH, express.text({ type: () => true, limit: '16kb' }), (req, res) => {
    const outcome = answerTokenRequest(
      TOKEN_PATH.exec(req.path)?.[1] ?? '',
      req.get('content-type'),
      typeof req.body === 'string' ? req.body : '',
      { index: deps.index, tokens: deps.tokens, clients: deps.clients },
    );
    const recorded = recordedOf(res);
    recorded.tokenClientId = outcome.clientId;
    recorded.tokenSerial = outcome.serial;
    sendReply(res, outcome.reply);
  });

  app.use((req, res, next) => {
    if (!req.path.startsWith('/v2.0/')) {
      next();
      return;
    }
    return handleApiRequest(req, res, recordedOf(res), deps);
  });

  app.use((req, res) => {
    const body = errorBody(
      'BadRequest_ResourceNotFound',
      `Resource not found for the segment '${req.path.slice(0, 100)}'.`,
    );
    sendReply(res, { status: 404, headers: ODATA_HEADERS, body: Buffer.from(body, 'utf8') });
  });

  // Body-reading failures are the client's (400); anything else is an emulator bug (500).
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const bodyError =
      typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
    if (!bodyError) deps.logger.error({ err: error }, 'Business Central emulator failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = bodyError
      ? errorBody('BadRequest', 'The request body could not be read.')
      : errorBody('Internal_ServerError', 'An internal error occurred.');
    sendReply(res, {
      status: bodyError ? 400 : 500,
      headers: ODATA_HEADERS,
      body: Buffer.from(body, 'utf8'),
    });
  });
  return app;
}
