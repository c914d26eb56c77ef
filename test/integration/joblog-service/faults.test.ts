/**
 * POST /soap/JobLogService answers every refusal with a SOAP Fault in the caller's version
 * (1.1: faultcode Client/Server; 1.2: Code Sender/Receiver) whose detail is the problem the JSON
 * API would answer: the GW_ERR_* code, title, status, detail and the parameter or source at fault.
 * Sent as raw envelopes: these are requests a SOAP stack built from the WSDL would not make.
 */
import { envelope, postSoap } from '../../helpers/soap';
import {
  basic,
  LIMITED_USER,
  operation,
  SCOPED_USER,
  serviceFaultOf,
  startServiceStack,
  TEST_PASSWORD,
  wsSecurity,
  type ServiceFault,
  type ServiceStack,
} from './stack';

let stack: ServiceStack;
let auth: string;

beforeAll(async () => {
  stack = await startServiceStack();
  auth = wsSecurity(stack.demo.soapUser, stack.demo.soapPassword);
});
afterAll(() => stack.close());

type Version = '1.1' | '1.2';

interface Sent {
  readonly version: Version;
  readonly header?: string;
  readonly body: string;
  readonly action?: string;
  readonly authorization?: string;
}

async function send({
  version,
  header = '',
  body,
  action,
  authorization,
}: Sent): Promise<Response> {
  const local = /<s:(\w+)/.exec(body)?.[1] ?? '';
  return postSoap(stack.endpoint, envelope({ version, header, body }), {
    version,
    action: action ?? local,
    ...(authorization === undefined ? {} : { headers: { authorization } }),
  });
}

async function faultOf(
  sent: Sent,
): Promise<{ status: number; fault: ServiceFault; response: Response }> {
  const response = await send(sent);
  expect(response.headers.get('content-type')).toMatch(
    sent.version === '1.1' ? /^text\/xml/ : /^application\/soap\+xml/,
  );
  return { status: response.status, fault: serviceFaultOf(await response.text()), response };
}

const clientCode = (version: Version): string => (version === '1.1' ? 'Client' : 'Sender');
const clientStatus = (version: Version): number => (version === '1.1' ? 500 : 400);

describe.each(['1.1', '1.2'] as const)('POST /soap/JobLogService over SOAP %s', (version) => {
  it('without credentials answers GW_ERR_UNAUTHENTICATED', async () => {
    const { status, fault } = await faultOf({ version, body: operation('listSources') });
    expect(status).toBe(clientStatus(version));
    expect(fault.soapCode).toBe(clientCode(version));
    expect(fault.problem).toMatchObject({
      code: 'GW_ERR_UNAUTHENTICATED',
      title: expect.any(String),
      status: '401',
    });
    expect(fault.problem.detail).toMatch(/WS-Security UsernameToken.*HTTP Basic/);
  });

  it('with a wrong WS-Security password answers GW_ERR_BAD_CREDENTIALS', async () => {
    const { fault } = await faultOf({
      version,
      header: wsSecurity(stack.demo.soapUser, 'wrong-password'),
      body: operation('listSources'),
    });
    expect(fault.soapCode).toBe(clientCode(version));
    expect(fault.problem).toMatchObject({ code: 'GW_ERR_BAD_CREDENTIALS', status: '401' });
  });

  it('with a wrong Basic password answers GW_ERR_BAD_CREDENTIALS', async () => {
    const { fault } = await faultOf({
      version,
      body: operation('listSources'),
      authorization: basic(stack.demo.soapUser, 'wrong-password'),
    });
    expect(fault.problem).toMatchObject({ code: 'GW_ERR_BAD_CREDENTIALS' });
  });

  it('with a PasswordDigest token answers GW_ERR_UNAUTHENTICATED saying to send PasswordText', async () => {
    const { fault } = await faultOf({
      version,
      header: wsSecurity(stack.demo.soapUser, 'ZGlnZXN0', { type: 'PasswordDigest' }),
      body: operation('listSources'),
    });
    expect(fault.problem.code).toBe('GW_ERR_UNAUTHENTICATED');
    expect(fault.problem.detail).toMatch(/PasswordDigest is not supported.*PasswordText/);
  });

  it('understands a Security header marked mustUnderstand, and faults on any other', async () => {
    const understood = await send({
      version,
      header: wsSecurity(stack.demo.soapUser, stack.demo.soapPassword, {
        mustUnderstand: true,
        version,
      }),
      body: operation('listSources'),
    });
    expect(understood.status).toBe(200);
    const envNs =
      version === '1.1'
        ? 'http://schemas.xmlsoap.org/soap/envelope/'
        : 'http://www.w3.org/2003/05/soap-envelope';
    const { fault } = await faultOf({
      version,
      header: `${auth}<t:Transaction xmlns:t="urn:example:tx" xmlns:e="${envNs}" e:mustUnderstand="1">5</t:Transaction>`,
      body: operation('listSources'),
    });
    expect(fault.soapCode).toBe('MustUnderstand');
    expect(fault.problem.code).toBe('GW_ERR_SOAP_MUST_UNDERSTAND');
  });

  it('for an operation it does not have answers GW_ERR_SOAP_UNKNOWN_OPERATION', async () => {
    const { fault } = await faultOf({
      version,
      header: auth,
      body: operation('deleteJobLogs', '<s:id>x</s:id>'),
    });
    expect(fault.soapCode).toBe(clientCode(version));
    expect(fault.problem.code).toBe('GW_ERR_SOAP_UNKNOWN_OPERATION');
    const foreign = await faultOf({
      version,
      header: auth,
      body: '<listSources xmlns="urn:not-this-service"/>',
      action: 'listSources',
    });
    expect(foreign.fault.problem.code).toBe('GW_ERR_SOAP_UNKNOWN_OPERATION');
  });

  it.each([
    ['a bad status', '<s:status>exploded</s:status>', 'status', /"status" values are/],
    ['a bad cursor', '<s:cursor>not-a-cursor</s:cursor>', 'cursor', /"cursor" is not a cursor/],
    ['a limit that is no number', '<s:limit>ten</s:limit>', 'limit', /not a valid integer/],
    ['a limit out of range', '<s:limit>5000</s:limit>', 'limit', /"limit" must be a whole number/],
    ['an unknown source', '<s:source>nowhere</s:source>', 'source', /no source named "nowhere"/],
    [
      'since after until',
      '<s:since>2026-02-01T00:00:00Z</s:since><s:until>2026-01-01T00:00:00Z</s:until>',
      'until',
      /later than "since"/,
    ],
  ])(
    'listJobLogs with %s answers GW_ERR_INVALID_PARAMETER naming it',
    async (_, children, parameter, detail) => {
      const { status, fault } = await faultOf({
        version,
        header: auth,
        body: operation('listJobLogs', children),
      });
      expect(status).toBe(clientStatus(version));
      expect(fault.soapCode).toBe(clientCode(version));
      expect(fault.problem).toMatchObject({
        code: 'GW_ERR_INVALID_PARAMETER',
        status: '400',
        parameter,
      });
      expect(fault.problem.detail).toMatch(detail);
    },
  );

  it('listJobLogs refuses a cursor another caller was given', async () => {
    const first = await send({
      version,
      header: auth,
      body: operation('listJobLogs', '<s:limit>2</s:limit>'),
    });
    const next = /<next>([^<]+)<\/next>/.exec(await first.text())?.[1];
    expect(next).toBeDefined();
    const { fault } = await faultOf({
      version,
      header: wsSecurity(SCOPED_USER, TEST_PASSWORD),
      body: operation('listJobLogs', `<s:limit>2</s:limit><s:cursor>${next}</s:cursor>`),
    });
    expect(fault.problem).toMatchObject({ code: 'GW_ERR_INVALID_PARAMETER', parameter: 'cursor' });
  });

  it('getJobLog of an id that is not there answers GW_ERR_NOT_FOUND', async () => {
    const { fault } = await faultOf({
      version,
      header: auth,
      body: operation('getJobLog', '<s:id>losant-demo.no-such-record</s:id>'),
    });
    expect(fault.soapCode).toBe(clientCode(version));
    expect(fault.problem).toMatchObject({ code: 'GW_ERR_NOT_FOUND', status: '404' });
  });

  it('getJobLog without an id answers GW_ERR_MISSING_PARAMETER', async () => {
    const { fault } = await faultOf({ version, header: auth, body: operation('getJobLog') });
    expect(fault.problem).toMatchObject({ code: 'GW_ERR_MISSING_PARAMETER', parameter: 'id' });
  });

  describe('for a user scoped to losant-demo', () => {
    const scoped = (): string => wsSecurity(SCOPED_USER, TEST_PASSWORD);

    it('listSources lists that source only', async () => {
      const response = await send({ version, header: scoped(), body: operation('listSources') });
      const text = await response.text();
      expect([...text.matchAll(/<id>([^<]+)<\/id>/g)].map(([, id]) => id)).toEqual(['losant-demo']);
    });

    it('listJobLogs reads that source only, and refuses another with GW_ERR_FORBIDDEN', async () => {
      const response = await send({
        version,
        header: scoped(),
        body: operation('listJobLogs', '<s:limit>20</s:limit>'),
      });
      const ids = [...(await response.text()).matchAll(/<jobLog><id>([^<]+)<\/id>/g)].map(
        ([, id]) => id,
      );
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => id!.startsWith('losant-demo.'))).toBe(true);
      const { fault } = await faultOf({
        version,
        header: scoped(),
        body: operation('listJobLogs', '<s:source>bc-demo</s:source>'),
      });
      expect(fault.problem).toMatchObject({ code: 'GW_ERR_FORBIDDEN', status: '403' });
    });

    it('getJobLog refuses a record of another source with GW_ERR_FORBIDDEN', async () => {
      const json = (await (await stack.getJson('/v1/job-logs?source=bc-demo&limit=1')).json()) as {
        items: Array<{ id: string }>;
      };
      const { fault } = await faultOf({
        version,
        header: scoped(),
        body: operation('getJobLog', `<s:id>${json.items[0]!.id}</s:id>`),
      });
      expect(fault.problem.code).toBe('GW_ERR_FORBIDDEN');
    });
  });
});

describe('POST /soap/JobLogService admission', () => {
  it('applies the user rate limit: over it, GW_ERR_RATE_LIMITED with HTTP 429 and Retry-After', async () => {
    const header = wsSecurity(LIMITED_USER, TEST_PASSWORD);
    for (let index = 0; index < 2; index += 1) {
      const ok = await send({ version: '1.1', header, body: operation('listSources') });
      expect(ok.status).toBe(200);
    }
    const { status, fault, response } = await faultOf({
      version: '1.2',
      header,
      body: operation('listSources'),
    });
    expect(status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fault.soapCode).toBe('Sender');
    expect(fault.problem).toMatchObject({ code: 'GW_ERR_RATE_LIMITED', status: '429' });
  });

  it('checks the credentials before it parses the Body', async () => {
    const broken = `<s:listJobLogs xmlns:s="urn:x"><unclosed>`;
    const wrong = await faultOf({
      version: '1.1',
      header: wsSecurity(stack.demo.soapUser, 'wrong-password'),
      body: broken,
    });
    expect(wrong.fault.problem.code).toBe('GW_ERR_BAD_CREDENTIALS');
    const none = await faultOf({ version: '1.1', body: broken });
    expect(none.fault.problem.code).toBe('GW_ERR_UNAUTHENTICATED');
    // A caller let in gets the parse and its verdict.
    const mine = await faultOf({ version: '1.1', header: auth, body: broken });
    expect(mine.fault.problem.code).toBe('GW_ERR_SOAP_MALFORMED');
  });

  it('answers other media types with GW_ERR_UNSUPPORTED_MEDIA_TYPE (415) as a SOAP 1.1 fault', async () => {
    const response = await fetch(stack.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(415);
    expect(serviceFaultOf(await response.text()).problem.code).toBe(
      'GW_ERR_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('labels its metrics and access log lines by SOAP operation', async () => {
    await send({
      version: '1.1',
      header: auth,
      body: operation('getJobLog', '<s:id>losant-demo.gone</s:id>'),
    });
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    const lines = metrics
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('joblog_gateway_http_requests_total{') &&
          line.includes('route="/soap/JobLogService"'),
      );
    expect(
      lines.some(
        (line) => line.includes('operation="listSources"') && line.includes('status="200"'),
      ),
    ).toBe(true);
    expect(lines.some((line) => line.includes('operation="listJobLogs"'))).toBe(true);
    expect(
      lines.some((line) => line.includes('operation="getJobLog"') && line.includes('status="500"')),
    ).toBe(true);
    const logged = stack.logs.lines.filter(
      (line) => line.msg === 'request completed' || line.msg === 'request errored',
    );
    expect(logged).toContainEqual(
      expect.objectContaining({ operation: 'getJobLog', caller: `ips:${stack.demo.soapUser}` }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ operation: 'listJobLogs' }));
  });
});
