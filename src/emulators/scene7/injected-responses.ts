import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { SOAP11_NAMESPACE, SOAP12_NAMESPACE, type SoapVersion } from './envelope';
import { ENVELOPE_PREFIX, escapeXml } from './faults';
import { DEFAULT_API_VERSION, namespaceOfVersion } from './namespaces';
import type { TimerSet } from '../shared/timers';
import { SOAP_CONTENT_TYPE, sendWireReply, type WireReply } from './transport';
import type { Scene7Fault } from './types';

/** What applying an injected fault needs from the current exchange. */
export interface InjectionContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly version: SoapVersion;
  /** The request's body namespace, or '' when it had none. */
  readonly namespace: string;
  /** The request's operation (`getAssetJobLogs`), or '' when unknown. */
  readonly operation: string;
  readonly timers: TimerSet;
  /** Produces the normal answer. */
  readonly produce: () => Promise<WireReply>;
}

/** Answers the current request as the injected fault says (see Scene7Fault). */
export async function applyInjectedFault(fault: Scene7Fault, ctx: InjectionContext): Promise<void> {
  switch (fault.kind) {
    case 'http-error': {
      const body = fault.body ?? defaultErrorPage(fault.status);
      const headers = {
        'Content-Type': fault.contentType ?? 'text/html;charset=UTF-8',
        ...fault.headers,
      };
      sendWireReply(ctx.res, { status: fault.status, headers, body: Buffer.from(body, 'utf8') });
      return;
    }
    case 'delay': {
      const reply = await ctx.produce();
      ctx.timers.after(fault.ms, () => {
        if (!ctx.res.destroyed) sendWireReply(ctx.res, reply);
      });
      return;
    }
    case 'hang':
      // Never answered: the socket stays open until the client gives up or close() destroys it.
      return;
    case 'reset':
      ctx.req.socket.resetAndDestroy();
      return;
    case 'malformed':
    case 'doctype': {
      const xml = fault.kind === 'malformed' ? malformedBody(ctx) : billionLaughsBody(ctx);
      const headers = { 'Content-Type': SOAP_CONTENT_TYPE[ctx.version] };
      sendWireReply(ctx.res, { status: 200, headers, body: Buffer.from(xml, 'utf8') });
      return;
    }
    case 'slow-body':
      drip(ctx, await ctx.produce(), fault.bytesPerSecond);
      return;
  }
}

function defaultErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
}

function returnElement(ctx: InjectionContext): { name: string; namespace: string } {
  return {
    name: `${ctx.operation === '' ? 'getAssetJobLogs' : ctx.operation}Return`,
    namespace: ctx.namespace === '' ? namespaceOfVersion(DEFAULT_API_VERSION) : ctx.namespace,
  };
}

function envelopeOpen(version: SoapVersion): string {
  const p = ENVELOPE_PREFIX[version];
  const ns = version === '1.1' ? SOAP11_NAMESPACE : SOAP12_NAMESPACE;
  return `<${p}:Envelope xmlns:${p}="${ns}"><${p}:Body>`;
}

// A well-started answer cut off mid-element, as a dropped upstream connection leaves it.
function malformedBody(ctx: InjectionContext): string {
  const { name, namespace } = returnElement(ctx);
  return (
    `<?xml version="1.0" encoding="utf-8"?>${envelopeOpen(ctx.version)}` +
    `<${name} xmlns="${escapeXml(namespace)}"><jobLogArray><items><jobHandle>j|6||Add_2025-10-24` +
    `<jobName>Add_2025-10-24-16:11:07</jobHandle></items>`
  );
}

// OWASP's billion laughs: ten levels of ten-fold entity expansion inside a normal-looking answer.
function billionLaughsBody(ctx: InjectionContext): string {
  const p = ENVELOPE_PREFIX[ctx.version];
  const { name, namespace } = returnElement(ctx);
  const levels = ['  <!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i += 1)
    levels.push(`  <!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n` +
    `${envelopeOpen(ctx.version)}<${name} xmlns="${escapeXml(namespace)}"><jobLogArray><items>` +
    `<jobHandle>&lol9;</jobHandle><jobName>&lol9;</jobName><logMessage>&lol9;</logMessage>` +
    `<logType>UploadSuccess</logType><submitUserEmail>ips-api@example.com</submitUserEmail>` +
    `<logDate>2025-10-24T16:12:32.297-07:00</logDate></items></jobLogArray></${name}>` +
    `</${p}:Body></${p}:Envelope>`
  );
}

// Headers at once (a headers timeout passes), then the body at the given rate: about ten
// writes a second, at least one byte each.
function drip(ctx: InjectionContext, reply: WireReply, bytesPerSecond: number): void {
  const { res } = ctx;
  const chunkSize = Math.max(1, Math.floor(bytesPerSecond / 10));
  const intervalMs = (chunkSize * 1000) / bytesPerSecond;
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
  res.flushHeaders();
  let offset = 0;
  const tick = (): void => {
    if (res.destroyed) return;
    const chunk = reply.body.subarray(offset, offset + chunkSize);
    offset += chunk.length;
    if (offset >= reply.body.length) {
      res.end(chunk);
      return;
    }
    res.write(chunk);
    ctx.timers.after(intervalMs, tick);
  };
  ctx.timers.after(intervalMs, tick);
}
