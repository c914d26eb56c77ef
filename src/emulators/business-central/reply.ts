import type { ServerResponse } from 'node:http';
import type { FaultDialect } from '../shared/faults';
import type { WireReply } from '../shared/wire-reply';
import { defaultErrorFor, errorBody, type ODataError } from './errors';

/** A response ready to send; JSON stays an object until sent so faults can still change it. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly body?: Buffer;
}

/** Response headers of BC's OData JSON answers (§5). */
export const ODATA_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8',
  'OData-Version': '4.0',
};

/** An OData JSON answer. */
export function jsonReply(
  status: number,
  json: unknown,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  return { status, headers: { ...ODATA_HEADERS, ...headers }, json };
}

/** A BC error answer for an ODataError. */
export function errorReply(
  error: ODataError,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  return {
    status: error.status,
    headers: { ...ODATA_HEADERS, ...headers },
    body: Buffer.from(errorBody(error.code, error.message), 'utf8'),
  };
}

/** Encodes a reply for the wire: its bytes, or its JSON serialized. */
export function encodeReply(reply: Reply): WireReply {
  const body =
    reply.body ??
    (reply.json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.json), 'utf8'));
  return { status: reply.status, headers: reply.headers, body };
}

/** Writes a reply with its Content-Length. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  const { status, headers, body } = encodeReply(reply);
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}

// A well-started collection cut off mid-entity, as a dropped connection leaves it.
const MALFORMED_BODY =
  '{"@odata.context":"$metadata#companies/jobQueueLogEntries","value":[{"@odata.etag":"W/\\"JzE5Oz';

/** How BC words the common faults: OData headers, BC error bodies, a cut-off collection. */
export const BC_FAULT_DIALECT: FaultDialect = {
  send: sendReply,
  errorHeaders: ODATA_HEADERS,
  errorBody: (status) => {
    const fallback = defaultErrorFor(status);
    return errorBody(fallback.code, fallback.message);
  },
  malformed: () => ({
    status: 200,
    headers: ODATA_HEADERS,
    body: Buffer.from(MALFORMED_BODY, 'utf8'),
  }),
};
