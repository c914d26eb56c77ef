import { STATUS_CODES } from 'node:http';
import { answerCommonFault, type FaultDialect, type FaultExchange } from '../shared/faults';
import type { WireReply } from '../shared/wire-reply';
import { SOAP11_NAMESPACE, SOAP12_NAMESPACE, type SoapVersion } from './envelope';
import { ENVELOPE_PREFIX, escapeXml } from './faults';
import { DEFAULT_API_VERSION, namespaceOfVersion } from './namespaces';
import { SOAP_CONTENT_TYPE, sendWireReply } from './transport';
import type { Scene7Fault } from './types';

/** What applying an injected fault needs from the current exchange. */
export interface InjectionContext extends FaultExchange {
  readonly version: SoapVersion;
  /** The request's body namespace, or '' when it had none. */
  readonly namespace: string;
  /** The request's operation (`getAssetJobLogs`), or '' when unknown. */
  readonly operation: string;
}

/** Answers the current request as the injected fault says (see Scene7Fault). */
export async function applyInjectedFault(fault: Scene7Fault, ctx: InjectionContext): Promise<void> {
  switch (fault.kind) {
    case 'doctype':
      sendWireReply(ctx.res, soapReply(ctx.version, billionLaughsBody(ctx)));
      return;
    case 'slow-body':
      drip(ctx, await ctx.produce(), fault.bytesPerSecond);
      return;
    default:
      return answerCommonFault(fault, ctx, dialectOf(ctx));
  }
}

// Scene7's words for the common faults (README.md, Fault injection): an HTML error page by
// default, a cut-off envelope in the caller's SOAP version.
function dialectOf(ctx: InjectionContext): FaultDialect {
  return {
    send: sendWireReply,
    errorHeaders: { 'Content-Type': 'text/html;charset=UTF-8' },
    errorBody: defaultErrorPage,
    malformed: () => soapReply(ctx.version, malformedBody(ctx)),
  };
}

function soapReply(version: SoapVersion, xml: string): WireReply {
  const headers = { 'Content-Type': SOAP_CONTENT_TYPE[version] };
  return { status: 200, headers, body: Buffer.from(xml, 'utf8') };
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
