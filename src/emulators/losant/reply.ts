import type { ServerResponse } from 'node:http';
import type { TimerSet } from '../shared/timers';
import type { LosantErrorReply } from './errors';
import type { LosantFault } from './types';

/** An answer ready to send: status, JSON body, extra headers. */
export interface JsonReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Wraps an Error reply as a JSON reply. */
export const fromError = (
  error: LosantErrorReply,
  headers?: Record<string, string>,
): JsonReply => ({
  status: error.status,
  body: error.body,
  ...(headers === undefined ? {} : { headers }),
});

/** Sends a JSON reply as Losant does: `application/json; charset=utf-8`. */
export function sendJson(res: ServerResponse, reply: JsonReply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges `patch` into one job log of a 200 answer (collection item or single record). */
function breakRecord(
  reply: JsonReply,
  fault: Extract<LosantFault, { kind: 'invalid-record' }>,
): JsonReply {
  if (reply.status !== 200 || !isObject(reply.body)) return reply;
  const patch = fault.patch ?? { status: 'paused' };
  const { items } = reply.body;
  if (!Array.isArray(items)) return { ...reply, body: { ...reply.body, ...patch } };
  const index = fault.index ?? 0;
  const broken = items.map((item: unknown, at) =>
    at === index && isObject(item) ? { ...item, ...patch } : item,
  );
  return { ...reply, body: { ...reply.body, items: broken } };
}

/** What applying an injected fault needs. */
export interface FaultContext {
  readonly res: ServerResponse;
  readonly timers: TimerSet;
  /** The answer the request would get without the fault. */
  readonly produce: () => JsonReply;
}

/** Answers the current request as the injected fault says (see LosantFault). */
export function applyFault(fault: LosantFault, ctx: FaultContext): void {
  const { res } = ctx;
  switch (fault.kind) {
    case 'http-error': {
      const body =
        fault.body ??
        JSON.stringify({ type: 'InjectedError', message: `Injected HTTP ${fault.status}` });
      res.writeHead(fault.status, {
        'Content-Type': fault.contentType ?? 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        ...fault.headers,
      });
      res.end(body);
      return;
    }
    case 'delay': {
      const reply = ctx.produce();
      ctx.timers.after(fault.ms, () => {
        if (!res.destroyed) sendJson(res, reply);
      });
      return;
    }
    case 'hang':
      return;
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    case 'malformed': {
      const text =
        '{"applicationId":"575ec8687ae143cd83dc4a97","count":1,"items":[{"id":"575ec76c7ae1';
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': text.length,
      });
      res.end(text);
      return;
    }
    case 'invalid-record':
      sendJson(res, breakRecord(ctx.produce(), fault));
      return;
  }
}
