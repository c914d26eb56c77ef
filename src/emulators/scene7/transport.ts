import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { WireReply } from '../shared/wire-reply';
import type { SoapVersion } from './envelope';
import type { SoapReply } from './soap-service';

const gzipAsync = promisify(gzip);

/** Response Content-Types as IPS sends them (scene7-ips.md §1.3: `text/xml;charset=UTF-8`). */
export const SOAP_CONTENT_TYPE: Readonly<Record<SoapVersion, string>> = {
  '1.1': 'text/xml;charset=UTF-8',
  '1.2': 'application/soap+xml;charset=UTF-8',
};

/** True when an Accept-Encoding header admits gzip (`gzip`, `x-gzip` or `*` with q > 0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  const codings = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name?.trim().toLowerCase() ?? '';
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (coding !== '') codings.set(coding, q === undefined ? 1 : Number(q.slice(2)));
  }
  const quality = codings.get('gzip') ?? codings.get('x-gzip') ?? codings.get('*') ?? 0;
  return quality > 0;
}

/** §1.3: gzip when Accept-Encoding allows it, unless `authHeader/gzipResponse` says otherwise. */
export function shouldGzip(
  gzipResponse: boolean | null,
  acceptEncoding: string | undefined,
): boolean {
  return gzipResponse ?? acceptsGzip(acceptEncoding);
}

/** Encodes a SOAP reply for the wire in its version's Content-Type, gzipped when `compress`. */
export async function toWireReply(
  reply: SoapReply,
  version: SoapVersion,
  compress: boolean,
): Promise<WireReply> {
  const text = Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string> = { 'Content-Type': SOAP_CONTENT_TYPE[version] };
  if (!compress) return { status: reply.status, headers, body: text };
  headers['Content-Encoding'] = 'gzip';
  headers['Vary'] = 'Accept-Encoding';
  return { status: reply.status, headers, body: await gzipAsync(text) };
}

/** Sends a reply with chunked transfer, as IPS does (§1.3). */
export function sendWireReply(res: ServerResponse, reply: WireReply): void {
  res.writeHead(reply.status, reply.headers);
  res.write(reply.body);
  res.end();
}
