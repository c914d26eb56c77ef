import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createSchemaRegistry } from '../../src/schemas/registry';
import { API_KEY, getJson, startStack, type TestStack } from '../helpers/gateway';

const registry = createSchemaRegistry();
const validateUnified = registry.validator('unified-job-log');
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
afterEach(() => stack.scene7.clearFaults());

interface ListBody {
  items: Array<{ id: string; time: string | null; raw: Record<string, unknown>; status: string }>;
  count: number;
  truncated: boolean;
  errors: unknown[];
  invalid: unknown[];
}

const assetPath = '/v1/job-logs?source=scene7-test&assetHandle=a%7C732%7C1%7C535';

describe('GET /v1/job-logs', () => {
  describe('when asked for the logs of an asset', () => {
    it('returns unified records that validate against the unified schema, newest first', async () => {
      const response = await getJson(stack, assetPath);
      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody;
      expect(body.count).toBeGreaterThanOrEqual(2);
      for (const item of body.items) expect(validateUnified(item)).toBe(true);
      const times = body.items.map((item) => item.time ?? '');
      expect([...times].sort().reverse()).toEqual(times);
      expect(body.errors).toEqual([]);
      expect(body.items.map((item) => item.raw.logMessage)).toContain(
        'ApiTestCo/blakexslttest.jpg was processed into IPS',
      );
    });

    it('returns one record as an array of one', async () => {
      const body = (await (
        await getJson(stack, '/v1/job-logs?source=scene7-test&assetHandle=a%7C732%7C1%7C536')
      ).json()) as ListBody;
      expect(body.items).toHaveLength(1);
    });

    it('filters by status', async () => {
      const body = (await (
        await getJson(stack, `${assetPath}&status=succeeded`)
      ).json()) as ListBody;
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.every((item) => item.status === 'succeeded')).toBe(true);
    });
  });

  describe('when asked for job logs without an asset', () => {
    it('reads getJobLogs with the time range pushed down and honours limit', async () => {
      const response = await getJson(
        stack,
        '/v1/job-logs?source=scene7-test&since=2025-01-01T00:00:00Z&limit=5',
      );
      const body = (await response.json()) as ListBody;
      expect(response.status).toBe(200);
      expect(body.items).toHaveLength(5);
      expect(body.truncated).toBe(true);
      for (const item of body.items) {
        expect(validateUnified(item)).toBe(true);
        expect(item.time! >= '2025-01-01T00:00:00.000Z').toBe(true);
      }
      const seen = stack.scene7.requests.at(-1);
      expect(seen).toMatchObject({ operation: 'getJobLogs', user: 'ips-api@example.com' });
    });
  });

  describe('when the caller has no valid API key', () => {
    it.each([
      ['no key', null, 'GW_ERR_UNAUTHENTICATED'],
      ['a wrong key', 'wrong-key-0000000000000', 'GW_ERR_BAD_CREDENTIALS'],
    ])('answers %s with 401 problem+json', async (_case, key, code) => {
      const response = await getJson(stack, assetPath, key);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ status: 401, code });
    });
  });

  describe('when the query is bad', () => {
    it('answers 400 naming the parameter', async () => {
      const response = await getJson(stack, '/v1/job-logs?limit=0');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_INVALID_PARAMETER',
        parameter: 'limit',
      });
    });

    it('answers 400 for an unknown source', async () => {
      const response = await getJson(stack, '/v1/job-logs?source=nope');
      expect(await response.json()).toMatchObject({ status: 400, parameter: 'source' });
    });

    it('passes an upstream parameter rejection on as 400 with the upstream code', async () => {
      const response = await getJson(
        stack,
        '/v1/job-logs?source=scene7-test&assetHandle=a%7C999%7C9%7C999',
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_REJECTED_QUERY',
        source: 'scene7-test',
        upstream: { code: 30001 },
      });
    });
  });

  describe('when the upstream fails', () => {
    it.each([
      ['resets the connection', { kind: 'reset' }, 502, 'GW_ERR_UPSTREAM_UNREACHABLE'],
      ['answers malformed XML', { kind: 'malformed' }, 502, 'GW_ERR_UPSTREAM_BAD_RESPONSE'],
      ['answers a DOCTYPE body', { kind: 'doctype' }, 502, 'GW_ERR_UPSTREAM_BAD_RESPONSE'],
      [
        'answers an HTML error page with 200',
        {
          kind: 'http-error',
          status: 200,
          contentType: 'text/html',
          body: '<html><body>Oops</body></html>',
        },
        502,
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
      ],
      ['never answers', { kind: 'hang' }, 504, 'GW_ERR_UPSTREAM_TIMEOUT'],
    ] as const)('answers %s with %i %s', async (_case, fault, status, code) => {
      stack.scene7.inject(fault, 5);
      const response = await getJson(stack, assetPath);
      expect(response.status).toBe(status);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ code, source: 'scene7-test' });
      expect(JSON.stringify(body)).not.toContain('Oops');
    });

    it('passes throttling on as 503 with Retry-After', async () => {
      stack.scene7.inject(
        { kind: 'http-error', status: 503, headers: { 'retry-after': '120' }, body: 'busy' },
        5,
      );
      const response = await getJson(stack, assetPath);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('120');
      expect(await response.json()).toMatchObject({
        code: 'GW_ERR_UPSTREAM_THROTTLED',
        upstream: { status: 503 },
      });
    });

    it('retries a read after a short Retry-After and succeeds', async () => {
      stack.scene7.inject(
        { kind: 'http-error', status: 503, headers: { 'retry-after': '1' }, body: 'busy' },
        1,
      );
      const before = stack.scene7.requests.length;
      const response = await getJson(stack, assetPath);
      expect(response.status).toBe(200);
      expect(stack.scene7.requests.length - before).toBe(2);
    });
  });
});

describe('GET /v1/job-logs/{id}', () => {
  it('reads back a record listed before', async () => {
    const listed = (await (await getJson(stack, assetPath)).json()) as ListBody;
    const first = listed.items[0]!;
    const response = await getJson(stack, `/v1/job-logs/${encodeURIComponent(first.id)}`);
    expect(response.status).toBe(200);
    const record = await response.json();
    expect(validateUnified(record)).toBe(true);
    expect(record).toEqual(first);
  });

  it('reads back a job (getJobLogs) record, with its detail lines (getJobLogDetails)', async () => {
    const listed = (await (
      await getJson(stack, '/v1/job-logs?source=scene7-test&limit=3')
    ).json()) as ListBody;
    const {
      raw: listedRaw,
      details: listedDetails,
      ...last
    } = listed.items[2]! as ListBody['items'][number] & { details: unknown[] };
    const record = (await (
      await getJson(stack, `/v1/job-logs/${encodeURIComponent(last.id)}`)
    ).json()) as ListBody['items'][number] & { details: unknown[] };
    const { raw, details, ...rest } = record;
    expect(validateUnified(record)).toBe(true);
    expect(rest).toEqual(last);
    // The listing reads no details; one record adds them, and raw is getJobLogDetails' JobLog.
    expect(listedDetails).toEqual([]);
    expect(details.length).toBeGreaterThan(0);
    expect(raw).toMatchObject(listedRaw);
    expect(raw.detailArray).toHaveLength(details.length);
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const response = await getJson(stack, '/v1/job-logs/scene7-test.bm9wZQ');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'GW_ERR_NOT_FOUND', status: 404 });
  });
});

describe('GET /v1/sources', () => {
  it('lists the configured sources', async () => {
    expect(await (await getJson(stack, '/v1/sources')).json()).toEqual({
      items: [{ id: 'scene7-test', type: 'scene7' }],
    });
  });
});

describe('health and metrics', () => {
  it('GET /healthz and /readyz need no key and report each source', async () => {
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      sources: [{ id: 'scene7-test', type: 'scene7', ok: true }],
    });
  });

  it('matches the probes as express routes would: any case, a trailing slash, GET and HEAD only', async () => {
    const at = (path: string, method = 'GET') => fetch(`${stack.gateway.url}${path}`, { method });
    const upper = await at('/HEALTHZ/');
    expect(upper.status).toBe(200);
    expect(await upper.json()).toEqual({ status: 'ok' });
    expect(upper.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(upper.headers.get('x-content-type-options')).toBe('nosniff');
    const head = await at('/readyz', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const [path, method] of [
      ['/healthz', 'POST'],
      ['/readyz', 'DELETE'],
      ['/healthzz', 'GET'],
      ['/healthz/x', 'GET'],
    ] as const) {
      const response = await at(path, method);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });

  it('GET /metrics serves Prometheus text with request counts by route', async () => {
    const text = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(text).toContain(
      'joblog_gateway_http_requests_total{route="/v1/job-logs",method="GET",status="200",caller="key:tests",operation=""}',
    );
    expect(text).toContain(
      'joblog_gateway_upstream_requests_total{source="scene7-test",outcome="200"}',
    );
    expect(text).toMatch(
      /joblog_gateway_upstream_requests_total\{source="scene7-test",outcome="GW_ERR_UPSTREAM_TIMEOUT"\} [1-9]/,
    );
    expect(text).toMatch(/joblog_gateway_upstream_retries_total\{source="scene7-test"\} [1-9]/);
  });

  it('answers unknown paths with 404 problem+json', async () => {
    const response = await fetch(`${stack.gateway.url}/nope`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('GET /readyz when a source is unreachable', () => {
  it('answers 503 and names the source', async () => {
    const down = await startStack({
      scene7: { url: 'http://127.0.0.1:9/scene7/services/IpsApiService' },
    });
    try {
      const ready = await fetch(`${down.gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'not ready',
        sources: [{ id: 'scene7-test', ok: false }],
      });
    } finally {
      await down.close();
    }
  });
});

describe('problem+json bodies', () => {
  const validateProblem = registry.validator('problem');

  it.each([
    ['no key', '/v1/sources', null],
    ['a bad parameter', '/v1/job-logs?limit=0', API_KEY],
    ['an unknown id', '/v1/job-logs/scene7-test.bm9wZQ', API_KEY],
    [
      'an upstream rejection',
      '/v1/job-logs?source=scene7-test&assetHandle=a%7C999%7C9%7C999',
      API_KEY,
    ],
    ['an unknown path', '/v1/nothing-here', API_KEY],
  ] as const)('validate against schemas/problem.schema.json for %s', async (_case, path, key) => {
    const response = await getJson(stack, path, key);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { instance?: string };
    expect(validateProblem(body)).toBe(true);
    expect(body.instance).toBe(
      `urn:joblog-gateway:request:${response.headers.get('x-request-id')}`,
    );
  });
});

describe('GET /openapi.json and /docs', () => {
  it('serves an OpenAPI 3.1 document, without a key, whose schemas are the published ones', async () => {
    const response = await fetch(`${stack.gateway.url}/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/job-logs', '/v1/job-logs/{id}', '/v1/sources']),
    );
    const { $schema: _s, $id: _i, ...unified } = registry.schema('unified-job-log');
    expect(doc.components.schemas.UnifiedJobLog).toEqual(unified);
  });

  it('describes what GET /v1/job-logs really answers', async () => {
    const doc = (await (await fetch(`${stack.gateway.url}/openapi.json`)).json()) as object;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: 'https://openapi.test/doc' });
    const validateList = ajv.compile({
      $ref: 'https://openapi.test/doc#/components/schemas/JobLogList',
    });
    const body = await (await getJson(stack, `${assetPath}&limit=1`)).json();
    expect(validateList(body)).toBe(true);
  });

  it('serves a browsable docs page', async () => {
    const response = await fetch(`${stack.gateway.url}/docs/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('swagger-ui');
  });
});

describe('GET and HEAD /v1/job-logs: the answer on the wire', () => {
  it('is one JSON text with its exact length and media type, and HEAD has the headers only', async () => {
    const get = await getJson(stack, '/v1/job-logs?limit=3');
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await get.text();
    expect(get.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect((JSON.parse(text) as { items: unknown[] }).items).toHaveLength(3);
    const head = await fetch(`${stack.gateway.url}/v1/job-logs?limit=3`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
  });

  it('has the exact length of a long answer too (written as bytes beside the headers)', async () => {
    const get = await getJson(stack, '/v1/job-logs?limit=200');
    expect(get.status).toBe(200);
    const bytes = Buffer.from(await get.arrayBuffer());
    // Long enough for sendJson's Buffer branch (over 16 KiB of text).
    expect(bytes.length).toBeGreaterThan(16 * 1024);
    expect(get.headers.get('content-length')).toBe(String(bytes.length));
    expect(
      (JSON.parse(bytes.toString('utf8')) as { items: unknown[] }).items.length,
    ).toBeGreaterThan(0);
  });
});
