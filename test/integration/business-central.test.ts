/**
 * The business-central source end to end: the Business Central emulator and a gateway on
 * loopback, real HTTP between them (OAuth2 token, OData paging, throttling, faults).
 */
import type { SeedLogEntry } from '../../src/emulators/business-central';
import { createSchemaRegistry } from '../../src/schemas/registry';
import {
  getFromGateway,
  startBusinessCentralStack,
  type BusinessCentralStack,
} from '../helpers/gateway';

const registry = createSchemaRegistry();
const validateUnified = registry.validator('unified-job-log');

interface Item {
  id: string;
  status: string;
  time: string | null;
  times: { started: string | null; ended: string | null };
  details: Array<{ message: string; type: string | null }>;
  raw: Record<string, unknown>;
}
interface ListBody {
  items: Item[];
  count: number;
  truncated: boolean;
  next?: string;
  errors: unknown[];
  invalid: Array<{ source: string; count: number; records: Array<Record<string, unknown>> }>;
}

let stack: BusinessCentralStack;
let companyId: string;

beforeAll(async () => {
  stack = await startBusinessCentralStack();
  companyId = stack.bc.companies[0]!.id;
});
afterAll(() => stack.close());
afterEach(() => {
  stack.bc.clearFaults();
  stack.bc.setRateLimit(undefined);
});

async function list(query: string, target = stack): Promise<{ status: number; body: ListBody }> {
  const response = await getFromGateway(target.gateway, `/v1/job-logs?source=bc-test&${query}`);
  return { status: response.status, body: (await response.json()) as ListBody };
}

/** The seed's entries of the first company, newest first as the adapter asks ($orderby). */
function seedNewestFirst(keep: (entry: SeedLogEntry) => boolean = () => true): SeedLogEntry[] {
  return [...(stack.bc.seed.entries.get(companyId) ?? [])]
    .filter(keep)
    .sort(
      (a, b) =>
        b.fields.startDateTime.localeCompare(a.fields.startDateTime) ||
        b.fields.id.localeCompare(a.fields.id),
    );
}

/** API requests for the log entry collection since `from`. */
function pageRequests(from: number) {
  return stack.bc.requests
    .slice(from)
    .filter(
      (request) => request.endpoint === 'api' && request.path.endsWith('/jobQueueLogEntries'),
    );
}

describe('GET /v1/job-logs?source=bc-test', () => {
  describe('when the answer spans several upstream pages', () => {
    it('follows @odata.nextLink and returns every matching record once, newest first', async () => {
      const before = stack.bc.requests.length;
      const { status, body } = await list('status=failed&limit=1000');
      expect(status).toBe(200);
      const expected = seedNewestFirst((entry) => entry.fields.status === 'Error');
      expect(expected.length).toBeGreaterThan(200);
      expect(body.items.map((item) => item.raw.id)).toEqual(
        expected.map((entry) => entry.fields.id),
      );
      expect(new Set(body.items.map((item) => item.id)).size).toBe(body.items.length);
      expect(body.truncated).toBe(false);
      const pages = pageRequests(before);
      expect(pages.length).toBe(Math.ceil(expected.length / 100));
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.every((page) => page.prefer === 'odata.maxpagesize=100')).toBe(true);
      expect(pages.slice(1).every((page) => page.query.$skiptoken !== undefined)).toBe(true);
    });

    it('stops at the limit, asks one more to know it is truncated, and validates every record', async () => {
      const before = stack.bc.requests.length;
      const { body } = await list('limit=250');
      expect(body.items.map((item) => item.raw.id)).toEqual(
        seedNewestFirst()
          .slice(0, 250)
          .map((entry) => entry.fields.id),
      );
      expect(body.truncated).toBe(true);
      for (const item of body.items) expect(validateUnified(item)).toBe(true);
      const pages = pageRequests(before);
      expect(pages.map((page) => page.query.$top)).toEqual(['251', '251', '251']);
      expect(pages[0]!.query.$orderby).toBe('startDateTime desc,id desc');
    });
  });

  describe('when the query has filters', () => {
    it('pushes the time range and the statuses down in $filter', async () => {
      const before = stack.bc.requests.length;
      const { body } = await list(
        'since=2025-03-01T00:00:00Z&until=2025-04-01T00:00:00Z&status=succeeded,failed&limit=1000',
      );
      const [request] = pageRequests(before);
      expect(request!.query.$filter).toBe(
        "startDateTime ge 2025-03-01T00:00:00.000Z and startDateTime lt 2025-04-01T00:00:00.000Z and (status eq 'Success' or status eq 'Error')",
      );
      const expected = seedNewestFirst(
        ({ fields }) =>
          fields.startDateTime >= '2025-03-01' &&
          fields.startDateTime < '2025-04-01' &&
          fields.status !== 'In_x0020_Process',
      );
      expect(body.items.map((item) => item.raw.id)).toEqual(
        expected.map((entry) => entry.fields.id),
      );
    });

    it('returns running entries with their blank end date as null', async () => {
      const { body } = await list('status=running');
      expect(body.items.length).toBeGreaterThanOrEqual(3);
      for (const item of body.items) {
        expect(item).toMatchObject({ status: 'running', times: { ended: null } });
        expect(item.raw.endDateTime).toBe('0001-01-01T00:00:00Z');
        expect(item.times.started).toBe(item.time);
      }
    });

    it('asks nothing upstream for statuses Business Central does not have', async () => {
      const before = stack.bc.requests.length;
      const { status, body } = await list('status=queued,warning');
      expect(status).toBe(200);
      expect(body.items).toEqual([]);
      expect(pageRequests(before)).toEqual([]);
    });
  });

  describe('when the upstream throttles once', () => {
    it('waits out Retry-After and finishes', async () => {
      stack.bc.setRateLimit({ capacity: 1, refillPerSecond: 1 });
      const before = stack.bc.requests.length;
      const waits = stack.waits.length;
      const { status, body } = await list('limit=150');
      expect(status).toBe(200);
      expect(body.items).toHaveLength(150);
      expect(pageRequests(before).map((page) => page.status)).toEqual([200, 429, 200]);
      expect(stack.waits.slice(waits)).toEqual([1000]);
    });
  });

  describe('when the upstream throttles beyond the retries', () => {
    it('answers 503 with the upstream Retry-After', async () => {
      stack.bc.setRateLimit({ capacity: 1, refillPerSecond: 0, retryAfterSeconds: 2 });
      const before = stack.bc.requests.length;
      const response = await getFromGateway(stack.gateway, '/v1/job-logs?source=bc-test&limit=150');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_THROTTLED',
        source: 'bc-test',
        upstream: { status: 429, code: 'TooManyRequests' },
      });
      // One page, then the second page three times (maxAttempts 3).
      expect(pageRequests(before).map((page) => page.status)).toEqual([200, 429, 429, 429]);
    });

    it('passes a long Retry-After on without waiting', async () => {
      stack.bc.inject({ kind: 'http-error', status: 429, headers: { 'Retry-After': '120' } });
      const waits = stack.waits.length;
      const response = await getFromGateway(stack.gateway, '/v1/job-logs?source=bc-test&limit=5');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('120');
      expect(stack.waits.length).toBe(waits);
    });
  });

  describe('when the token expires in the middle of paging', () => {
    it('gets a new token, repeats the refused page and finishes', async () => {
      const expected = (await list('limit=250')).body.items.map((item) => item.id);
      stack.bc.inject({ kind: 'pass' });
      stack.bc.inject({ kind: 'expire-tokens' });
      const before = stack.bc.requests.length;
      const { status, body } = await list('limit=250');
      expect(status).toBe(200);
      expect(body.items.map((item) => item.id)).toEqual(expected);
      const seen = stack.bc.requests
        .slice(before)
        .map((request) => `${request.endpoint}:${request.status}`);
      expect(seen).toEqual(['api:200', 'api:401', 'token:200', 'api:200', 'api:200']);
      const serials = stack.bc.requests.slice(before).map((request) => request.tokenSerial);
      expect(serials[4]).toBeGreaterThan(serials[0]!);
    });
  });

  describe('when the upstream sends a record that breaks its schema', () => {
    it('lists it under invalid with its position and returns the others', async () => {
      stack.bc.inject({ kind: 'invalid-record', index: 3 });
      const { status, body } = await list('limit=20');
      expect(status).toBe(200);
      expect(body.invalid).toEqual([
        {
          source: 'bc-test',
          count: 1,
          records: [
            {
              index: 3,
              pointer: '/value/3/status',
              message: 'must be equal to one of the allowed values',
            },
          ],
        },
      ]);
      const broken = seedNewestFirst()[3]!.fields.id;
      expect(body.items.map((item) => item.raw.id)).not.toContain(broken);
      // 21 read ($top = limit + 1), one invalid: the 20 valid ones reach the last record read, so
      // the page ends before its millisecond (more may follow upstream; the next page reads it).
      expect(body.items).toHaveLength(19);
      expect(body.next).toEqual(expect.any(String));
    });

    it('answers 502 problem+json in strict mode', async () => {
      const strict = await startBusinessCentralStack({ source: { strict: true } });
      try {
        strict.bc.inject({
          kind: 'invalid-record',
          index: 0,
          patch: { startDateTime: 'yesterday' },
        });
        const response = await getFromGateway(
          strict.gateway,
          '/v1/job-logs?source=bc-test&limit=5',
        );
        expect(response.status).toBe(502);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({
          code: 'GW_ERR_UPSTREAM_BAD_RESPONSE',
          source: 'bc-test',
          errors: [{ pointer: '/value/0/startDateTime', message: 'must match format "date-time"' }],
        });
      } finally {
        await strict.close();
      }
    });
  });

  describe('when the upstream refuses the gateway credentials', () => {
    it('refreshes the token once, then answers 502 GW_ERR_UPSTREAM_REJECTED_CREDS', async () => {
      stack.bc.inject({ kind: 'http-error', status: 401 }, 2);
      const before = stack.bc.requests.length;
      const response = await getFromGateway(stack.gateway, '/v1/job-logs?source=bc-test&limit=5');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_REJECTED_CREDS',
        upstream: { status: 401, code: 'Authentication_InvalidCredentials' },
      });
      expect(stack.bc.requests.slice(before).map((request) => request.endpoint)).toEqual([
        'api',
        'token',
        'api',
      ]);
    });

    it('answers 502 GW_ERR_UPSTREAM_REJECTED_CREDS when the token endpoint refuses the secret', async () => {
      const refused = await startBusinessCentralStack({
        source: {
          auth: { tokenUrl: stack.bc.tokenUrl, clientId: 'gateway-client', clientSecret: 'not-it' },
        },
      });
      try {
        const response = await getFromGateway(refused.gateway, '/v1/job-logs?source=bc-test');
        expect(response.status).toBe(502);
        expect(await response.json()).toMatchObject({
          code: 'GW_ERR_UPSTREAM_REJECTED_CREDS',
          upstream: { status: 401, code: 'invalid_client' },
        });
        const ready = await fetch(`${refused.gateway.url}/readyz`);
        expect(ready.status).toBe(503);
      } finally {
        await refused.close();
      }
    });
  });

  describe('when the upstream answers with an error', () => {
    it.each([
      [
        'a BC 400',
        { kind: 'http-error', status: 400 },
        400,
        'GW_ERR_UPSTREAM_REJECTED_QUERY',
        'BadRequest',
      ],
      [
        'a BC 500',
        { kind: 'http-error', status: 500 },
        502,
        'GW_ERR_UPSTREAM_FAULT',
        'Internal_ServerError',
      ],
      [
        'a truncated JSON body',
        { kind: 'malformed' },
        502,
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        undefined,
      ],
    ] as const)(
      'maps %s to the catalogue, keeping the upstream code',
      async (_case, fault, status, code, upstreamCode) => {
        stack.bc.inject(fault);
        const response = await getFromGateway(stack.gateway, '/v1/job-logs?source=bc-test&limit=5');
        expect(response.status).toBe(status);
        const problem = (await response.json()) as { code: string; upstream?: { code?: string } };
        expect(problem.code).toBe(code);
        expect(problem.upstream?.code).toBe(upstreamCode);
      },
    );

    it('answers 502 GW_ERR_UPSTREAM_UNREACHABLE when every attempt is reset', async () => {
      stack.bc.inject({ kind: 'reset' }, 3);
      const response = await getFromGateway(stack.gateway, '/v1/job-logs?source=bc-test&limit=5');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'GW_ERR_UPSTREAM_UNREACHABLE' });
    });
  });
});

describe('GET /v1/job-logs/{id} for bc-test', () => {
  it('reads back a listed record', async () => {
    const { body } = await list('status=succeeded&limit=3');
    const listed = body.items[2]!;
    const response = await getFromGateway(stack.gateway, `/v1/job-logs/${listed.id}`);
    expect(response.status).toBe(200);
    const record = await response.json();
    expect(validateUnified(record)).toBe(true);
    expect(record).toEqual(listed);
  });

  it('adds the error call stack to a failed record', async () => {
    const { body } = await list('status=failed&limit=1');
    const listed = body.items[0]!;
    const before = stack.bc.requests.length;
    const record = (await (
      await getFromGateway(stack.gateway, `/v1/job-logs/${listed.id}`)
    ).json()) as Item;
    expect(validateUnified(record)).toBe(true);
    expect(record.raw).toEqual(listed.raw);
    expect(record.details[0]).toEqual(listed.details[0]);
    expect(record.details[1]).toMatchObject({ type: 'errorCallStack' });
    expect(record.details[1]!.message).toContain('"Job Queue Dispatcher"(CodeUnit 448)');
    expect(
      stack.bc.requests.slice(before).map((request) => request.path.split('/').at(-1)),
    ).toEqual([`jobQueueLogEntries(${String(listed.raw.id)})`, 'errorCallStack']);
  });

  it.each([
    ['an entry that does not exist', '00000000-0000-4000-8000-000000000000', undefined],
    ['an entry of another company', undefined, 1],
  ])('answers 404 for %s', async (_case, entryId, companyIndex) => {
    const company = stack.bc.companies[companyIndex ?? 0]!;
    const entry = entryId ?? stack.bc.seed.entries.get(company.id)![0]!.fields.id;
    const hex = (guid: string): string => guid.replace(/-/g, '');
    const key = Buffer.from(hex(company.id) + hex(entry), 'hex').toString('base64url');
    const response = await getFromGateway(stack.gateway, `/v1/job-logs/bc-test.${key}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'GW_ERR_NOT_FOUND' });
  });
});

describe('GET /readyz with a business-central source', () => {
  it('reports the source ready after an authenticated one-record read', async () => {
    const ready = await fetch(`${stack.gateway.url}/readyz`);
    expect(await ready.json()).toMatchObject({
      sources: [{ id: 'bc-test', type: 'business-central', ok: true }],
    });
    const probe = stack.bc.requests.filter((request) => request.query.$select === 'id').at(-1);
    expect(probe).toMatchObject({
      tokenClientId: 'gateway-client',
      status: 200,
      query: { $top: '1' },
    });
  });
});
