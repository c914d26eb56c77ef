import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { AppendInputError } from './append';

/** The admin route that appends a job log to a running emulator (POST, JSON body). */
export const ADMIN_JOB_LOGS_PATH = '/__admin/job-logs';
/** Largest admin body: an append request is a handful of short fields. */
export const ADMIN_BODY_LIMIT_BYTES = 16_384;

/** True for a loopback peer address: 127.0.0.0/8, ::1, or 127.x mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(address) === 6 && /^(?:0{0,4}:){2,7}0{0,3}1$/.test(address);
}

/**
 * True when a Host header names a loopback host (localhost, *.localhost, 127.x, [::1]). A page
 * that rebinds its own DNS name to 127.0.0.1 still sends that name, so it is refused too.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname.startsWith('[')) return isLoopbackAddress(hostname.slice(1, -1));
  return isLoopbackAddress(hostname);
}

/**
 * Who may use the admin route: a peer on loopback (`req.socket.remoteAddress`) that named a
 * loopback host. Everyone else is answered as if the route did not exist.
 */
export function mayAdminister(req: Pick<IncomingMessage, 'socket' | 'headers'>): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host);
}

/** What an append answers: the JSON body of the 201 and, when the system has one, the record's URL. */
export interface AdminAppendAnswer {
  readonly body: unknown;
  readonly location?: string;
}

function refuse(res: Response, status: number, error: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error });
}

const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const isBodyError = (error: unknown): error is { status: number; type: string } =>
  typeof error === 'object' && error !== null && 'type' in error && 'status' in error;

/**
 * The loopback-only admin route `POST /__admin/job-logs`, mounted before the emulator's own
 * routes so that it needs no upstream credentials, is not recorded in `requests` and takes no
 * injected fault or rate-limit token. A non-loopback peer falls through to the emulator's own
 * 404. The body must be `application/json` (so a browser page cannot send it without a CORS
 * preflight, which nothing here answers), at most 16 kB, and valid for `append`: 201 with the
 * record, else 400/413/415 with `{"error": "..."}`.
 */
export function createAdminRouter(append: (input: unknown) => AdminAppendAnswer): Router {
  const router = express.Router();
  router.post(
    ADMIN_JOB_LOGS_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      if (!mayAdminister(req)) {
        next('router');
        return;
      }
      if (mediaType(req.get('content-type')) !== 'application/json') {
        refuse(res, 415, 'the body must be application/json');
        return;
      }
      next();
    },
    express.raw({ type: () => true, limit: ADMIN_BODY_LIMIT_BYTES }),
    (req: Request, res: Response) => {
      let input: unknown;
      try {
        input = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
      } catch {
        refuse(res, 400, 'the body is not valid JSON');
        return;
      }
      let answer: AdminAppendAnswer;
      try {
        answer = append(input);
      } catch (error) {
        if (!(error instanceof AppendInputError)) throw error;
        refuse(res, 400, error.message);
        return;
      }
      res.status(201).set('Cache-Control', 'no-store');
      if (answer.location !== undefined) res.location(answer.location);
      res.json(answer.body);
    },
  );
  // Body-reading failures (too large, bad encoding, aborted) are the caller's; others go on.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isBodyError(error) || res.headersSent) {
      next(error);
      return;
    }
    const tooLarge = error.status === 413;
    refuse(
      res,
      tooLarge ? 413 : 400,
      tooLarge
        ? `the body is larger than ${ADMIN_BODY_LIMIT_BYTES} bytes`
        : 'the body could not be read',
    );
  });
  return router;
}
