import {
  LOSANT_DEVICE_TOKEN,
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_PUBLISHED_EXAMPLE_JOB_LOG,
  type LosantSeedJobLog,
} from '../../src/emulators/losant';
import { createSchemaRegistry } from '../../src/schemas/registry';
import { getFromGateway, startLosantStack, type LosantStack } from '../helpers/gateway';

const validateUnified = createSchemaRegistry().validator('unified-job-log');
let stack: LosantStack;

interface ListBody {
  items: Array<{ id: string; time: string | null; status: string; raw: LosantSeedJobLog }>;
  count: number;
  truncated: boolean;
  errors: Array<Record<string, unknown>>;
  invalid: Array<{
    source: string;
    count: number;
    records: Array<{ index: number; pointer: string; message: string }>;
  }>;
}

beforeAll(async () => {
  stack = await startLosantStack({
    losant: { perPage: 7 },
    extraSources: [
      { id: 'losant-strict', strict: true },
      { id: 'losant-bad-token', token: 'not-a-seeded-token' },
      { id: 'losant-no-scope', token: LOSANT_DEVICE_TOKEN },
      { id: 'losant-one-try', maxAttempts: 1 },
      { id: 'losant-impatient', timeoutMs: 300 },
    ],
  });
});
afterAll(() => stack.close());
afterEach(() => {
  stack.losant.clearFaults();
  stack.losant.clearRequests();
  stack.waits.length = 0;
});

const get = (path: string): Promise<Response> => getFromGateway(stack.gateway, path);

async function list(path: string): Promise<ListBody> {
  const response = await get(path);
  expect(response.status).toBe(200);
  const body = (await response.json()) as ListBody;
  for (const item of body.items) expect(validateUnified(item)).toBe(true);
  return body;
}

/** The factory application's job logs as the gateway should list them: newest first. */
function seedNewestFirst(keep: (log: LosantSeedJobLog) => boolean = () => true): string[] {
  const factory = stack.losant.applications.find(
    (app) => app.id === LOSANT_FACTORY_APPLICATION_ID,
  )!;
  return factory.jobLogs
    .filter(keep)
    .sort((a, b) => (a.runQueuedAt! < b.runQueuedAt! ? 1 : -1))
    .map((log) => log.id);
}

const pagesAsked = (): Array<string | undefined> =>
  stack.losant.requests.map((request) => request.query.page);

describe('GET /v1/job-logs?source=losant-test', () => {
  describe('when the answer spans several upstream pages', () => {
    it('returns the newest records of the seed in order, none lost or repeated', async () => {
      const body = await list('/v1/job-logs?source=losant-test&limit=20');
      expect(body.items.map((item) => item.raw.id)).toEqual(seedNewestFirst().slice(0, 20));
      expect(body.truncated).toBe(true);
      expect(pagesAsked()).toEqual(['0', '1', '2']);
      expect(stack.losant.requests.every((request) => request.query.perPage === '7')).toBe(true);
      expect(stack.losant.requests[0]).toMatchObject({
        token: 'losant-emulator-gateway-token-0123456789',
        acceptVersion: '^1.30.0',
        query: { sortField: 'runQueuedAt', sortDirection: 'desc' },
      });
    });

    it('reads every page of the application when the limit is larger than it', async () => {
      const body = await list('/v1/job-logs?source=losant-test&limit=1000');
      const expected = seedNewestFirst();
      expect(body.items.map((item) => item.raw.id)).toEqual(expected);
      expect(new Set(body.items.map((item) => item.id)).size).toBe(expected.length);
      expect(body.truncated).toBe(false);
      expect(stack.losant.requests).toHaveLength(Math.ceil(expected.length / 7));
      expect(body.items.map((item) => item.raw)).toContainEqual(LOSANT_PUBLISHED_EXAMPLE_JOB_LOG);
    });
  });

  describe('when filtered by time and status', () => {
    it('pushes the runQueuedAt range and the native statuses down in `query`', async () => {
      const since = '2025-06-01T00:00:00Z';
      const until = '2025-10-01T00:00:00+02:00';
      const body = await list(
        `/v1/job-logs?source=losant-test&since=${since}&until=${encodeURIComponent(until)}&status=failed,running&limit=1000`,
      );
      expect(stack.losant.requests[0]!.filter).toEqual({
        runQueuedAt: { $gte: '2025-06-01T00:00:00.000Z', $lt: '2025-09-30T22:00:00.000Z' },
        status: { $in: ['errored', 'failed', 'inProgress'] },
      });
      const expected = seedNewestFirst(
        (log) =>
          log.runQueuedAt! >= '2025-06-01T00:00:00.000Z' &&
          log.runQueuedAt! < '2025-09-30T22:00:00.000Z' &&
          ['inProgress', 'errored', 'failed'].includes(log.status!),
      );
      expect(expected.length).toBeGreaterThan(5);
      expect(body.items.map((item) => item.raw.id)).toEqual(expected);
      expect(new Set(body.items.map((item) => item.status))).toEqual(
        new Set(['failed', 'running']),
      );
    });

    it('asks nothing upstream for a status no Losant status maps to', async () => {
      const body = await list('/v1/job-logs?source=losant-test&status=warning');
      expect(body.items).toEqual([]);
      expect(stack.losant.requests).toHaveLength(0);
    });
  });

  describe('when losant answers 429 once', () => {
    it('waits the Retry-After and returns the records', async () => {
      stack.losant.inject({ kind: 'http-error', status: 429, headers: { 'Retry-After': '1' } }, 1);
      const body = await list('/v1/job-logs?source=losant-test&limit=3');
      expect(body.items).toHaveLength(3);
      expect(stack.waits).toEqual([1000]);
      expect(stack.losant.requests.map((request) => request.status)).toEqual([429, 200]);
    });
  });

  describe('when losant keeps answering 429', () => {
    it('answers 503 with the Retry-After it cannot wait out', async () => {
      stack.losant.inject(
        {
          kind: 'http-error',
          status: 429,
          headers: { 'Retry-After': '120' },
          body: '{"type":"TooManyRequests","message":"Rate limit exceeded"}',
        },
        5,
      );
      const response = await get('/v1/job-logs?source=losant-test');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('120');
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_THROTTLED',
        source: 'losant-test',
        upstream: { status: 429, code: 'TooManyRequests', message: 'Rate limit exceeded' },
      });
      expect(stack.losant.requests).toHaveLength(1);
    });

    it('gives up after maxAttempts short waits', async () => {
      stack.losant.inject({ kind: 'http-error', status: 429, headers: { 'Retry-After': '0' } }, 5);
      const response = await get('/v1/job-logs?source=losant-test');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('0');
      expect(stack.losant.requests).toHaveLength(3);
    });
  });

  describe('when losant sends an invalid job log', () => {
    it('lists it under `invalid` with its pointer and returns the others', async () => {
      stack.losant.inject({ kind: 'invalid-record', index: 2 }, 1);
      const body = await list('/v1/job-logs?source=losant-test&limit=10');
      const broken = seedNewestFirst()[2];
      expect(body.items).toHaveLength(10);
      expect(body.items.map((item) => item.raw.id)).not.toContain(broken);
      expect(body.invalid).toEqual([
        {
          source: 'losant-test',
          count: 1,
          records: [
            {
              index: 2,
              pointer: '/items/2/status',
              message: 'must be equal to one of the allowed values (page 0)',
            },
          ],
        },
      ]);
    });

    it('rejects the answer with 502 problem+json in strict mode', async () => {
      stack.losant.inject({ kind: 'invalid-record', patch: { runQueuedAt: 'yesterday' } }, 1);
      const response = await get('/v1/job-logs?source=losant-strict&limit=10');
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
        source: 'losant-strict',
        errors: [
          { pointer: '/items/0/runQueuedAt', message: 'must match format "date-time" (page 0)' },
        ],
      });
    });
  });

  describe('when losant refuses the token', () => {
    it.each([
      ['an unknown token (401)', 'losant-bad-token', 401, 'Unauthorized'],
      ['a token without the scope (403)', 'losant-no-scope', 403, 'Forbidden'],
    ])(
      'answers %s with 502 GW_ERR_UPSTREAM_REJECTED_CREDS',
      async (_case, source, status, type) => {
        const response = await get(`/v1/job-logs?source=${source}`);
        expect(response.status).toBe(502);
        expect(await response.json()).toMatchObject({
          code: 'GW_ERR_UPSTREAM_REJECTED_CREDS',
          source,
          upstream: { status, code: type },
        });
      },
    );
  });

  describe('when losant fails otherwise', () => {
    it.each([
      [
        'rejects the query (400)',
        400,
        'GW_ERR_UPSTREAM_REJECTED_QUERY',
        {
          kind: 'http-error',
          status: 400,
          body: '{"type":"Validation","message":"query is invalid"}',
        },
      ],
      [
        'reports an error (500 with an Error body)',
        502,
        'GW_ERR_UPSTREAM_FAULT',
        { kind: 'http-error', status: 500, body: '{"type":"InternalError","message":"boom"}' },
      ],
      [
        'answers an HTML page',
        502,
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        { kind: 'http-error', status: 502, contentType: 'text/html', body: '<html>Oops</html>' },
      ],
      ['answers cut-off JSON', 502, 'GW_ERR_UPSTREAM_BAD_RESPONSE', { kind: 'malformed' }],
      ['resets the connection', 502, 'GW_ERR_UPSTREAM_UNREACHABLE', { kind: 'reset' }],
    ] as const)('maps losant that %s to %i %s', async (_case, status, code, fault) => {
      stack.losant.inject(fault, 5);
      const response = await get('/v1/job-logs?source=losant-one-try');
      expect(response.status).toBe(status);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ code, source: 'losant-one-try' });
      expect(JSON.stringify(body)).not.toContain('Oops');
    });

    it('answers 504 when losant never answers', async () => {
      stack.losant.inject({ kind: 'hang' }, 1);
      const response = await get('/v1/job-logs?source=losant-impatient');
      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({ code: 'GW_ERR_UPSTREAM_TIMEOUT' });
    });
  });
});

describe('GET /v1/job-logs over two losant sources', () => {
  describe('when one of them is refused by losant', () => {
    it('returns the other source and lists the refused one under errors with status 502', async () => {
      const body = await list('/v1/job-logs?source=losant-test,losant-bad-token&limit=5');
      expect(body.items.map((item) => item.raw.id)).toEqual(seedNewestFirst().slice(0, 5));
      expect(body.errors).toEqual([
        expect.objectContaining({
          source: 'losant-bad-token',
          status: 502,
          code: 'GW_ERR_UPSTREAM_REJECTED_CREDS',
        }),
      ]);
    });
  });
});

describe('GET /v1/job-logs/{id} of a losant record', () => {
  describe('when the record was listed before', () => {
    it('reads it back from the single job-log route', async () => {
      const listed = await list('/v1/job-logs?source=losant-test&limit=12');
      const record = listed.items[11]!;
      const response = await get(`/v1/job-logs/${encodeURIComponent(record.id)}`);
      expect(response.status).toBe(200);
      const read = await response.json();
      expect(validateUnified(read)).toBe(true);
      expect(read).toEqual(record);
      expect(stack.losant.requests.at(-1)!.path).toBe(
        `/applications/${LOSANT_FACTORY_APPLICATION_ID}/jobLogs/${record.raw.id}`,
      );
    });
  });

  describe('when losant does not have it', () => {
    it.each([
      [
        'an id losant does not have',
        `losant-test.${Buffer.from('aaaaaaaaaaaaaaaaaaaaaaaa').toString('base64url')}`,
      ],
      ['a key that is not a losant id', 'losant-test.bm9wZQ'],
    ])('answers 404 problem+json for %s', async (_case, id) => {
      const response = await get(`/v1/job-logs/${id}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'GW_ERR_NOT_FOUND', status: 404 });
    });
  });

  describe('when losant sends it invalid', () => {
    it('answers 502 naming the violation', async () => {
      const example = `losant-test.${Buffer.from(LOSANT_PUBLISHED_EXAMPLE_JOB_LOG.id).toString('base64url')}`;
      stack.losant.inject({ kind: 'invalid-record', patch: { progress: 'half' } }, 1);
      const response = await get(`/v1/job-logs/${example}`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
        errors: [{ pointer: '/progress', message: 'must be object' }],
      });
    });
  });
});

describe('GET /readyz', () => {
  describe('when losant sources are configured', () => {
    it('probes with one record per page and reports the source ready', async () => {
      const ready = await fetch(`${stack.gateway.url}/readyz`);
      const body = (await ready.json()) as { sources: Array<{ id: string; ok: boolean }> };
      expect(body.sources).toContainEqual(expect.objectContaining({ id: 'losant-test', ok: true }));
      expect(body.sources).toContainEqual(
        expect.objectContaining({ id: 'losant-bad-token', ok: false }),
      );
      expect(stack.losant.requests.map((request) => request.query.perPage)).toContain('1');
    });
  });
});

describe('GET /v1/job-logs over a rate-limited losant', () => {
  let limited: LosantStack;
  beforeAll(async () => {
    limited = await startLosantStack({
      losant: { perPage: 7 },
      emulator: { rateLimit: { requests: 2, windowMs: 1000 } },
      realWaits: true,
    });
  });
  afterAll(() => limited.close());

  describe('when the third page is over the limit', () => {
    it('waits out the real Retry-After and returns every record', async () => {
      const started = Date.now();
      const response = await getFromGateway(
        limited.gateway,
        '/v1/job-logs?source=losant-test&limit=20',
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as ListBody).items).toHaveLength(20);
      expect(
        limited.losant.requests.map((request) => [request.query.page, request.status]),
      ).toEqual([
        ['0', 200],
        ['1', 200],
        ['2', 429],
        ['2', 200],
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });
  });
});
