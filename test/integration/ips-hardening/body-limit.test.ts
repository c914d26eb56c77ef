/**
 * POST /scene7/services/IpsApiService has its own body limit, facades.ips.bodyLimitBytes
 * (64 KiB by default; IPS requests are a few hundred bytes): over it, 413 and ipsApiFault 30003
 * before the body is read (Content-Length) or as soon as it passes the limit (chunked).
 */
import { Readable } from 'node:stream';
import { SOAP_PASSWORD, SOAP_USER } from '../../helpers/gateway';
import { authHeader, envelope, ipsFaultOf, ipsNs, postSoap } from '../../helpers/soap';
import { startIpsStack, type IpsStack } from './stack';

/** An authenticated getAssetJobLogs envelope of `bytes` bytes, padded with a comment. */
function paddedEnvelope(bytes: number): string {
  const open = `<getAssetJobLogsParam xmlns="${ipsNs()}"><companyHandle>c|6</companyHandle><assetHandle>a|732|1|536</assetHandle><!--`;
  const close = '--></getAssetJobLogsParam>';
  const bare = envelope({ header: authHeader(SOAP_USER, SOAP_PASSWORD), body: `${open}${close}` });
  const xml = envelope({
    header: authHeader(SOAP_USER, SOAP_PASSWORD),
    body: `${open}${'x'.repeat(bytes - Buffer.byteLength(bare))}${close}`,
  });
  expect(Buffer.byteLength(xml)).toBe(bytes);
  return xml;
}

/** POSTs without a Content-Length (chunked), the body in 8 KiB pieces. */
function postChunked(url: string, xml: string): Promise<Response> {
  const bytes = Buffer.from(xml);
  const pieces = Array.from({ length: Math.ceil(bytes.length / 8192) }, (_, i) =>
    bytes.subarray(i * 8192, (i + 1) * 8192),
  );
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'getAssetJobLogs' },
    body: Readable.toWeb(Readable.from(pieces)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  };
  return fetch(url, init);
}

describe('by default', () => {
  let stack: IpsStack;
  beforeAll(async () => {
    stack = await startIpsStack();
  });
  afterAll(() => stack.close());

  it('answers an envelope of 64 KiB', async () => {
    const response = await postSoap(stack.endpoint, paddedEnvelope(65_536));
    expect(response.status).toBe(200);
  });

  it.each([
    ['with a Content-Length', postSoap],
    ['chunked', postChunked],
  ])('answers one byte more %s with 413 and ipsApiFault 30003', async (_case, post) => {
    const response = await post(stack.endpoint, paddedEnvelope(65_537));
    expect(response.status).toBe(413);
    expect(ipsFaultOf(await response.text())).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
  });
});

describe('with facades.ips.bodyLimitBytes: 4096', () => {
  let stack: IpsStack;
  beforeAll(async () => {
    stack = await startIpsStack({ ips: { bodyLimitBytes: 4096 } });
  });
  afterAll(() => stack.close());

  it('answers 4096 bytes and refuses 4097 with 413', async () => {
    expect((await postSoap(stack.endpoint, paddedEnvelope(4096))).status).toBe(200);
    const response = await postSoap(stack.endpoint, paddedEnvelope(4097));
    expect(response.status).toBe(413);
    expect(ipsFaultOf(await response.text())).toMatchObject({ code: 30003 });
  });
});
