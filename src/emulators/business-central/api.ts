import type { Request, Response } from 'express';
import { answerCommonFault, isCommonFault } from '../shared/faults';
import type { FaultQueue } from '../shared/injection';
import type { TimerSet } from '../shared/timers';
import { ODataError } from './errors';
import type { RateLimiter } from './rate-limit';
import { BC_FAULT_DIALECT, encodeReply, errorReply, sendReply, type Reply } from './reply';
import { answerResource } from './resources';
import { parseApiPath, type ApiPath } from './routes';
import type { SeedIndex } from './seed-index';
import type { TokenStore } from './tokens';
import type { BusinessCentralFault, RecordedBusinessCentralRequest } from './types';

/** What the API handler needs; the emulator owns every piece. */
export interface ApiDeps {
  readonly index: SeedIndex;
  readonly tokens: TokenStore;
  readonly limiter: RateLimiter;
  readonly faults: FaultQueue<BusinessCentralFault>;
  readonly timers: TimerSet;
  /** The emulator's own base URL, known once it listens. */
  readonly baseUrl: () => string;
  readonly maxPageSize: number;
  readonly mediaLinks: boolean;
}

/** T with its readonly marks removed (the request log is filled in as the answer goes out). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

const AUTH_MESSAGES = {
  missing: 'The server has rejected the client credentials. No bearer token was sent.',
  unknown: 'The server has rejected the client credentials.',
  expired: 'The server has rejected the client credentials. The access token has expired.',
} as const;

function unauthorized(message: string): Reply {
  // [I] the code BC answers for bad or expired tokens (§6, reported on Microsoft Q&A).
  return errorReply(new ODataError(401, 'Authentication_InvalidCredentials', message), {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });
}

/** The normal answer: authentication, tenant and environment, throttling, method, resource. */
function produce(req: Request, path: ApiPath | ODataError, deps: ApiDeps): Reply {
  const token = deps.tokens.check(req.get('authorization'));
  if (typeof token === 'string') return unauthorized(AUTH_MESSAGES[token]);
  if (path instanceof ODataError) return errorReply(path);
  if (path.tenant !== undefined && !deps.index.isTenant(path.tenant)) {
    return unauthorized('The access token was not issued for this tenant.');
  }
  if (path.environment !== deps.index.seed.environment) {
    return errorReply(
      new ODataError(
        404,
        'BadRequest_ResourceNotFound',
        `Environment '${path.environment.slice(0, 64)}' was not found.`,
      ),
    );
  }
  const retryAfter = deps.limiter.take(token.clientId);
  if (retryAfter !== undefined) {
    // §8: 429 beyond the limit; BC documents no Retry-After, the emulator sends one [I].
    return errorReply(
      new ODataError(429, 'TooManyRequests', 'Too many requests have been sent. Retry later.'),
      {
        'Retry-After': String(retryAfter),
      },
    );
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const set =
      path.resource.kind === 'companies' || path.resource.kind === 'company'
        ? 'companies'
        : 'jobQueueLogEntries';
    return errorReply(
      new ODataError(
        405,
        'BadRequest_MethodNotAllowed',
        `'${req.method.slice(0, 10)}' requests for '${set}' of EdmType 'Entity' are not allowed within Dynamics 365 Business Central OData web services.`,
      ),
      { Allow: 'GET' },
    );
  }
  const base = deps.baseUrl();
  try {
    return answerResource(path.resource, {
      index: deps.index,
      apiBase: base + path.prefix,
      requestUrl: new URL(req.originalUrl, base),
      prefer: req.get('prefer'),
      maxPageSize: deps.maxPageSize,
      mediaLinks: deps.mediaLinks,
    });
  } catch (error) {
    if (error instanceof ODataError) return errorReply(error);
    throw error;
  }
}

function withInvalidRecord(
  reply: Reply,
  fault: Extract<BusinessCentralFault, { kind: 'invalid-record' }>,
): Reply {
  if (reply.status !== 200 || typeof reply.json !== 'object' || reply.json === null) return reply;
  const patch = fault.patch ?? { status: 'Finished' };
  const json = reply.json as Record<string, unknown>;
  const value = json.value;
  if (Array.isArray(value)) {
    const index = fault.index ?? 0;
    if (index >= value.length) return reply;
    const patched = [...(value as unknown[])];
    patched[index] = { ...(value[index] as object), ...patch };
    return { ...reply, json: { ...json, value: patched } };
  }
  return { ...reply, json: { ...json, ...patch } };
}

/**
 * Handles one request under /v2.0/: records who sent it, applies the next injected fault, and
 * otherwise answers as BC does (see README.md).
 */
export async function handleApiRequest(
  req: Request,
  res: Response,
  record: Writable<RecordedBusinessCentralRequest>,
  deps: ApiDeps,
): Promise<void> {
  const presented = deps.tokens.lookup(req.get('authorization'));
  record.tokenClientId = presented?.clientId ?? null;
  record.tokenSerial = presented?.serial ?? null;
  let path: ApiPath | ODataError;
  try {
    path = parseApiPath(req.path);
  } catch (error) {
    if (!(error instanceof ODataError)) throw error;
    path = error;
  }
  const fault = deps.faults.next();
  if (fault !== undefined && isCommonFault(fault)) {
    const exchange = {
      res,
      timers: deps.timers,
      produce: () => encodeReply(produce(req, path, deps)),
    };
    await answerCommonFault(fault, exchange, BC_FAULT_DIALECT);
    return;
  }
  if (fault?.kind === 'expire-tokens') deps.tokens.expireAll();
  const reply = produce(req, path, deps);
  sendReply(res, fault?.kind === 'invalid-record' ? withInvalidRecord(reply, fault) : reply);
}

export type { Writable };
