/**
 * Regression: "Invalid UTF-8 in a SOAP request is passed upstream as U+FFFD; it should get fault
 * 30003." The body was decoded leniently, so bytes that are not UTF-8 became U+FFFD and went on
 * to IPS inside the query. Now the body is decoded strictly and such a request is refused.
 */
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import { authHeader, envelope, ipsFaultOf, ipsNs } from '../helpers/soap';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack();
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());
beforeEach(() => stack.scene7.clearRequests());

/** The envelope's bytes with `bad` spliced in where the text says `@@`. */
function withBytes(xml: string, bad: readonly number[]): Buffer {
  const [before, after] = xml.split('@@') as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]);
}

describe('POST /scene7/services/IpsApiService with bytes that are not UTF-8', () => {
  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['0xFF', [0xff]],
  ])('answers %s in the Body with ipsApiFault 30003 and calls no upstream', async (_case, bad) => {
    const xml = envelope({
      header: authHeader(SOAP_USER, SOAP_PASSWORD),
      body: `<getAssetJobLogsParam xmlns="${ipsNs()}"><companyHandle>c|6</companyHandle><assetHandle>a|732|1|535@@</assetHandle></getAssetJobLogsParam>`,
    });
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'getAssetJobLogs' },
      body: withBytes(xml, bad),
    });
    expect(ipsFaultOf(await response.text())).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
    expect(stack.scene7.requests).toEqual([]);
  });

  it('answers them in the password with 30003 too', async () => {
    const xml = envelope({
      header: authHeader(SOAP_USER, `${SOAP_PASSWORD}@@`),
      body: `<getAssetJobLogsParam xmlns="${ipsNs()}"><companyHandle>c|6</companyHandle><assetHandle>a|732|1|535</assetHandle></getAssetJobLogsParam>`,
    });
    const refused = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'getAssetJobLogs' },
      body: withBytes(xml, [0xff]),
    });
    expect(ipsFaultOf(await refused.text())).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
  });

  it('still reads valid multi-byte UTF-8 (and a BOM)', async () => {
    const xml = envelope({
      header: authHeader(SOAP_USER, SOAP_PASSWORD, '<appName>Médiathèque € 𝄞</appName>'),
      body: `<getAssetJobLogsParam xmlns="${ipsNs()}"><companyHandle>c|6</companyHandle><assetHandle>a|732|1|536</assetHandle></getAssetJobLogsParam>`,
    });
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: 'getAssetJobLogs' },
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]),
    });
    expect(response.status).toBe(200);
  });
});
