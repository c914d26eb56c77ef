import type { ServerResponse } from 'node:http';
import { answerCommonFault, type FaultDialect, type FaultExchange } from '../shared/faults';
import type { WireReply } from '../shared/wire-reply';
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

const JSON_TYPE = 'application/json; charset=utf-8';

/** Encodes a JSON reply as Losant sends it: `application/json; charset=utf-8`. */
export function encodeJson(reply: JsonReply): WireReply {
  return {
    status: reply.status,
    headers: { 'Content-Type': JSON_TYPE, ...reply.headers },
    body: Buffer.from(JSON.stringify(reply.body), 'utf8'),
  };
}

/** Writes a reply with its Content-Length (which the reply's own headers may override). */
export function sendBytes(res: ServerResponse, reply: WireReply): void {
  res.writeHead(reply.status, { 'Content-Length': String(reply.body.length), ...reply.headers });
  res.end(reply.body);
}

/** Sends a JSON reply as Losant does. */
export function sendJson(res: ServerResponse, reply: JsonReply): void {
  sendBytes(res, encodeJson(reply));
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

// A text no seeded record holds: it marks where the deep value is spliced into the encoded body.
const DEEP_MARKER = '"deep-record-marker-5f1c0a"';

/**
 * Encodes a 200 answer with the `input` of one job log nested `depth` levels deep. The value is
 * spliced into the text, since JSON.stringify cannot write it (that is the point of the fault).
 */
function encodeDeepRecord(
  reply: JsonReply,
  fault: Extract<LosantFault, { kind: 'deep-record' }>,
): WireReply {
  const deep = `${'{"a":'.repeat(fault.depth)}1${'}'.repeat(fault.depth)}`;
  const marked = breakRecord(reply, {
    kind: 'invalid-record',
    ...(fault.index === undefined ? {} : { index: fault.index }),
    patch: { input: JSON.parse(DEEP_MARKER) as string },
  });
  const wire = encodeJson(marked);
  return { ...wire, body: Buffer.from(wire.body.toString('utf8').replace(DEEP_MARKER, deep)) };
}

/** What applying an injected fault needs. */
export interface FaultContext extends Omit<FaultExchange, 'produce'> {
  /** The answer the request would get without the fault. */
  readonly produce: () => JsonReply;
}

// A collection cut off mid-record, as a dropped connection leaves it.
const MALFORMED_BODY =
  '{"applicationId":"575ec8687ae143cd83dc4a97","count":1,"items":[{"id":"575ec76c7ae1';

const LOSANT_DIALECT: FaultDialect = {
  send: sendBytes,
  errorHeaders: { 'Content-Type': JSON_TYPE },
  errorBody: (status) =>
    JSON.stringify({ type: 'InjectedError', message: `Injected HTTP ${status}` }),
  malformed: () => ({
    status: 200,
    headers: { 'Content-Type': JSON_TYPE },
    body: Buffer.from(MALFORMED_BODY, 'utf8'),
  }),
};

/** Answers the current request as the injected fault says (see LosantFault). */
export async function applyFault(fault: LosantFault, ctx: FaultContext): Promise<void> {
  if (fault.kind === 'invalid-record') {
    sendJson(ctx.res, breakRecord(ctx.produce(), fault));
    return;
  }
  if (fault.kind === 'deep-record') {
    sendBytes(ctx.res, encodeDeepRecord(ctx.produce(), fault));
    return;
  }
  const exchange = { ...ctx, produce: () => encodeJson(ctx.produce()) };
  await answerCommonFault(fault, exchange, LOSANT_DIALECT);
}
