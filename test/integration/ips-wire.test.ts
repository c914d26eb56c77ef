import { gunzipSync } from 'node:zlib';
import { parseXml, type XmlElement } from '../../src/codec/xml-tree';
import { SOAP_PASSWORD, SOAP_USER, startStack, type TestStack } from '../helpers/gateway';
import {
  assetJobLogsParam,
  authHeader,
  envelope,
  IPS_COMMON_NS,
  ipsFaultOf,
  ipsNs,
  postSoap,
  SOAP11_NS,
  SOAP12_NS,
} from '../helpers/soap';

let stack: TestStack;
let endpoint: string;

beforeAll(async () => {
  stack = await startStack();
  endpoint = `${stack.gateway.url}/scene7/services/IpsApiService`;
});
afterAll(() => stack.close());

const auth = authHeader(SOAP_USER, SOAP_PASSWORD);
const children = (element: XmlElement): XmlElement[] =>
  element.children.filter((node): node is XmlElement => typeof node !== 'string');

function returnElement(xml: string): XmlElement {
  const root = parseXml(xml);
  const body = children(root).find((child) => child.local === 'Body');
  return children(body!)[0]!;
}

async function faultOf(response: Response): Promise<ReturnType<typeof ipsFaultOf>> {
  return ipsFaultOf(await response.text());
}

describe('POST /scene7/services/IpsApiService (raw envelopes)', () => {
  describe('when a legacy client sends the 2008-01-15 namespace', () => {
    it('answers in that namespace, in default-namespace style, without auxArray', async () => {
      const response = await postSoap(
        endpoint,
        envelope({ header: auth, body: assetJobLogsParam('c|6', 'a|732|1|535', '2008-01-15') }),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      const text = await response.text();
      expect(text).toContain(`<getAssetJobLogsReturn xmlns="${ipsNs('2008-01-15')}">`);
      const returned = returnElement(text);
      expect(returned.ns).toBe(ipsNs('2008-01-15'));
      const items = children(children(returned)[0]!);
      expect(items.length).toBeGreaterThan(0);
      expect(
        items.every((item) =>
          children(item).every(
            (field) => field.local !== 'auxArray' && field.ns === ipsNs('2008-01-15'),
          ),
        ),
      ).toBe(true);
    });
  });

  describe('when the caller speaks SOAP 1.2', () => {
    it('answers with a SOAP 1.2 envelope and media type', async () => {
      const response = await postSoap(
        endpoint,
        envelope({ version: '1.2', header: auth, body: assetJobLogsParam('c|6', 'a|732|1|536') }),
        { version: '1.2' },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/soap\+xml/);
      expect(parseXml(await response.text()).ns).toBe(SOAP12_NS);
    });
  });

  describe('when credentials come another way', () => {
    it('accepts the legacy AuthUser/AuthPassword headers', async () => {
      const legacy = `<AuthUser xmlns="http://www.scene7.com/IpsApi">${SOAP_USER}</AuthUser><AuthPassword xmlns="http://www.scene7.com/IpsApi">${SOAP_PASSWORD}</AuthPassword>`;
      const response = await postSoap(
        endpoint,
        envelope({ header: legacy, body: assetJobLogsParam('c|6', 'a|732|1|536') }),
      );
      expect(response.status).toBe(200);
    });

    it('accepts HTTP Basic', async () => {
      const basic = Buffer.from(`${SOAP_USER}:${SOAP_PASSWORD}`).toString('base64');
      const response = await postSoap(
        endpoint,
        envelope({ body: assetJobLogsParam('c|6', 'a|732|1|536') }),
        { headers: { authorization: `Basic ${basic}` } },
      );
      expect(response.status).toBe(200);
    });

    it('accepts the authHeader children in any order (xsd:all)', async () => {
      const reordered = `<authHeader xmlns="${IPS_COMMON_NS}"><appName>x</appName><password>${SOAP_PASSWORD}</password><user>${SOAP_USER}</user></authHeader>`;
      const response = await postSoap(
        endpoint,
        envelope({ header: reordered, body: assetJobLogsParam('c|6', 'a|732|1|536') }),
      );
      expect(response.status).toBe(200);
    });
  });

  describe('when the request is refused', () => {
    it.each([
      ['no credentials', '', assetJobLogsParam('c|6', 'a|732|1|535'), 'authenticationFault', 10000],
      [
        'a wrong password',
        authHeader(SOAP_USER, 'not-the-password'),
        assetJobLogsParam('c|6', 'a|732|1|535'),
        'authenticationFault',
        10001,
      ],
      [
        'an unknown user',
        authHeader('nobody@example.com', SOAP_PASSWORD),
        assetJobLogsParam('c|6', 'a|732|1|535'),
        'authenticationFault',
        10001,
      ],
      [
        'a missing assetHandle',
        auth,
        `<getAssetJobLogsParam xmlns="${ipsNs()}"><companyHandle>c|6</companyHandle></getAssetJobLogsParam>`,
        'ipsApiFault',
        30002,
      ],
      ['an empty assetHandle', auth, assetJobLogsParam('c|6', ''), 'ipsApiFault', 30002],
      [
        'an unknown assetHandle (IPS says so)',
        auth,
        assetJobLogsParam('c|6', 'a|999|9|999'),
        'ipsApiFault',
        30001,
      ],
      [
        'an unknown company (IPS says so)',
        auth,
        assetJobLogsParam('c|424242', 'a|732|1|535'),
        'authorizationFault',
        20000,
      ],
    ])(
      'answers %s with %s %i, HTTP 500, in the common namespace',
      async (_case, header, body, kind, code) => {
        const response = await postSoap(endpoint, envelope({ header, body }));
        expect(response.status).toBe(500);
        const fault = await faultOf(response);
        expect(fault).toMatchObject({ kind, code, namespace: IPS_COMMON_NS });
        expect(fault?.soapCode).toBe('soapenv:Client');
      },
    );

    it('honours faultHttpStatusCode', async () => {
      const header = authHeader(
        SOAP_USER,
        'not-the-password',
        '<faultHttpStatusCode>200</faultHttpStatusCode>',
      );
      const response = await postSoap(
        endpoint,
        envelope({ header, body: assetJobLogsParam('c|6', 'a|732|1|535') }),
      );
      expect(response.status).toBe(200);
      expect(await faultOf(response)).toMatchObject({ kind: 'authenticationFault', code: 10001 });
    });

    it('answers a SOAP 1.2 caller with a SOAP 1.2 fault', async () => {
      const response = await postSoap(
        endpoint,
        envelope({ version: '1.2', body: assetJobLogsParam('c|6', 'a|732|1|535') }),
        { version: '1.2' },
      );
      const text = await response.text();
      expect(parseXml(text).ns).toBe(SOAP12_NS);
      expect(ipsFaultOf(text)).toMatchObject({
        kind: 'authenticationFault',
        code: 10000,
        soapCode: 'soapenv:Sender',
      });
    });

    it('refuses a SOAPAction that names another operation than the Body', async () => {
      const response = await postSoap(
        endpoint,
        envelope({ header: auth, body: assetJobLogsParam('c|6', 'a|732|1|535') }),
        { action: 'getJobLogs' },
      );
      expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
    });

    it('refuses a mustUnderstand header it does not process', async () => {
      const header = `${auth}<wsse:Security xmlns:wsse="urn:x" soapenv:mustUnderstand="1" xmlns:soapenv="${SOAP11_NS}"/>`;
      const response = await postSoap(
        endpoint,
        envelope({ header, body: assetJobLogsParam('c|6', 'a|732|1|535') }),
      );
      const fault = await faultOf(response);
      expect(fault).toMatchObject({
        kind: 'ipsApiFault',
        code: 30003,
        soapCode: 'soapenv:MustUnderstand',
      });
    });
  });

  describe('when the input is hostile', () => {
    const hostile: Array<[string, string]> = [
      [
        'a DOCTYPE with billion laughs',
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${envelope({ header: auth, body: '<x>&lol2;</x>' }).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`,
      ],
      [
        'an external entity',
        `<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope({ header: auth, body: '<x>&xxe;</x>' }).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`,
      ],
      [
        'malformed XML',
        envelope({ header: auth, body: assetJobLogsParam('c|6', 'a|732|1|535') }).replace(
          '</soapenv:Body>',
          '',
        ),
      ],
      [
        'nesting over the depth limit',
        envelope({ header: auth, body: `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}` }),
      ],
      [
        'a __proto__ element',
        envelope({
          header: auth,
          body: `<getAssetJobLogsParam xmlns="${ipsNs()}"><__proto__><polluted>1</polluted></__proto__></getAssetJobLogsParam>`,
        }),
      ],
      ['a body that is not SOAP', '<hello/>'],
    ];

    it.each(hostile)(
      'answers %s with ipsApiFault 30003 quickly and stays up',
      async (_case, xml) => {
        const started = Date.now();
        const response = await postSoap(endpoint, xml);
        expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
        expect(Date.now() - started).toBeLessThan(2000);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
      },
    );

    it('answers a body over the size limit with 413 and ipsApiFault 30003', async () => {
      const huge = envelope({ header: auth, body: `<x>${'a'.repeat(1_100_000)}</x>` });
      const response = await postSoap(endpoint, huge);
      expect(response.status).toBe(413);
      expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
    });

    it('answers a non-SOAP media type with 415 and ipsApiFault 30003', async () => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(415);
      expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30003 });
    });
  });

  describe('when the caller accepts gzip', () => {
    it('compresses the answer unless authHeader/gzipResponse says false', async () => {
      const body = envelope({ header: auth, body: assetJobLogsParam('c|6', 'a|732|1|535') });
      const { request } = await import('undici');
      const zipped = await request(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/xml', 'accept-encoding': 'gzip' },
        body,
      });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(Buffer.from(await zipped.body.arrayBuffer())).toString()).toContain(
        'getAssetJobLogsReturn',
      );
      const plainBody = envelope({
        header: authHeader(SOAP_USER, SOAP_PASSWORD, '<gzipResponse>false</gzipResponse>'),
        body: assetJobLogsParam('c|6', 'a|732|1|535'),
      });
      const plain = await request(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/xml', 'accept-encoding': 'gzip' },
        body: plainBody,
      });
      expect(plain.headers['content-encoding']).toBeUndefined();
      await plain.body.text();
    });
  });
});

describe('IPS WSDL', () => {
  it('serves ?wsdl with the gateway as the service address', async () => {
    const text = await (
      await fetch(`${stack.gateway.url}/scene7/services/IpsApiService?wsdl`)
    ).text();
    expect(text).toContain(`location="${stack.gateway.url}/scene7/services/IpsApiService"`);
    expect(text).not.toContain(stack.scene7.url);
  });

  it('serves a dated version with its own schema namespace, and honours serviceUrl', async () => {
    const text = await (
      await fetch(
        `${stack.gateway.url}/scene7/webservice/IpsApi-2016-01-14-beta.wsdl?serviceUrl=https://proxy.example/ips`,
      )
    ).text();
    expect(text).toContain('targetNamespace="http://www.scene7.com/IpsApi/xsd/2016-01-14-beta"');
    expect(text).not.toContain('xsd/2014-04-03');
    expect(text).toContain('location="https://proxy.example/ips"');
  });

  it('answers 404 for a version before getAssetJobLogs existed', async () => {
    expect(
      (await fetch(`${stack.gateway.url}/scene7/webservice/IpsApi-2007-01-01.wsdl`)).status,
    ).toBe(404);
  });
});

describe('POST /scene7/services/IpsApiService getJobLogs', () => {
  const jobLogsParam = (inner: string): string =>
    `<getJobLogsParam xmlns="${ipsNs()}">${inner}</getJobLogsParam>`;

  function jobs(xml: string): Array<Record<string, string>> {
    const returned = returnElement(xml);
    expect(returned.local).toBe('getJobLogsReturn');
    return children(children(returned)[0]!).map((item) =>
      Object.fromEntries(
        children(item).map((field) => [
          field.local,
          field.children.filter((node) => typeof node === 'string').join(''),
        ]),
      ),
    );
  }

  it('answers with the date range, row limit and sort the caller asked for', async () => {
    const body = jobLogsParam(
      '<companyHandle>c|6</companyHandle><sortBy>JobName</sortBy><sortDirection>Ascending</sortDirection>' +
        '<startDate>2025-06-01T00:00:00Z</startDate><endDate>2026-06-01T00:00:00Z</endDate><numRows>7</numRows>',
    );
    const response = await postSoap(endpoint, envelope({ header: auth, body }), {
      action: 'getJobLogs',
    });
    expect(response.status).toBe(200);
    const items = jobs(await response.text());
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(7);
    const names = items.map((item) => item.jobName!);
    expect([...names].sort()).toEqual(names);
    for (const item of items) {
      expect(item.companyHandle).toBe('c|6');
      const start = Date.parse(item.startDate!);
      expect(start).toBeGreaterThanOrEqual(Date.parse('2025-06-01T00:00:00Z'));
      expect(start).toBeLessThanOrEqual(Date.parse('2026-06-01T00:00:00Z'));
    }
  });

  it('refuses userHandle, which the gateway cannot pass on, with 30001', async () => {
    const body = jobLogsParam('<userHandle>u|1</userHandle>');
    const response = await postSoap(endpoint, envelope({ header: auth, body }), {
      action: 'getJobLogs',
    });
    expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30001 });
  });

  it('refuses a startDate that is not an xsd:dateTime with 30001', async () => {
    const body = jobLogsParam('<startDate>yesterday</startDate>');
    const response = await postSoap(endpoint, envelope({ header: auth, body }), {
      action: 'getJobLogs',
    });
    expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30001 });
  });

  it('refuses a startDate on a day its month does not have with 30001, not as the next month', async () => {
    const body = jobLogsParam('<startDate>2026-02-31T00:00:00Z</startDate>');
    const response = await postSoap(endpoint, envelope({ header: auth, body }), {
      action: 'getJobLogs',
    });
    expect(await faultOf(response)).toMatchObject({ kind: 'ipsApiFault', code: 30001 });
  });
});
