/**
 * Emulators that change while running: `POST /__admin/job-logs` on each emulator over real HTTP,
 * then the upstream query the gateway's adapter makes, which must serve the new record newest
 * first with the native status the emulator's table names. The refusal of non-loopback peers is
 * shown over a real non-loopback interface when the machine has one (the guard itself is unit
 * tested in test/unit/emulators/shared/admin.test.ts).
 */
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import {
  BUSINESS_CENTRAL_CLIENTS,
  BC_SCOPE,
  startBusinessCentralEmulator,
  type BusinessCentralEmulator,
} from '../../../src/emulators/business-central';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  startLosantEmulator,
  type LosantEmulator,
} from '../../../src/emulators/losant';
import { startScene7Emulator, type Scene7Emulator } from '../../../src/emulators/scene7';
import { createSchemaRegistry } from '../../../src/schemas/registry';
import { commonAuth, envelope, itemsOf, jobLogsParam, assetParam, post } from './scene7-wire';

const registry = createSchemaRegistry();
const validateLosant = registry.validator('losant-job-log');
const validateBc = registry.validator('business-central-job-queue-log-entry');

let scene7: Scene7Emulator;
let bc: BusinessCentralEmulator;
let losant: LosantEmulator;

beforeAll(async () => {
  [scene7, bc, losant] = await Promise.all([
    startScene7Emulator(),
    startBusinessCentralEmulator(),
    startLosantEmulator(),
  ]);
});
afterAll(async () => {
  await Promise.all([scene7?.close(), bc?.close(), losant?.close()]);
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: () => Record<string, unknown>;
}

/** POSTs to the admin route over node:http, so that any Host header can be sent. */
function postAdmin(
  base: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/__admin/job-logs`,
      { method: 'POST', agent: false, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const appendOver = (base: string, fields: Record<string, unknown>) =>
  postAdmin(base, JSON.stringify(fields));

async function bcToken(): Promise<string> {
  const client = BUSINESS_CENTRAL_CLIENTS[0];
  const response = await fetch(bc.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: BC_SCOPE,
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function bcGet(url: string): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${await bcToken()}` } });
}

describe('POST /__admin/job-logs on the Losant emulator', () => {
  describe('when a failed log is appended', () => {
    it('answers 201 with it, and the adapter’s newest-first query serves it first as errored', async () => {
      const answer = await appendOver(losant.url, { status: 'failed', message: 'Line 3 stopped' });
      expect(answer.status).toBe(201);
      const { applicationId, record } = answer.json() as {
        applicationId: string;
        record: { id: string; status: string };
      };
      expect(applicationId).toBe(LOSANT_FACTORY_APPLICATION_ID);
      expect(record.status).toBe('errored');
      expect(validateLosant(record)).toBe(true);
      const headers = { authorization: `Bearer ${LOSANT_GATEWAY_TOKEN}` };
      const query = new URLSearchParams({
        sortField: 'runQueuedAt',
        sortDirection: 'desc',
        page: '0',
        perPage: '3',
        query: JSON.stringify({ status: { $in: ['errored', 'failed'] } }),
      });
      const list = (await (
        await fetch(`${losant.url}/applications/${applicationId}/jobLogs?${query.toString()}`, {
          headers,
        })
      ).json()) as { items: Array<{ id: string }> };
      expect(list.items[0]).toEqual(record);
      const location = String(answer.headers.location);
      expect(location).toBe(`${losant.url}/applications/${applicationId}/jobLogs/${record.id}`);
      expect(await (await fetch(location, { headers })).json()).toEqual(record);
    });
  });
});

describe('POST /__admin/job-logs on the Business Central emulator', () => {
  describe('when a failed entry is appended', () => {
    it('answers 201 with it, and the adapter’s query serves it first as Error, with its call stack', async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const answer = await appendOver(bc.url, { status: 'failed', message: 'Posting failed.' });
      expect(answer.status).toBe(201);
      const { companyId, record } = answer.json() as {
        companyId: string;
        record: { id: string; status: string; errorMessage: string };
      };
      expect(companyId).toBe(bc.companies[0]?.id);
      expect(record).toMatchObject({ status: 'Error', errorMessage: 'Posting failed.' });
      const filter = `startDateTime ge ${since} and status eq 'Error'`;
      const url = `${bc.apiUrl}/companies(${companyId})/jobQueueLogEntries?$filter=${encodeURIComponent(filter)}&$orderby=startDateTime desc,id desc&$top=3`;
      const list = (await (await bcGet(url)).json()) as {
        value: Array<Record<string, unknown>>;
      };
      expect(list.value.map((entry) => entry.id)).toEqual([record.id]);
      expect(validateBc(list.value[0])).toBe(true);
      const location = String(answer.headers.location);
      const one = (await (await bcGet(location)).json()) as Record<string, unknown>;
      expect(one).toMatchObject({ id: record.id, status: 'Error' });
      const stack = await (await bcGet(`${location}/errorCallStack`)).text();
      expect(stack).toContain('"Job Queue Dispatcher"(CodeUnit 448)');
    });
  });

  describe('when an entry is appended while a client pages', () => {
    it('neither repeats nor loses an entry on the next page', async () => {
      const companyId = bc.companies[2]!.id;
      const first = (await (
        await fetch(
          `${bc.apiUrl}/companies(${companyId})/jobQueueLogEntries?$orderby=startDateTime desc,id desc&$select=id`,
          {
            headers: {
              authorization: `Bearer ${await bcToken()}`,
              prefer: 'odata.maxpagesize=100',
            },
          },
        )
      ).json()) as { value: Array<{ id: string }>; '@odata.nextLink': string };
      const appended = await appendOver(bc.url, { status: 'succeeded', companyId });
      expect(appended.status).toBe(201);
      const second = (await (await bcGet(first['@odata.nextLink'])).json()) as {
        value: Array<{ id: string }>;
      };
      const ids = [...first.value, ...second.value].map(({ id }) => id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(bc.companies[2]!.entryCount);
    });
  });

  describe('when the API itself is POSTed to', () => {
    it('still answers 405 and appends nothing', async () => {
      const url = `${bc.apiUrl}/companies(${bc.companies[3]!.id})/jobQueueLogEntries`;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await bcToken()}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ status: 'failed' }),
      });
      expect(response.status).toBe(405);
      const list = (await (await bcGet(url)).json()) as { value: unknown[] };
      expect(list.value).toEqual([]);
    });
  });
});

describe('POST /__admin/job-logs on the Scene7 emulator', () => {
  describe('when a failed job of an asset is appended', () => {
    it('answers 201, and getJobLogs and getAssetJobLogs serve it', async () => {
      const answer = await appendOver(scene7.url, { status: 'failed', assetHandle: 'a|732|1|536' });
      expect(answer.status).toBe(201);
      const { record, assetRecord } = answer.json() as {
        record: { jobHandle: string; logType: string; fatalError: boolean };
        assetRecord: { jobHandle: string; logType: string; logMessage: string };
      };
      expect(record).toMatchObject({ logType: 'UploadError', fatalError: true });
      expect(assetRecord).toMatchObject({ jobHandle: record.jobHandle, logType: 'UploadError' });
      const jobs = itemsOf(
        (
          await post(
            scene7.serviceUrl,
            envelope(
              '1.1',
              jobLogsParam({
                companyHandle: 'c|6',
                sortBy: 'StartDate',
                sortDirection: 'Descending',
                numRows: '2',
              }),
              commonAuth(),
            ),
          )
        ).text,
      );
      expect(jobs[0]).toMatchObject({
        jobHandle: record.jobHandle,
        logType: 'UploadError',
        fatalError: 'true',
      });
      const assetLogs = itemsOf(
        (
          await post(
            scene7.serviceUrl,
            envelope('1.1', assetParam('c|6', 'a|732|1|536'), commonAuth()),
          )
        ).text,
      );
      expect(assetLogs).toContainEqual(
        expect.objectContaining({
          jobHandle: record.jobHandle,
          logType: 'UploadError',
          logMessage: assetRecord.logMessage,
        }),
      );
    });
  });
});

describe.each([
  ['scene7', () => scene7],
  ['business-central', () => bc],
  ['losant', () => losant],
] as const)('POST /__admin/job-logs on the %s emulator', (_name, emulator) => {
  describe('when called', () => {
    it('is not recorded and takes no injected fault: the next upstream request gets it', async () => {
      emulator().clearRequests();
      emulator().inject({ kind: 'http-error', status: 503 });
      const answer = await appendOver(emulator().url, { status: 'succeeded' });
      expect(answer.status).toBe(201);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(emulator().requests).toHaveLength(0);
      emulator().clearFaults();
    });
  });

  describe('when the body is bad', () => {
    it.each([
      {
        label: 'an unknown status',
        body: '{"status":"sideways"}',
        status: 400,
        says: 'status must be one of',
      },
      {
        label: 'an unknown field',
        body: '{"status":"failed","extra":1}',
        status: 400,
        says: 'unknown field "extra"',
      },
      { label: 'broken JSON', body: '{"status":', status: 400, says: 'the body is not valid JSON' },
      { label: 'an array', body: '[]', status: 400, says: 'must be a JSON object' },
      {
        label: 'a form',
        body: 'status=failed',
        type: 'application/x-www-form-urlencoded',
        status: 415,
        says: 'must be application/json',
      },
      {
        label: '20 kB',
        body: `{"message":"${'x'.repeat(20_000)}"}`,
        status: 413,
        says: 'larger than 16384 bytes',
      },
    ])('answers $label with $status', async ({ body, type, status, says }) => {
      const contentType = type ?? 'application/json; charset=utf-8';
      const answer = await postAdmin(emulator().url, body, { 'content-type': contentType });
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.json().error).toContain(says);
    });
  });

  describe('when a loopback peer names a host other than loopback (DNS rebinding)', () => {
    it('answers as if there were no such route', async () => {
      const answer = await postAdmin(emulator().url, '{"status":"failed"}', {
        'content-type': 'application/json',
        host: 'evil.example',
      });
      expect(answer.status).toBe(404);
    });
  });

  describe('when asked with GET', () => {
    it('answers as for any unknown path', async () => {
      expect((await fetch(`${emulator().url}/__admin/job-logs`)).status).toBe(404);
    });
  });
});

/** A non-internal IPv4 address of this machine, if it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address;

describe('POST /__admin/job-logs from a non-loopback peer', () => {
  it.each([
    ['scene7', () => startScene7Emulator({ host: outside })],
    ['business-central', () => startBusinessCentralEmulator({ host: outside })],
    ['losant', () => startLosantEmulator({ host: outside })],
  ] as const)(
    'the %s emulator answers its own 404, as for any unknown path',
    async (_name, start) => {
      if (outside === undefined)
        throw new Error('this test needs a non-loopback IPv4 interface on the machine');
      // Listening on that interface, the client's address is that interface's, not loopback.
      const emulator = await start();
      try {
        const answer = await appendOver(emulator.url, { status: 'failed' });
        const own = await postAdmin(`${emulator.url}/no-such-route`, '{}');
        expect(answer.status).toBe(404);
        expect(own.status).toBe(404);
        expect(answer.headers['content-type']).toBe(own.headers['content-type']);
        expect(answer.text).not.toContain('"record"');
      } finally {
        await emulator.close();
      }
    },
  );
});
