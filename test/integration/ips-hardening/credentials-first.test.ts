/**
 * POST /scene7/services/IpsApiService reads the credential header blocks first and checks them
 * before anything else is parsed: from the first 8 KiB when the Header ends there (a refused
 * caller is answered without the rest of the body being read), else from the whole body.
 */
import { SOAP_PASSWORD, SOAP_USER } from '../../helpers/gateway';
import {
  assetJobLogsParam,
  authHeader,
  envelope,
  ipsFaultOf,
  ipsNs,
  postSoap,
} from '../../helpers/soap';
import { openConnection, soapRequest } from './raw-burst';
import { startIpsStack, type IpsStack } from './stack';

let stack: IpsStack;

beforeAll(async () => {
  stack = await startIpsStack();
});
afterAll(() => stack.close());

const junk = (bytes: number): string => `<junk xmlns="urn:x">${'<a/>'.repeat(bytes / 4)}</junk>`;
const BROKEN_BODY = `<getAssetJobLogsParam xmlns="${ipsNs()}"><unclosed>`;

describe('POST /scene7/services/IpsApiService reads the credentials first', () => {
  it('finds them after a Header block longer than the first 8 KiB', async () => {
    const header = `${junk(20_000)}${authHeader(SOAP_USER, SOAP_PASSWORD)}`;
    const response = await postSoap(
      stack.endpoint,
      envelope({ header, body: assetJobLogsParam('c|6', 'a|732|1|536') }),
    );
    expect(response.status).toBe(200);
  });

  it('refuses a wrong password after such a block without parsing the Body', async () => {
    const header = `${junk(20_000)}${authHeader(SOAP_USER, 'wrong')}`;
    const response = await postSoap(stack.endpoint, envelope({ header, body: BROKEN_BODY }));
    expect(ipsFaultOf(await response.text())).toMatchObject({ code: 10001 });
  });

  it('takes an authHeader in a namespace other than IPS for no credentials', async () => {
    const header = `<authHeader xmlns="urn:not-ips"><user>${SOAP_USER}</user><password>${SOAP_PASSWORD}</password></authHeader>`;
    const response = await postSoap(stack.endpoint, envelope({ header, body: BROKEN_BODY }));
    expect(ipsFaultOf(await response.text())).toMatchObject({ code: 10000 });
  });

  it('answers an authHeader that does not match the IPS schema with 30003', async () => {
    const header = authHeader(
      SOAP_USER,
      SOAP_PASSWORD,
      '<faultHttpStatusCode>soon</faultHttpStatusCode>',
    );
    const response = await postSoap(stack.endpoint, envelope({ header, body: BROKEN_BODY }));
    expect(ipsFaultOf(await response.text())).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
  });

  it('answers a refused caller before the rest of the body arrives, and keeps the connection', async () => {
    const xml = envelope({
      header: authHeader(SOAP_USER, 'wrong'),
      body: `<getAssetJobLogsParam xmlns="${ipsNs()}"><!--${'x'.repeat(40_000)}--></getAssetJobLogsParam>`,
    });
    const request = soapRequest('/scene7/services/IpsApiService', xml);
    const connection = await openConnection(stack.gateway.url);
    try {
      const answered = connection.next();
      // Everything but the last 20 000 bytes: the gateway has the Header, not the whole body.
      connection.socket.write(request.subarray(0, request.length - 20_000));
      const response = await answered;
      expect(response.status).toBe(500);
      expect(ipsFaultOf(response.body)).toMatchObject({ code: 10001 });
      // The rest is read and dropped; the connection then serves the next request.
      const next = connection.next();
      connection.socket.write(request.subarray(request.length - 20_000));
      connection.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect((await next).status).toBe(200);
    } finally {
      connection.socket.destroy();
    }
  });
});
