/**
 * POST /soap/JobLogService through node-soap (the `soap` package's client), which builds its
 * requests from the WSDL alone: every operation, over SOAP 1.1 and 1.2, with WS-Security
 * UsernameToken (PasswordText, mustUnderstand) and with HTTP Basic. Answers are compared with
 * what the JSON API returns for the same records.
 */
import { get } from 'node:http';
import * as soap from 'soap';
import { startServiceStack, type ServiceStack } from './stack';

let stack: ServiceStack;

beforeAll(async () => {
  stack = await startServiceStack();
});
afterAll(() => stack.close());

interface JsonRecord {
  id: string;
  status: string;
  source: { id: string; type: string };
  raw: unknown;
}

type Auth = 'WS-Security' | 'Basic';

async function clientFor(version: '1.1' | '1.2', auth: Auth): Promise<soap.Client> {
  const client = await soap.createClientAsync(
    stack.wsdlUrl,
    version === '1.2' ? { forceSoap12Headers: true } : {},
  );
  const { soapUser, soapPassword } = stack.demo;
  client.setSecurity(
    auth === 'WS-Security'
      ? new soap.WSSecurity(soapUser, soapPassword, {
          passwordType: 'PasswordText',
          mustUnderstand: true,
        })
      : new soap.BasicAuthSecurity(soapUser, soapPassword),
  );
  return client;
}

const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function jsonRecords(query: string): Promise<JsonRecord[]> {
  const response = await stack.getJson(`/v1/job-logs?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: JsonRecord[] }).items;
}

describe('GET /soap/JobLogService?wsdl', () => {
  it('points both ports at the gateway itself', async () => {
    const client = await soap.createClientAsync(stack.wsdlUrl);
    const ports = (
      client.wsdl.definitions.services['JobLogService'] as unknown as {
        ports: Record<string, { location: string }>;
      }
    ).ports;
    expect(Object.keys(ports)).toEqual(['JobLogServiceSoap11', 'JobLogServiceSoap12']);
    expect(Object.values(ports).map((port) => port.location)).toEqual([
      stack.endpoint,
      stack.endpoint,
    ]);
  });

  it('never puts a Host header that is not in server.allowedHosts in the address', async () => {
    const url = new URL(stack.wsdlUrl);
    // fetch does not let a caller set Host.
    const wsdl = await new Promise<string>((resolve, reject) => {
      get(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          headers: { host: 'attacker.example' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
        },
      ).on('error', reject);
    });
    const addresses = [...wsdl.matchAll(/location="([^"]*)"/g)].map((match) => match[1]);
    expect(addresses).toEqual([stack.endpoint, stack.endpoint]);
  });
});

describe.each(['1.1', '1.2'] as const)('POST /soap/JobLogService over SOAP %s', (version) => {
  const envelopeNs =
    version === '1.1'
      ? 'http://schemas.xmlsoap.org/soap/envelope/'
      : 'http://www.w3.org/2003/05/soap-envelope';

  describe.each(['WS-Security', 'Basic'] as const)('with %s', (auth) => {
    it('listSources returns the three sources', async () => {
      const client = await clientFor(version, auth);
      const [result] = (await client.listSourcesAsync({})) as [{ source?: unknown }];
      expect(listOf(result.source)).toEqual([
        { id: 'scene7-demo', type: 'scene7' },
        { id: 'bc-demo', type: 'business-central' },
        { id: 'losant-demo', type: 'losant' },
      ]);
      expect(client.lastRequest).toContain(envelopeNs);
      if (auth === 'WS-Security') {
        expect(client.lastRequest).toContain('mustUnderstand="1"');
        expect(client.lastRequest).toContain('#PasswordText');
      }
      expect(
        String((client.lastResponseHeaders as Record<string, unknown>)['content-type']),
      ).toMatch(version === '1.1' ? /^text\/xml/ : /^application\/soap\+xml/);
    });

    it('listJobLogs returns the records of GET /v1/job-logs, raw as its JSON text', async () => {
      const client = await clientFor(version, auth);
      const [result] = (await client.listJobLogsAsync({
        status: ['failed', 'warning'],
        limit: 6,
      })) as [{ jobLog?: unknown; count: number; truncated: boolean; next?: string }];
      const records = listOf(result.jobLog as Array<Record<string, unknown>> | undefined);
      const json = await jsonRecords('status=failed,warning&limit=6');
      expect(records.map((record) => record.id)).toEqual(json.map((record) => record.id));
      expect(result.count).toBe(json.length);
      expect(json.length).toBeGreaterThan(0);
      records.forEach((record, index) => {
        expect(record.status).toBe(json[index]!.status);
        expect(record.source).toEqual(json[index]!.source);
        expect(JSON.parse(record.raw as string)).toEqual(json[index]!.raw);
      });
    });

    it('listJobLogs searches job names and messages with q, as GET /v1/job-logs?q= does', async () => {
      const client = await clientFor(version, auth);
      // A word of a real job name, in another case: q ignores case.
      const named = (await jsonRecords('source=losant-demo&limit=1'))[0] as JsonRecord & {
        job: { name: string };
      };
      const q = named.job.name.split(/\s+/)[0]!.toUpperCase();
      const [result] = (await client.listJobLogsAsync({ q, limit: 200 })) as [
        { jobLog?: Array<{ id: string }> | { id: string } },
      ];
      const json = await jsonRecords(`q=${encodeURIComponent(q)}&limit=200`);
      expect(json.length).toBeGreaterThan(0);
      expect(listOf(result.jobLog).map((record) => record.id)).toEqual(
        json.map((record) => record.id),
      );
    });

    it('getJobLog returns a record of each source as GET /v1/job-logs/{id} does', async () => {
      const client = await clientFor(version, auth);
      for (const source of ['scene7-demo', 'bc-demo', 'losant-demo']) {
        const [first] = await jsonRecords(`source=${source}&limit=1`);
        const json = (await (
          await stack.getJson(`/v1/job-logs/${encodeURIComponent(first!.id)}`)
        ).json()) as JsonRecord;
        const [result] = (await client.getJobLogAsync({ id: first!.id })) as [
          { jobLog: Record<string, unknown> },
        ];
        expect(result.jobLog.id).toBe(json.id);
        expect(result.jobLog.status).toBe(json.status);
        expect(result.jobLog.source).toEqual(json.source);
        expect(JSON.parse(result.jobLog.raw as string)).toEqual(json.raw);
      }
    });
  });

  it('answers a wrong password with a fault node-soap reads, carrying GW_ERR_BAD_CREDENTIALS', async () => {
    const client = await clientFor(version, 'WS-Security');
    client.setSecurity(
      new soap.WSSecurity(stack.demo.soapUser, 'not-the-password', {
        passwordType: 'PasswordText',
      }),
    );
    const failure = (await client.listSourcesAsync({}).then(
      () => undefined,
      (error: unknown) => error,
    )) as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } } | undefined;
    const fault = failure?.root?.Envelope?.Body?.Fault;
    expect(fault).toBeDefined();
    const detail = (version === '1.1' ? fault!.detail : fault!.Detail) as Record<
      string,
      Record<string, unknown>
    >;
    expect(detail.jobLogServiceFault).toMatchObject({
      code: 'GW_ERR_BAD_CREDENTIALS',
      title: expect.any(String),
    });
  });
});
