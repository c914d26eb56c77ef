/**
 * Regression: the IPS endpoint parsed the whole envelope before it looked at the credentials, so
 * a caller without valid credentials made the gateway do the full parse. Now the credentials
 * (authHeader in either namespace, legacy AuthUser/AuthPassword, HTTP Basic) are read from the
 * envelope's head and checked first: a Body that is not even well-formed gets the
 * authentication fault, which proves the Body was never parsed.
 */
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import { envelope, IPS_COMMON_NS, ipsFaultOf, ipsNs, postSoap } from '../helpers/soap';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack();
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());
beforeEach(() => stack.scene7.clearRequests());

// Not well-formed: an unclosed element and an undeclared entity inside the Body.
const BROKEN_BODY = `<getAssetJobLogsParam xmlns="${ipsNs()}"><companyHandle>&nope;<assetHandle>`;

const versionedAuthHeader = (password: string, extra = ''): string =>
  `<authHeader xmlns="${ipsNs('2016-01-14-beta')}"><user>${SOAP_USER}</user><password>${password}</password><appName>LegacyDam</appName><appVersion>7.2</appVersion>${extra}</authHeader>`;

describe('POST /scene7/services/IpsApiService with a Body that is not well-formed', () => {
  const basic = (password: string): Record<string, string> => ({
    authorization: `Basic ${Buffer.from(`${SOAP_USER}:${password}`).toString('base64')}`,
  });
  it.each<[string, number, string | null, Record<string, string>]>([
    ['no Header and no credentials', 10000, null, {}],
    ['an empty Header', 10000, '', {}],
    [
      'a wrong password in the unversioned authHeader',
      10001,
      `<authHeader xmlns="${IPS_COMMON_NS}"><user>${SOAP_USER}</user><password>wrong</password></authHeader>`,
      {},
    ],
    ['a wrong password in a dated authHeader', 10001, versionedAuthHeader('wrong'), {}],
    [
      'a wrong legacy AuthPassword',
      10001,
      `<AuthUser xmlns="http://www.scene7.com/IpsApi">${SOAP_USER}</AuthUser><AuthPassword xmlns="http://www.scene7.com/IpsApi">wrong</AuthPassword>`,
      {},
    ],
    ['a wrong HTTP Basic password', 10001, null, basic('wrong')],
  ])('answers %s with authenticationFault %i, not 30003', async (_case, code, header, headers) => {
    const xml =
      header === null
        ? envelope({ body: BROKEN_BODY }).replace('<soapenv:Header></soapenv:Header>', '')
        : envelope({ header, body: BROKEN_BODY });
    const response = await postSoap(endpoint, xml, { headers });
    expect(response.status).toBe(500);
    expect(ipsFaultOf(await response.text())).toMatchObject({
      kind: 'authenticationFault',
      code,
      namespace: IPS_COMMON_NS,
    });
    expect(stack.scene7.requests).toEqual([]);
  });

  it('answers without credentials over SOAP 1.2 with a Sender fault 10000', async () => {
    const response = await postSoap(endpoint, envelope({ version: '1.2', body: BROKEN_BODY }), {
      version: '1.2',
    });
    expect(ipsFaultOf(await response.text())).toMatchObject({
      kind: 'authenticationFault',
      code: 10000,
      soapCode: 'soapenv:Sender',
    });
  });

  it('honours faultHttpStatusCode read with the credentials', async () => {
    const header = versionedAuthHeader('wrong', '<faultHttpStatusCode>200</faultHttpStatusCode>');
    const response = await postSoap(endpoint, envelope({ header, body: BROKEN_BODY }));
    expect(response.status).toBe(200);
    expect(ipsFaultOf(await response.text())).toMatchObject({ code: 10001 });
  });

  it('parses the Body of an authenticated caller and refuses it with 30003', async () => {
    const header = versionedAuthHeader(SOAP_PASSWORD);
    const response = await postSoap(endpoint, envelope({ header, body: BROKEN_BODY }));
    expect(ipsFaultOf(await response.text())).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
  });
});
