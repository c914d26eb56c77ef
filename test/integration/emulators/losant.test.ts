/**
 * The Losant REST emulator over real HTTP on loopback. Expected shapes follow
 * shared/reference/losant.md (sections cited in comments); [I] choices are listed in
 * src/emulators/losant/README.md.
 */
import {
  LOSANT_DEVICE_TOKEN,
  LOSANT_EMPTY_APPLICATION_ID,
  LOSANT_FACTORY_APPLICATION_ID,
  LOSANT_GATEWAY_TOKEN,
  LOSANT_GET_ONLY_TOKEN,
  LOSANT_GREENHOUSE_APPLICATION_ID,
  LOSANT_GREENHOUSE_TOKEN,
  LOSANT_LIST_ONLY_TOKEN,
  LOSANT_PUBLISHED_EXAMPLE_JOB_LOG,
  startLosantEmulator,
  type LosantEmulator,
  type LosantSeedJobLog,
} from '../../../src/emulators/losant';
import { createSchemaRegistry } from '../../../src/schemas/registry';

const registry = createSchemaRegistry();
const validateCollection = registry.validator('losant-job-logs');
const validateJobLog = registry.validator('losant-job-log');
const validateError = registry.validator('losant-error');

let emulator: LosantEmulator;

beforeAll(async () => {
  emulator = await startLosantEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

interface Collection {
  items: LosantSeedJobLog[];
  count: number;
  totalCount: number;
  page: number;
  perPage: number;
  sortField: string;
  sortDirection: string;
  applicationId: string;
  query?: unknown;
}

const FACTORY = `/applications/${LOSANT_FACTORY_APPLICATION_ID}/jobLogs`;

function call(
  path: string,
  params: Record<string, string> = {},
  token: string | null = LOSANT_GATEWAY_TOKEN,
): Promise<Response> {
  const query = new URLSearchParams(params).toString();
  return fetch(`${emulator.url}${path}${query === '' ? '' : `?${query}`}`, {
    headers: {
      accept: 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
  });
}

async function collection(params: Record<string, string>, path = FACTORY): Promise<Collection> {
  const response = await call(path, params);
  expect(response.status).toBe(200);
  const body = (await response.json()) as Collection;
  expect(validateCollection(body)).toBe(true);
  return body;
}

async function errorOf(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as Record<string, unknown>;
  expect(validateError(body)).toBe(true);
  return body;
}

const factoryLogs = (): readonly LosantSeedJobLog[] =>
  emulator.applications.find((app) => app.id === LOSANT_FACTORY_APPLICATION_ID)!.jobLogs;

const byQuery = async (query: unknown): Promise<LosantSeedJobLog[]> =>
  (await collection({ query: JSON.stringify(query), perPage: '1000' })).items;

describe('GET /applications/{id}/jobLogs', () => {
  describe('when called with no parameters', () => {
    it('answers the envelope with the defaults echoed, oldest first (losant.md §2.2, §3.2)', async () => {
      const body = await collection({});
      expect(Object.keys(body)).toEqual([
        'applicationId',
        'count',
        'items',
        'page',
        'perPage',
        'sortDirection',
        'sortField',
        'totalCount',
      ]);
      expect(body).toMatchObject({
        applicationId: LOSANT_FACTORY_APPLICATION_ID,
        count: 100,
        page: 0,
        perPage: 100,
        sortDirection: 'asc',
        sortField: 'runQueuedAt',
        totalCount: factoryLogs().length,
      });
      expect(body.items.map((item) => item.id)).toEqual(
        factoryLogs()
          .slice(0, 100)
          .map((item) => item.id),
      );
      for (const item of body.items) expect(validateJobLog(item)).toBe(true);
    });
  });

  describe('when paging with page and perPage', () => {
    it('answers zero-based pages that tile the whole set, the last one short', async () => {
      const total = factoryLogs().length;
      const ids: string[] = [];
      for (let page = 0; page * 40 < total; page += 1) {
        const body = await collection({ page: String(page), perPage: '40' });
        expect(body.count).toBe(Math.min(40, total - page * 40));
        ids.push(...body.items.map((item) => item.id));
      }
      expect(ids).toEqual(factoryLogs().map((item) => item.id));
    });

    it('answers an empty page past the end, with the totalCount', async () => {
      const body = await collection({ page: '99', perPage: '10' });
      expect(body).toMatchObject({ count: 0, items: [], totalCount: factoryLogs().length });
    });
  });

  describe('when sorting', () => {
    it.each(['name', 'status', 'resourceType', 'runStartedAt', 'runCompletedAt'])(
      'orders by %s, missing values first when ascending',
      async (field) => {
        const items = (await collection({ sortField: field, perPage: '1000' })).items;
        const values = items.map(
          (item) => item[field as keyof LosantSeedJobLog] as string | undefined,
        );
        const firstPresent = values.findIndex((value) => value !== undefined);
        expect(values.slice(firstPresent).every((value) => value !== undefined)).toBe(true);
        const present = values.slice(firstPresent) as string[];
        expect([...present].sort()).toEqual(present);
      },
    );

    it('orders newest first with sortDirection=desc and echoes DESC as sent', async () => {
      const body = await collection({ sortDirection: 'DESC', perPage: '5' });
      expect(body.sortDirection).toBe('DESC');
      expect(body.items.map((item) => item.id)).toEqual(
        [...factoryLogs()]
          .reverse()
          .slice(0, 5)
          .map((item) => item.id),
      );
    });
  });

  describe('when filtered with query (losant.md §5)', () => {
    const logs = (): readonly LosantSeedJobLog[] => factoryLogs();
    const time = (value: string | undefined): number => Date.parse(value ?? '');

    it('echoes the parsed query and counts only matches', async () => {
      const query = {
        name: 'ApplicationExport',
        status: { $in: ['errored', 'failed', 'completed'] },
      };
      const body = await collection({ query: JSON.stringify(query) });
      const expected = logs().filter(
        (log) =>
          log.name === 'ApplicationExport' &&
          ['errored', 'failed', 'completed'].includes(log.status!),
      );
      expect(body.query).toEqual(query);
      expect(body.totalCount).toBe(expected.length);
      expect(body.items.map((item) => item.id)).toEqual(expected.map((log) => log.id));
    });

    it.each([
      ['$eq', { status: { $eq: 'queued' } }, (log: LosantSeedJobLog) => log.status === 'queued'],
      [
        '$ne',
        { status: { $ne: 'completed' } },
        (log: LosantSeedJobLog) => log.status !== 'completed',
      ],
      [
        '$in',
        { status: { $in: ['queued', 'failed'] } },
        (log: LosantSeedJobLog) => ['queued', 'failed'].includes(log.status!),
      ],
      [
        '$nin',
        { status: { $nin: ['completed'] } },
        (log: LosantSeedJobLog) => log.status !== 'completed',
      ],
      [
        '$startsWith',
        { name: { $startsWith: 'Device' } },
        (log: LosantSeedJobLog) => log.name!.startsWith('Device'),
      ],
      [
        '$endsWith',
        { name: { $endsWith: 'Export' } },
        (log: LosantSeedJobLog) => log.name!.endsWith('Export'),
      ],
      [
        '$contains',
        { name: { $contains: 'Bulk' } },
        (log: LosantSeedJobLog) => log.name!.includes('Bulk'),
      ],
      [
        '$ci',
        { name: { $eq: 'archivedata', $ci: true } },
        (log: LosantSeedJobLog) => log.name === 'ArchiveData',
      ],
      [
        '$gte and $lt on a date (ISO strings)',
        { runQueuedAt: { $gte: '2025-06-01T00:00:00Z', $lt: '2025-07-01T00:00:00Z' } },
        (log: LosantSeedJobLog) =>
          time(log.runQueuedAt) >= Date.UTC(2025, 5, 1) &&
          time(log.runQueuedAt) < Date.UTC(2025, 6, 1),
      ],
      [
        '$gt and $lte on a date (epoch ms)',
        { runCompletedAt: { $gt: Date.UTC(2025, 2, 1), $lte: Date.UTC(2025, 3, 1) } },
        (log: LosantSeedJobLog) =>
          log.runCompletedAt !== undefined &&
          time(log.runCompletedAt) > Date.UTC(2025, 2, 1) &&
          time(log.runCompletedAt) <= Date.UTC(2025, 3, 1),
      ],
      [
        'null for a missing field',
        { runStartedAt: null },
        (log: LosantSeedJobLog) => log.runStartedAt === undefined,
      ],
      [
        '$or',
        { $or: [{ status: 'queued' }, { resourceType: 'notebook' }] },
        (log: LosantSeedJobLog) => log.status === 'queued' || log.resourceType === 'notebook',
      ],
      [
        '$nor',
        { $nor: [{ status: 'completed' }, { status: 'errored' }] },
        (log: LosantSeedJobLog) => !['completed', 'errored'].includes(log.status!),
      ],
      [
        '$and with an id',
        { $and: [{ id: LOSANT_PUBLISHED_EXAMPLE_JOB_LOG.id }, { status: 'inProgress' }] },
        (log: LosantSeedJobLog) => log.id === LOSANT_PUBLISHED_EXAMPLE_JOB_LOG.id,
      ],
    ] as const)('applies %s', async (_name, query, keep) => {
      const expected = logs()
        .filter(keep)
        .map((log) => log.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await byQuery(query)).map((log) => log.id)).toEqual(expected);
    });

    it.each([
      ['not JSON', '{status:', 'query must be a JSON object'],
      [
        'an unknown field',
        '{"jobId":"575ec76c7ae143cd83dc4a96"}',
        'query must NOT have additional properties',
      ],
      [
        'an unknown operator',
        '{"status":{"$regex":"^c"}}',
        'query/status must NOT have additional properties',
      ],
      [
        'two operators on an id field',
        '{"id":{"$gt":"575ec76c7ae143cd83dc4a96","$lt":"575ec76c7ae143cd83dc4a97"}}',
        'query/id must NOT have more than 1 properties',
      ],
      [
        'a bad id',
        '{"resourceId":"nope"}',
        'query/resourceId must match pattern "^[A-Fa-f\\d]{24}$"',
      ],
      [
        'a date that is none',
        '{"runQueuedAt":{"$gte":"last tuesday"}}',
        'query.runQueuedAt: "last tuesday" is not a date',
      ],
    ])('answers 400 Validation for %s', async (_case, query, message) => {
      expect(await errorOf(await call(FACTORY, { query }), 400)).toEqual({
        type: 'Validation',
        message,
      });
    });
  });

  describe('when a parameter is out of range (losant.md §7) [I]', () => {
    it.each([
      [{ sortField: 'jobId' }, /^sortField must be one of/],
      [{ sortDirection: 'up' }, /^sortDirection/],
      [{ page: '-1' }, /^page must be/],
      [{ perPage: '0' }, /^perPage must be/],
      [{ perPage: '1001' }, /^perPage must be a whole number from 1 to 1000$/],
    ])('answers 400 for %j', async (params, message) => {
      const body = await errorOf(await call(FACTORY, params), 400);
      expect(body.type).toBe('Validation');
      expect(body.message).toMatch(message);
    });
  });

  describe('when the application does not exist', () => {
    it('answers 404 with the published Error example (losant.md §4)', async () => {
      expect(
        await errorOf(await call('/applications/0123456789abcdef01234567/jobLogs'), 404),
      ).toEqual({
        type: 'NotFound',
        message: 'Application was not found',
      });
    });

    it('answers 400 for an id that is not 24 hex digits', async () => {
      expect((await errorOf(await call('/applications/nope/jobLogs'), 400)).type).toBe(
        'Validation',
      );
    });
  });

  describe('when the application has no job logs', () => {
    it('answers an empty collection', async () => {
      const body = await collection({}, `/applications/${LOSANT_EMPTY_APPLICATION_ID}/jobLogs`);
      expect(body).toMatchObject({ count: 0, totalCount: 0, items: [] });
    });
  });
});

describe('GET /applications/{id}/jobLogs/{jobId}', () => {
  describe('when the job log exists', () => {
    it('answers the job log by its id, Losant’s published example included (losant.md §3.1)', async () => {
      const response = await call(`${FACTORY}/${LOSANT_PUBLISHED_EXAMPLE_JOB_LOG.id}`);
      expect(response.status).toBe(200);
      const body: unknown = await response.json();
      expect(body).toEqual(LOSANT_PUBLISHED_EXAMPLE_JOB_LOG);
      expect(validateJobLog(body)).toBe(true);
    });
  });

  describe('when the job log does not exist', () => {
    it('answers 404 NotFound for an unknown job log', async () => {
      expect(await errorOf(await call(`${FACTORY}/0123456789abcdef01234567`), 404)).toEqual({
        type: 'NotFound',
        message: 'Application job log was not found',
      });
    });
  });
});

describe('GET /applications/{id}/jobLogs and /jobLogs/{jobId}', () => {
  const single = `${FACTORY}/${LOSANT_PUBLISHED_EXAMPLE_JOB_LOG.id}`;

  describe('when the token is missing, unknown, without the scope or bound elsewhere (losant.md §1) [I]', () => {
    it.each([
      ['no token', FACTORY, null, 401, 'Unauthorized'],
      ['an unknown token', FACTORY, 'who-knows', 401, 'Unauthorized'],
      ['a token without a job-log scope', FACTORY, LOSANT_DEVICE_TOKEN, 403, 'Forbidden'],
      ['a list-only token on one job log', single, LOSANT_LIST_ONLY_TOKEN, 403, 'Forbidden'],
      ['a get-only token on the collection', FACTORY, LOSANT_GET_ONLY_TOKEN, 403, 'Forbidden'],
      ['a token bound to another application', FACTORY, LOSANT_GREENHOUSE_TOKEN, 403, 'Forbidden'],
    ])('answers %s with %i', async (_case, path, token, status, type) => {
      expect((await errorOf(await call(path, {}, token), status)).type).toBe(type);
    });
  });

  describe('when the token has a scope of the route', () => {
    it.each([
      ['a list-only token', FACTORY, LOSANT_LIST_ONLY_TOKEN],
      ['a get-only token', single, LOSANT_GET_ONLY_TOKEN],
      [
        'an application token',
        `/applications/${LOSANT_GREENHOUSE_APPLICATION_ID}/jobLogs`,
        LOSANT_GREENHOUSE_TOKEN,
      ],
    ])('lets %s read what its scope names', async (_case, path, token) => {
      expect((await call(path, {}, token)).status).toBe(200);
    });
  });
});

describe('startLosantEmulator', () => {
  describe('when a request arrives', () => {
    it('records what it carried', async () => {
      await call(FACTORY, { perPage: '1', query: '{"status":"queued"}' }, LOSANT_LIST_ONLY_TOKEN);
      expect(emulator.requests).toEqual([
        {
          method: 'GET',
          path: FACTORY,
          query: { perPage: '1', query: '{"status":"queued"}' },
          filter: { status: 'queued' },
          token: LOSANT_LIST_ONLY_TOKEN,
          acceptVersion: null,
          status: 200,
        },
      ]);
    });
  });

  describe('when rateLimit is set (off by default: Losant documents none, losant.md §7)', () => {
    it('answers 429 with Retry-After once a token is over its window', async () => {
      const limited = await startLosantEmulator({ rateLimit: { requests: 2, windowMs: 60_000 } });
      try {
        const path = `${limited.url}${FACTORY}?perPage=1`;
        const headers = { authorization: `Bearer ${LOSANT_GATEWAY_TOKEN}` };
        expect((await fetch(path, { headers })).status).toBe(200);
        expect((await fetch(path, { headers })).status).toBe(200);
        const third = await fetch(path, { headers });
        expect(third.status).toBe(429);
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
        expect(await third.json()).toEqual({
          type: 'TooManyRequests',
          message: 'Rate limit exceeded',
        });
        const other = { authorization: `Bearer ${LOSANT_LIST_ONLY_TOKEN}` };
        expect((await fetch(path, { headers: other })).status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
});

describe('LosantEmulator.inject', () => {
  describe('when given http-error', () => {
    it('answers the injected status, headers and body, then recovers', async () => {
      emulator.inject({ kind: 'http-error', status: 503, headers: { 'Retry-After': '7' } }, 2);
      for (let i = 0; i < 2; i += 1) {
        const response = await call(FACTORY);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('7');
        expect(validateError(await response.json())).toBe(true);
      }
      expect((await call(FACTORY)).status).toBe(200);
    });
  });

  describe('when given invalid-record', () => {
    it('breaks one record of the page', async () => {
      emulator.inject({ kind: 'invalid-record', index: 1, patch: { id: 'not-an-id' } });
      const body = (await (await call(FACTORY, { perPage: '3' })).json()) as Collection;
      expect(body.items.map((item) => item.id)).toEqual([
        factoryLogs()[0]!.id,
        'not-an-id',
        factoryLogs()[2]!.id,
      ]);
      expect(validateCollection(body)).toBe(false);
    });
  });

  describe('when given malformed', () => {
    it('answers cut-off JSON', async () => {
      emulator.inject({ kind: 'malformed' });
      const response = await call(FACTORY);
      expect(response.status).toBe(200);
      await expect(response.json()).rejects.toThrow();
    });
  });

  describe('when given delay', () => {
    it('delays the normal answer', async () => {
      emulator.inject({ kind: 'delay', ms: 150 });
      const started = Date.now();
      expect((await call(FACTORY, { perPage: '1' })).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });
  });

  describe('when given reset', () => {
    it('resets the connection', async () => {
      emulator.inject({ kind: 'reset' });
      await expect(call(FACTORY)).rejects.toThrow();
    });
  });

  describe('when given a bad fault', () => {
    it('throws RangeError', () => {
      expect(() => emulator.inject({ kind: 'delay', ms: -1 })).toThrow(RangeError);
      expect(() => emulator.inject({ kind: 'http-error', status: 42 })).toThrow(RangeError);
      expect(() => emulator.inject({ kind: 'hang' }, 0)).toThrow(RangeError);
    });
  });
});

describe('other routes', () => {
  describe('when the method or path is not a job-log GET [I]', () => {
    it.each([
      ['POST', FACTORY],
      ['GET', '/applications'],
    ])('answers %s %s with 404 NotFound', async (method, path) => {
      const response = await fetch(`${emulator.url}${path}`, { method });
      expect((await errorOf(response, 404)).type).toBe('NotFound');
    });
  });
});
