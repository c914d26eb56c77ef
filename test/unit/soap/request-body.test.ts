import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { GatewayError } from '../../../src/errors/gateway-error';
import { readSoapBody, type SoapRequestBody } from '../../../src/soap/request-body';

const LIMIT = 1024;

/** What the server saw: the body reader, or the error opening it threw. */
type Opened = { body: SoapRequestBody } | { error: unknown };

let server: Server;
let port: number;
let opened: (value: Opened) => void;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    try {
      opened({ body: readSoapBody(req, { limit: LIMIT }) });
    } catch (error) {
      opened({ error });
    }
    res.on('error', () => undefined);
    setTimeout(() => res.end(), 200);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a request whose body comes in `parts` (each after the last was taken), and returns the reader. */
async function send(
  headers: Record<string, string>,
  parts: readonly Buffer[],
): Promise<{ opened: Opened; next: () => void }> {
  const seen = new Promise<Opened>((resolve) => (opened = resolve));
  const req = request({ host: '127.0.0.1', port, method: 'POST', headers });
  req.on('error', () => undefined);
  req.on('response', (res) => res.resume());
  let index = 0;
  const next = (): void => {
    const part = parts[index];
    index += 1;
    if (part === undefined) return;
    if (index === parts.length) req.end(part);
    else req.write(part);
  };
  next();
  return { opened: await seen, next };
}

function bodyOf(value: Opened): SoapRequestBody {
  if ('error' in value) throw value.error;
  return value.body;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error.code;
    throw error;
  }
  return 'resolved';
}

const XML = 'text/xml; charset=utf-8';

describe('readSoapBody', () => {
  it('resolves the head once enough bytes have arrived, before the rest', async () => {
    const first = Buffer.from('<a>'.padEnd(100, ' '));
    const { opened: value, next } = await send({ 'content-type': XML, 'content-length': '200' }, [
      first,
      Buffer.from('</a>'.padStart(100, ' ')),
    ]);
    const body = bodyOf(value);
    expect(await body.head(50)).toEqual({ text: first.toString().slice(0, 50), whole: false });
    next();
    const text = await body.text();
    expect(text.length).toBe(200);
    expect(await body.head(50)).toEqual({ text: text.slice(0, 50), whole: false });
    expect(await body.head(500)).toEqual({ text, whole: true });
  });

  it('leaves a character cut at the end of the head out, and decodes it whole later', async () => {
    const bytes = Buffer.from('ab€cd');
    const { opened: value } = await send({ 'content-type': XML }, [bytes]);
    const body = bodyOf(value);
    expect((await body.head(3)).text).toBe('ab');
    expect(await body.text()).toBe('ab€cd');
  });

  it('refuses a Content-Length over the limit before reading anything', async () => {
    const { opened: value } = await send(
      { 'content-type': XML, 'content-length': String(LIMIT + 1) },
      [Buffer.alloc(10, 0x20)],
    );
    expect('error' in value && value.error instanceof GatewayError && value.error.code).toBe(
      'GW_ERR_PAYLOAD_TOO_LARGE',
    );
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const { opened: value, next } = await send({ 'content-type': XML }, [
      Buffer.alloc(600, 0x20),
      Buffer.alloc(600, 0x20),
    ]);
    const body = bodyOf(value);
    next();
    expect(await codeOf(body.text())).toBe('GW_ERR_PAYLOAD_TOO_LARGE');
  });

  it('refuses bytes that are not UTF-8 as a malformed SOAP message, never as U+FFFD', async () => {
    const { opened: value } = await send({ 'content-type': XML }, [
      Buffer.from([0x3c, 0x61, 0xff, 0x3e]),
    ]);
    const body = bodyOf(value);
    expect(await codeOf(body.text())).toBe('GW_ERR_SOAP_MALFORMED');
    expect(await codeOf(body.head(2))).toBe('resolved');
    expect(await codeOf(body.head(3))).toBe('GW_ERR_SOAP_MALFORMED');
  });

  it('decodes the charset the Content-Type names, and strips a UTF-8 BOM', async () => {
    const latin = await send({ 'content-type': 'text/xml; charset=ISO-8859-1' }, [
      Buffer.from([0x3c, 0xe9, 0x3e]),
    ]);
    expect(await bodyOf(latin.opened).text()).toBe('<é>');
    const bom = await send({ 'content-type': XML }, [
      Buffer.from([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]),
    ]);
    expect(await bodyOf(bom.opened).text()).toBe('<a/>');
  });

  it('refuses an unknown charset or content encoding with 415', async () => {
    const charset = await send({ 'content-type': 'text/xml; charset=klingon' }, [
      Buffer.from('<a/>'),
    ]);
    const encoding = await send({ 'content-type': XML, 'content-encoding': 'br' }, [
      Buffer.from('<a/>'),
    ]);
    for (const { opened: value } of [charset, encoding])
      expect('error' in value && value.error instanceof GatewayError && value.error.code).toBe(
        'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
      );
  });

  it('inflates gzip, and applies the limit to the inflated bytes', async () => {
    const small = await send({ 'content-type': XML, 'content-encoding': 'gzip' }, [
      gzipSync('<a>é</a>'),
    ]);
    expect(await bodyOf(small.opened).text()).toBe('<a>é</a>');
    const bomb = await send({ 'content-type': XML, 'content-encoding': 'gzip' }, [
      gzipSync(Buffer.alloc(LIMIT * 50, 0x20)),
    ]);
    expect(await codeOf(bodyOf(bomb.opened).text())).toBe('GW_ERR_PAYLOAD_TOO_LARGE');
    const broken = await send({ 'content-type': XML, 'content-encoding': 'gzip' }, [
      Buffer.from('not gzip'),
    ]);
    expect(await codeOf(bodyOf(broken.opened).text())).toBe('GW_ERR_BAD_REQUEST');
  });
});
