import type { ServerResponse } from 'node:http';
import { errorBody, type ODataError } from './errors';

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

/** Writes a reply. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  const body =
    reply.body ??
    (reply.json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.json), 'utf8'));
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
  res.end(body);
}
