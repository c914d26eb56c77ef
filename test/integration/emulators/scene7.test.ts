/**
 * The Scene7 IPS emulator over real HTTP on loopback: a node-soap client built from its own WSDL
 * (SOAP 1.1 and 1.2, both authHeader variants) and raw envelopes for everything else. Expected
 * shapes follow shared/reference/scene7-ips.md (section numbers in the test names' comments).
 */
import * as soap from 'soap';
import {
  createScene7Seed,
  startScene7Emulator,
  type Scene7Emulator,
} from '../../../src/emulators/scene7';
import { parseXml } from '../../../src/emulators/scene7/xml';
import {
  assetParam,
  betaSoap12Client,
  bodyOf,
  child,
  COMMON_NS,
  commonAuth,
  DEMO,
  envelope,
  faultOf,
  itemsOf,
  jobLogsParam,
  LEGACY_NS,
  ns,
  post,
  SOAP11,
  SOAP12,
  SOLO,
  versionedAuth,
} from './scene7-wire';

let emulator: Scene7Emulator;

beforeAll(async () => {
  emulator = await startScene7Emulator();
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

/** POSTs a getAssetJobLogs call for the demo user. */
function assetJobLogs(
  asset: string,
  company = 'c|6',
  header = commonAuth(),
): ReturnType<typeof post> {
  return post(emulator.serviceUrl, envelope('1.1', assetParam(company, asset), header));
}

describe('startScene7Emulator', () => {
  it('listens on 127.0.0.1 and names its service URL', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.serviceUrl).toBe(`${emulator.url}/scene7/services/IpsApiService`);
  });
});

describe('GET /scene7/services/IpsApiService?wsdl', () => {
  describe('when asked without serviceUrl', () => {
    it('serves the 2014-04-03 WSDL with both addresses rewritten to this server', async () => {
      const res = await fetch(`${emulator.serviceUrl}?wsdl`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(text).toContain('targetNamespace="http://www.scene7.com/IpsApi/xsd/2014-04-03"');
      expect(text).toContain(`<soap:address location="${emulator.serviceUrl}"/>`);
      expect(text).toContain(`<soap12:address location="${emulator.serviceUrl}"/>`);
    });
  });

  describe('when serviceUrl is given', () => {
    it('points the addresses at it', async () => {
      const proxy = 'https://proxy.example.com/scene7/services/IpsApiService';
      const text = await (
        await fetch(`${emulator.serviceUrl}?wsdl&serviceUrl=${encodeURIComponent(proxy)}`)
      ).text();
      expect(text).toContain(`<soap:address location="${proxy}"/>`);
      expect(text).not.toContain(emulator.serviceUrl);
    });

    it('answers 400 when it is not an http(s) URL', async () => {
      const res = await fetch(`${emulator.serviceUrl}?wsdl&serviceUrl=javascript:alert(1)`);
      expect(res.status).toBe(400);
    });
  });
});

describe('GET /scene7/webservice/IpsApi-<version>.wsdl', () => {
  it.each(['2008-01-15', '2010-01-31', '2016-01-14-beta'])(
    'serves version %s with its namespace substituted',
    async (version) => {
      const res = await fetch(`${emulator.url}/scene7/webservice/IpsApi-${version}.wsdl`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).toContain(`xmlns:types="${ns(version)}"`);
      expect(text).not.toContain(ns('2014-04-03'));
    },
  );

  it('serves IpsApi.wsdl in the default version', async () => {
    const text = await (await fetch(`${emulator.url}/scene7/webservice/IpsApi.wsdl`)).text();
    expect(text).toContain(`xmlns:types="${ns('2014-04-03')}"`);
  });

  it('answers 404 for a version before 2008-01-15', async () => {
    const res = await fetch(`${emulator.url}/scene7/webservice/IpsApi-2007-01-01.wsdl`);
    expect(res.status).toBe(404);
  });
});

describe('node-soap client built from the emulator WSDL', () => {
  describe('when it calls getAssetJobLogs over SOAP 1.1 with the common authHeader', () => {
    it('returns the documented entries of a|732|1|535', async () => {
      const client = await soap.createClientAsync(`${emulator.serviceUrl}?wsdl`);
      client.addSoapHeader({ authHeader: DEMO }, '', 'common', COMMON_NS);
      const [result] = await client.getAssetJobLogsAsync({
        companyHandle: 'c|6',
        assetHandle: 'a|732|1|535',
      });
      const items = result.jobLogArray.items as Array<Record<string, unknown>>;
      expect(items.map((i) => [i.logType, i.logMessage])).toEqual([
        ['UploadSuccess', 'ApiTestCo/blakexslttest.jpg was processed into IPS'],
        ['FileUpdated', 'ApiTestCo/blakexslttest.jpg was processed into IPS.'],
        [
          'ImageServingPublishSuccess',
          'ApiTestCo/blakexslttest.jpg was published to Image Serving',
        ],
        ['FileUpdated', 'ApiTestCo/blakexslttest.jpg was processed into IPS.'],
      ]);
      expect(items[0]?.jobHandle).toBe('j|6||Add_2025-10-24-16:11:07');
      expect(emulator.requests).toEqual([
        {
          operation: 'getAssetJobLogs',
          soapVersion: '1.1',
          namespace: ns(),
          user: DEMO.user,
          authVariant: 'common',
          soapAction: 'getAssetJobLogs',
          locale: null,
        },
      ]);
    });
  });

  describe('when it calls over SOAP 1.2 with the versioned authHeader of 2016-01-14-beta', () => {
    it('answers in SOAP 1.2 and the beta namespace, auxArray included', async () => {
      const beta = ns('2016-01-14-beta');
      const client = await betaSoap12Client(emulator.url);
      const [result] = await client.getAssetJobLogsAsync({
        companyHandle: 'c|6',
        assetHandle: 'a|732|1|538',
      });
      expect(result.jobLogArray.items[0].auxArray.items[0].logMessage).toBe(
        'No embedded color profile; sRGB was assumed',
      );
      expect(client.lastResponse).toContain(`<env:Envelope xmlns:env="${SOAP12}"`);
      expect(client.lastResponse).toContain(`<getAssetJobLogsReturn xmlns="${beta}">`);
      expect(emulator.requests[0]).toMatchObject({ soapVersion: '1.2', authVariant: 'versioned' });
    });
  });

  describe('when it calls getJobLogs', () => {
    it('returns numRows job logs sorted as asked', async () => {
      const client = await soap.createClientAsync(`${emulator.serviceUrl}?wsdl`);
      client.addSoapHeader({ authHeader: DEMO }, '', 'common', COMMON_NS);
      const [result] = await client.getJobLogsAsync({
        companyHandle: 'c|6',
        sortBy: 'JobName',
        sortDirection: 'Ascending',
        numRows: 3,
      });
      const names = (result.jobLogArray.items as Array<{ jobName: string }>).map((j) => j.jobName);
      expect(names).toHaveLength(3);
      expect([...names].sort()).toEqual(names);
    });
  });

  describe('when the password is wrong', () => {
    it('rejects with the authenticationFault detail', async () => {
      const client = await soap.createClientAsync(`${emulator.serviceUrl}?wsdl`);
      client.addSoapHeader(
        { authHeader: { user: DEMO.user, password: 'nope' } },
        '',
        'common',
        COMMON_NS,
      );
      await expect(
        client.getAssetJobLogsAsync({ companyHandle: 'c|6', assetHandle: 'a|732|1|535' }),
      ).rejects.toMatchObject({
        response: { status: 500 },
        root: {
          Envelope: { Body: { Fault: { detail: { authenticationFault: { code: '10001' } } } } },
        },
      });
    });
  });
});

describe('POST /scene7/services/IpsApiService', () => {
  describe('when the request is SOAP 1.1 (text/xml)', () => {
    it('answers a SOAP 1.1 envelope as text/xml, status 200', async () => {
      const res = await assetJobLogs('a|732|1|536');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
      expect(parseXml(res.text).namespace).toBe(SOAP11);
    });
  });

  describe('when the request is SOAP 1.2 (application/soap+xml)', () => {
    it('answers a SOAP 1.2 envelope as application/soap+xml', async () => {
      const body = envelope('1.2', assetParam('c|6', 'a|732|1|536'), commonAuth());
      const res = await post(emulator.serviceUrl, body, { version: '1.2' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/soap+xml;charset=UTF-8');
      expect(parseXml(res.text).namespace).toBe(SOAP12);
      expect(itemsOf(res.text)).toHaveLength(1);
    });
  });

  describe('when the SOAPAction is quoted, unquoted, empty or names another operation', () => {
    it.each([
      ['"getAssetJobLogs"', 'getAssetJobLogs'],
      ['getAssetJobLogs', 'getAssetJobLogs'],
      ['', ''],
      ['getJobLogs', 'getJobLogs'],
    ])('dispatches on the body element (SOAPAction %s)', async (header, recorded) => {
      const body = envelope('1.1', assetParam('c|6', 'a|732|1|536'), commonAuth());
      const res = await post(emulator.serviceUrl, body, { headers: { SOAPAction: header } });
      expect(bodyOf(res.text).localName).toBe('getAssetJobLogsReturn');
      expect(emulator.requests[0]?.soapAction).toBe(recorded);
    });

    it('records the SOAP 1.2 action parameter', async () => {
      const body = envelope('1.2', assetParam('c|6', 'a|732|1|536'), commonAuth());
      await post(emulator.serviceUrl, body, {
        headers: {
          'Content-Type': 'application/soap+xml; charset=utf-8; action="getAssetJobLogs"',
        },
      });
      expect(emulator.requests[0]?.soapAction).toBe('getAssetJobLogs');
    });
  });

  describe('when the body uses another dated namespace (§1.2, §2.3)', () => {
    it('answers 2008-01-15 in that namespace and leaves auxArray out', async () => {
      const body = envelope(
        '1.1',
        assetParam('c|6', 'a|732|1|539', ns('2008-01-15')),
        commonAuth(),
      );
      const res = await post(emulator.serviceUrl, body);
      expect(bodyOf(res.text).namespace).toBe(ns('2008-01-15'));
      expect(res.text).not.toContain('auxArray');
      expect(itemsOf(res.text)[0]?.logType).toBe('UploadError');
    });

    it('includes auxArray from 2010-01-31 on', async () => {
      const body = envelope(
        '1.1',
        assetParam('c|6', 'a|732|1|539', ns('2010-01-31')),
        commonAuth(),
      );
      const res = await post(emulator.serviceUrl, body);
      const item = child(child(bodyOf(res.text), 'jobLogArray')!, 'items')!;
      expect(child(item, 'auxArray')?.children).toHaveLength(3);
    });
  });

  describe('when it answers getAssetJobLogs', () => {
    it('uses the default-namespace style of the docs with unprefixed children', async () => {
      const res = await assetJobLogs('a|732|1|536');
      expect(res.text).toContain(
        `<getAssetJobLogsReturn xmlns="${ns()}"><jobLogArray><items><jobHandle>`,
      );
    });

    it('emits the AssetJobLog fields in schema order, all present, without xsi:nil', async () => {
      const res = await assetJobLogs('a|732|1|538');
      const item = child(child(bodyOf(res.text), 'jobLogArray')!, 'items')!;
      expect(item.children.map((c) => c.localName)).toEqual([
        'jobHandle',
        'jobName',
        'logMessage',
        'logType',
        'submitUserEmail',
        'logDate',
        'auxArray',
      ]);
      expect(item.children.every((c) => c.namespace === ns())).toBe(true);
      expect(res.text).not.toContain('nil');
    });

    it('returns exactly one entry for a|732|1|536', async () => {
      const items = itemsOf((await assetJobLogs('a|732|1|536')).text);
      expect(items).toEqual([
        {
          jobHandle: 'j|6||Add_2025-06-11-13:05:44',
          jobName: 'Add_2025-06-11-13:05:44',
          logMessage: 'ApiTestCo/catalog/sku-10482-front.jpg was processed into IPS',
          logType: 'UploadSuccess',
          submitUserEmail: 'catalog-bot@apitestco.example.com',
          logDate: '2025-06-11T13:06:02.118-07:00',
        },
      ]);
    });

    it('returns an empty jobLogArray for a|732|1|537', async () => {
      const res = await assetJobLogs('a|732|1|537');
      const jobLogArray = child(bodyOf(res.text), 'jobLogArray');
      expect(jobLogArray?.children).toEqual([]);
    });
  });

  describe('when it answers getJobLogs', () => {
    const call = async (fields: Record<string, string>, credentials = DEMO) =>
      post(emulator.serviceUrl, envelope('1.1', jobLogsParam(fields), commonAuth(credentials)));

    it('returns every visible job newest first, each with all required JobLog fields', async () => {
      const seed = emulator.seed;
      const items = itemsOf((await call({})).text);
      expect(items).toHaveLength(seed.jobLogs.length);
      const starts = items.map((i) => Date.parse(i.startDate ?? ''));
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
      for (const item of items) {
        expect(Object.keys(item)).toEqual(
          expect.arrayContaining([
            'companyHandle',
            'jobHandle',
            'jobName',
            'originalJobName',
            'submitUserEmail',
            'logType',
            'jobSubType',
            'description',
            'totalFileCount',
            'transferWarningCount',
            'fatalError',
          ]),
        );
      }
      expect(items.some((i) => i.fatalError === 'true')).toBe(true);
    });

    it('limits to the companies of a single-company user', async () => {
      const items = itemsOf((await call({}, SOLO)).text);
      expect(new Set(items.map((i) => i.companyHandle))).toEqual(new Set(['c|14']));
    });

    it('filters by companyHandle and userHandle', async () => {
      const items = itemsOf((await call({ companyHandle: 'c|6', userHandle: 'u|3' })).text);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.companyHandle === 'c|6')).toBe(true);
      expect(items.every((i) => i.submitUserEmail === 'catalog-bot@apitestco.example.com')).toBe(
        true,
      );
    });

    it('filters on startDate with inclusive bounds', async () => {
      const start = '2025-10-24T16:11:07.412-07:00';
      const items = itemsOf((await call({ startDate: start, endDate: start })).text);
      expect(items.map((i) => i.jobName)).toEqual(['Add_2025-10-24-16:11:07']);
    });

    it('honours numRows', async () => {
      expect(itemsOf((await call({ numRows: '5' })).text)).toHaveLength(5);
    });
  });
});

describe('authentication (§1.4)', () => {
  describe('when no credentials are sent', () => {
    it('answers authenticationFault 10000 with HTTP 500, never 401', async () => {
      const res = await assetJobLogs('a|732|1|535', 'c|6', '');
      expect(res.status).toBe(500);
      expect(faultOf(res.text)).toMatchObject({
        faultCode: 10000,
        text: 'AuthenticationException',
      });
    });
  });

  describe('when the user is unknown or the password wrong', () => {
    it.each([
      [{ user: 'nobody@example.com', password: 'demo-ips-password' }],
      [{ user: DEMO.user, password: 'wrong' }],
    ])('answers authenticationFault 10001 (%o)', async (credentials) => {
      const res = await assetJobLogs('a|732|1|535', 'c|6', commonAuth(credentials));
      expect(faultOf(res.text)).toMatchObject({ faultCode: 10001, code: 'soapenv:Client' });
    });
  });

  describe('when the common authHeader lists password before user (xsd:all)', () => {
    it('signs in', async () => {
      const header = `<authHeader xmlns="${COMMON_NS}"><password>${DEMO.password}</password><user>${DEMO.user}</user></authHeader>`;
      expect((await assetJobLogs('a|732|1|536', 'c|6', header)).status).toBe(200);
    });
  });

  describe('when the authHeader is in the request namespace and carries accessToken and samlResponse', () => {
    it('signs in with user and password and records the versioned variant', async () => {
      const extra = '<accessToken>opaque</accessToken><samlResponse>PHNhbWw+</samlResponse>';
      const res = await assetJobLogs('a|732|1|536', 'c|6', versionedAuth(ns(), DEMO, extra));
      expect(res.status).toBe(200);
      expect(emulator.requests[0]).toMatchObject({ authVariant: 'versioned', user: DEMO.user });
    });
  });

  describe('when the authHeader carries only a token', () => {
    it('answers authenticationFault 10001', async () => {
      const header = `<authHeader xmlns="${COMMON_NS}"><accessToken>opaque</accessToken></authHeader>`;
      expect(faultOf((await assetJobLogs('a|732|1|536', 'c|6', header)).text).faultCode).toBe(
        10001,
      );
    });
  });

  describe('when the legacy AuthUser/AuthPassword headers are sent', () => {
    it('signs in and records the legacy variant', async () => {
      const header = `<AuthUser xmlns="${LEGACY_NS}">${DEMO.user}</AuthUser><AuthPassword xmlns="${LEGACY_NS}">${DEMO.password}</AuthPassword>`;
      expect((await assetJobLogs('a|732|1|536', 'c|6', header)).status).toBe(200);
      expect(emulator.requests[0]?.authVariant).toBe('legacy');
    });
  });

  describe('when HTTP Basic credentials are sent', () => {
    it('signs in and records the basic variant', async () => {
      const basic = Buffer.from(`${DEMO.user}:${DEMO.password}`).toString('base64');
      const body = envelope('1.1', assetParam('c|6', 'a|732|1|536'));
      const res = await post(emulator.serviceUrl, body, {
        headers: { Authorization: `Basic ${basic}` },
      });
      expect(res.status).toBe(200);
      expect(emulator.requests[0]).toMatchObject({ authVariant: 'basic', user: DEMO.user });
    });
  });

  describe('when an authHeader and HTTP Basic disagree', () => {
    it('uses the authHeader first', async () => {
      const basic = Buffer.from(`${DEMO.user}:${DEMO.password}`).toString('base64');
      const body = envelope(
        '1.1',
        assetParam('c|6', 'a|732|1|536'),
        commonAuth({ user: DEMO.user, password: 'x' }),
      );
      const res = await post(emulator.serviceUrl, body, {
        headers: { Authorization: `Basic ${basic}` },
      });
      expect(faultOf(res.text).faultCode).toBe(10001);
    });
  });
});

describe('authorization (§4)', () => {
  describe('when the company handle is unknown', () => {
    it('answers authorizationFault 20000', async () => {
      const res = await assetJobLogs('a|732|1|535', 'c|999');
      expect(faultOf(res.text)).toMatchObject({ faultCode: 20000, text: 'AuthorizationException' });
    });
  });

  describe('when the user is not a member of the company', () => {
    it('answers authorizationFault 20006 for getAssetJobLogs and getJobLogs', async () => {
      const a = await assetJobLogs('a|732|1|535', 'c|6', commonAuth(SOLO));
      expect(faultOf(a.text).faultCode).toBe(20006);
      const b = await post(
        emulator.serviceUrl,
        envelope('1.1', jobLogsParam({ companyHandle: 'c|6' }), commonAuth(SOLO)),
      );
      expect(faultOf(b.text).faultCode).toBe(20006);
    });
  });
});

describe('parameters (§4)', () => {
  const raw = (body: string) => post(emulator.serviceUrl, envelope('1.1', body, commonAuth()));

  it.each([
    [
      'missing assetHandle',
      `<getAssetJobLogsParam xmlns="${ns()}"><companyHandle>c|6</companyHandle></getAssetJobLogsParam>`,
    ],
    ['empty companyHandle', assetParam('', 'a|732|1|535')],
  ])('answers ipsApiFault 30002 for %s', async (_case, body) => {
    expect(faultOf((await raw(body)).text)).toMatchObject({
      faultCode: 30002,
      text: 'IpsApiException',
    });
  });

  it.each([
    ['an unknown asset handle', assetParam('c|6', 'a|732|1|99999')],
    ['an asset of another company', assetParam('c|6', 'a|1408|1|200')],
    ['a bad startDate', jobLogsParam({ startDate: '2025-13-40T00:00:00Z' })],
    ['a non-numeric numRows', jobLogsParam({ numRows: 'ten' })],
    ['numRows 0', jobLogsParam({ numRows: '0' })],
    ['an unknown sortBy', jobLogsParam({ sortBy: 'Colour' })],
    ['an unknown userHandle', jobLogsParam({ userHandle: 'u|999' })],
  ])('answers ipsApiFault 30001 for %s', async (_case, body) => {
    expect(faultOf((await raw(body)).text).faultCode).toBe(30001);
  });

  it.each([
    ['unparsable XML', '<getAssetJobLogsParam xmlns="x"><companyHandle>'],
    [
      'unqualified parameters',
      `<getAssetJobLogsParam xmlns="${ns()}"><companyHandle xmlns="">c|6</companyHandle><assetHandle xmlns="">a|732|1|535</assetHandle></getAssetJobLogsParam>`,
    ],
    ['an unknown operation', `<getCompanyInfoParam xmlns="${ns()}"/>`],
    ['the pre-4.0 unversioned namespace', assetParam('c|6', 'a|732|1|535', COMMON_NS)],
    ['two body elements', assetParam('c|6', 'a|732|1|535') + assetParam('c|6', 'a|732|1|535')],
  ])('answers ipsApiFault 30003 for %s', async (_case, body) => {
    expect(faultOf((await raw(body)).text).faultCode).toBe(30003);
  });

  it('answers 30003 to a SOAP 1.2 envelope sent as text/xml, in SOAP 1.1', async () => {
    const res = await post(
      emulator.serviceUrl,
      envelope('1.2', assetParam('c|6', 'a|732|1|535'), commonAuth()),
    );
    expect(parseXml(res.text).namespace).toBe(SOAP11);
    expect(faultOf(res.text).faultCode).toBe(30003);
  });

  it('answers 30003 to a body over 1 MB', async () => {
    const padding = `<!--${'x'.repeat(1_100_000)}-->`;
    const res = await post(
      emulator.serviceUrl,
      envelope('1.1', assetParam('c|6', 'a|732|1|535'), commonAuth() + padding),
    );
    expect(res.status).toBe(500);
    expect(faultOf(res.text).faultCode).toBe(30003);
  });

  it('answers 30003 to a request with a DOCTYPE and expands nothing', async () => {
    const body = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${envelope('1.1', assetParam('c|6', '&a;'), commonAuth())}`;
    const res = await post(emulator.serviceUrl, body);
    expect(faultOf(res.text).faultCode).toBe(30003);
  });
});

describe('fault wire format (§4)', () => {
  describe('when the request is SOAP 1.1', () => {
    it('writes faultcode, faultstring and the ns1-prefixed detail with code and reason in the common namespace', async () => {
      const res = await assetJobLogs('a|732|1|535', 'c|999');
      expect(res.text).toContain(
        `<detail><ns1:authorizationFault xmlns:ns1="${COMMON_NS}"><code xmlns="${COMMON_NS}">20000</code><reason xmlns="${COMMON_NS}">`,
      );
      const fault = faultOf(res.text);
      expect(fault).toMatchObject({ code: 'soapenv:Client', text: 'AuthorizationException' });
      expect(fault.detail.namespace).toBe(COMMON_NS);
      expect(fault.detail.children.map((c) => [c.namespace, c.localName])).toEqual([
        [COMMON_NS, 'code'],
        [COMMON_NS, 'reason'],
      ]);
    });
  });

  describe('when the request is SOAP 1.2', () => {
    it('writes env:Code/env:Value Sender, env:Reason/env:Text xml:lang="en" and env:Detail', async () => {
      const body = envelope('1.2', assetParam('c|6', 'a|732|1|535'));
      const res = await post(emulator.serviceUrl, body, { version: '1.2' });
      expect(res.status).toBe(500);
      expect(res.text).toContain('<env:Code><env:Value>env:Sender</env:Value></env:Code>');
      expect(res.text).toContain('<env:Text xml:lang="en">AuthenticationException</env:Text>');
      expect(faultOf(res.text)).toMatchObject({ faultCode: 10000 });
    });
  });

  describe('when authHeader/faultHttpStatusCode is 200', () => {
    it('sends the fault with HTTP 200, also for faults raised before dispatch', async () => {
      const header = commonAuth(DEMO, '<faultHttpStatusCode>200</faultHttpStatusCode>');
      expect((await assetJobLogs('a|732|1|535', 'c|999', header)).status).toBe(200);
      const broken = envelope('1.1', `<getCompanyInfoParam xmlns="${ns()}"/>`, header);
      expect((await post(emulator.serviceUrl, broken)).status).toBe(200);
    });
  });

  describe('when faultHttpStatusCode is not a usable status', () => {
    it('keeps HTTP 500', async () => {
      const header = commonAuth(DEMO, '<faultHttpStatusCode>42</faultHttpStatusCode>');
      expect((await assetJobLogs('a|732|1|535', 'c|999', header)).status).toBe(500);
    });
  });

  describe('when an operation fails inside the emulator', () => {
    it('answers ipsApiFault 30000 with soapenv:Server', async () => {
      const seed = createScene7Seed();
      const broken = { ...seed.assetJobLogs[0]! };
      Object.defineProperty(broken, 'messageArgs', {
        get: () => {
          throw new Error('boom');
        },
      });
      const faulty = await startScene7Emulator({ seed: { ...seed, assetJobLogs: [broken] } });
      try {
        const res = await post(
          faulty.serviceUrl,
          envelope('1.1', assetParam('c|6', broken.assetHandle), commonAuth()),
        );
        expect(faultOf(res.text)).toMatchObject({ faultCode: 30000, code: 'soapenv:Server' });
      } finally {
        await faulty.close();
      }
    });
  });
});

describe('logMessage localization (§3.2)', () => {
  it.each([
    [
      'authHeader/locale de-DE',
      commonAuth(DEMO, '<locale>de-DE</locale>'),
      {},
      'wurde in IPS verarbeitet',
    ],
    [
      'Accept-Language fr-CA',
      commonAuth(),
      { 'Accept-Language': 'fr-CA, en;q=0.5' },
      'a été traité dans IPS',
    ],
    [
      'authHeader ja over Accept-Language de',
      commonAuth(DEMO, '<locale>ja</locale>'),
      { 'Accept-Language': 'de' },
      'IPS で処理されました',
    ],
    [
      'an unsupported locale pt-BR',
      commonAuth(DEMO, '<locale>pt-BR</locale>'),
      {},
      'was processed into IPS',
    ],
    ['no locale at all', commonAuth(), {}, 'was processed into IPS'],
  ])('renders %s and keeps logType', async (_case, header, headers, fragment) => {
    const body = envelope('1.1', assetParam('c|6', 'a|732|1|536'), header);
    const [item] = itemsOf((await post(emulator.serviceUrl, body, { headers })).text);
    expect(item?.logMessage).toContain(fragment);
    expect(item?.logType).toBe('UploadSuccess');
  });

  it('records the authHeader locale', async () => {
    await assetJobLogs('a|732|1|536', 'c|6', commonAuth(DEMO, '<locale>de-DE</locale>'));
    expect(emulator.requests[0]?.locale).toBe('de-DE');
  });
});

describe('gzip (§1.3)', () => {
  const call = (extra: string, headers: Record<string, string>) =>
    post(
      emulator.serviceUrl,
      envelope('1.1', assetParam('c|6', 'a|732|1|535'), commonAuth(DEMO, extra)),
      { headers },
    );

  it('gzips when Accept-Encoding allows it', async () => {
    const res = await call('', { 'Accept-Encoding': 'gzip, deflate' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(itemsOf(res.text)).toHaveLength(4);
  });

  it('does not gzip without Accept-Encoding', async () => {
    const res = await call('', {});
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('does not gzip when gzipResponse is false', async () => {
    const res = await call('<gzipResponse>false</gzipResponse>', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('gzips when gzipResponse is true, whatever Accept-Encoding says', async () => {
    const res = await call('<gzipResponse>true</gzipResponse>', { 'Accept-Encoding': 'identity' });
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});

describe('Scene7Emulator.inject', () => {
  const body = envelope('1.1', assetParam('c|6', 'a|732|1|536'), commonAuth());
  const call = (options: Parameters<typeof post>[2] = {}) =>
    post(emulator.serviceUrl, body, options);

  describe('when an http-error 503 with Retry-After is queued once', () => {
    it('answers it to the next request only, and records both requests', async () => {
      emulator.inject({ kind: 'http-error', status: 503, headers: { 'Retry-After': '7' } });
      const first = await call();
      expect(first.status).toBe(503);
      expect(first.headers['retry-after']).toBe('7');
      expect(first.headers['content-type']).toMatch(/^text\/html/);
      expect((await call()).status).toBe(200);
      expect(emulator.requests).toHaveLength(2);
    });
  });

  describe('when an http-error 200 with an HTML page is queued', () => {
    it('answers 200 text/html with that page', async () => {
      emulator.inject({ kind: 'http-error', status: 200, body: '<html>Maintenance</html>' });
      const res = await call();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe('<html>Maintenance</html>');
    });
  });

  describe('when a fault is queued for 2 requests', () => {
    it('faults two requests, then answers normally', async () => {
      emulator.inject({ kind: 'http-error', status: 502 }, 2);
      expect((await call()).status).toBe(502);
      expect((await call()).status).toBe(502);
      expect((await call()).status).toBe(200);
    });
  });

  describe('when faults are queued and cleared', () => {
    it('answers normally', async () => {
      emulator.inject({ kind: 'http-error', status: 503 }, 5);
      emulator.clearFaults();
      expect((await call()).status).toBe(200);
    });
  });

  describe('when a delay is queued', () => {
    it('answers normally after the delay', async () => {
      emulator.inject({ kind: 'delay', ms: 300 });
      const started = performance.now();
      const res = await call();
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect(itemsOf(res.text)).toHaveLength(1);
    });
  });

  describe('when a hang is queued', () => {
    it('never answers', async () => {
      emulator.inject({ kind: 'hang' });
      await expect(call({ timeoutMs: 300 })).rejects.toThrow('client timeout');
      expect(emulator.requests).toHaveLength(1);
    });
  });

  describe('when a reset is queued', () => {
    it('resets the connection without an answer', async () => {
      emulator.inject({ kind: 'reset' });
      await expect(call()).rejects.toMatchObject({ code: 'ECONNRESET' });
    });
  });

  describe('when malformed is queued', () => {
    it('answers 200 in the SOAP content type with XML that does not parse', async () => {
      emulator.inject({ kind: 'malformed' });
      const res = await call();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
      expect(res.text).toContain('<getAssetJobLogsReturn');
      expect(() => parseXml(res.text)).toThrow();
    });
  });

  describe('when doctype is queued', () => {
    it('answers 200 with a billion-laughs DOCTYPE', async () => {
      emulator.inject({ kind: 'doctype' });
      const res = await call();
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<!DOCTYPE lolz \[/);
      expect(res.text).toContain('<!ENTITY lol9 "&lol8;&lol8;');
      expect(res.text).toContain('<jobHandle>&lol9;</jobHandle>');
    });
  });

  describe('when slow-body is queued', () => {
    it('sends headers at once and drips the normal body at the given rate', async () => {
      const normal = await call();
      emulator.inject({ kind: 'slow-body', bytesPerSecond: normal.raw.length * 2 });
      const started = performance.now();
      const slow = await call();
      expect(performance.now() - started).toBeGreaterThanOrEqual(400);
      expect(slow.text).toBe(normal.text);
    });
  });

  describe('when the fault is invalid', () => {
    it('throws a RangeError', () => {
      expect(() => emulator.inject({ kind: 'delay', ms: -1 })).toThrow(RangeError);
      expect(() => emulator.inject({ kind: 'hang' }, 0)).toThrow(RangeError);
      expect(() => emulator.inject({ kind: 'slow-body', bytesPerSecond: 0 })).toThrow(RangeError);
    });
  });
});

describe('Scene7Emulator.close', () => {
  describe('when a request hangs', () => {
    it('resolves and ends the hung connection', async () => {
      const own = await startScene7Emulator();
      own.inject({ kind: 'hang' });
      const pending = post(
        own.serviceUrl,
        envelope('1.1', assetParam('c|6', 'a|732|1|536'), commonAuth()),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await own.close();
      await expect(pending).rejects.toThrow();
    });
  });
});
