import pino from 'pino';
import { buildConfig } from '../../src/config/load';
import { demoBanner, startDemo, type Demo } from '../../src/demo/start';
import { createSchemaRegistry } from '../../src/schemas/registry';
import { startGateway, type RunningGateway } from '../../src/server/gateway';

const KEY = 'demo-key-0123456789';
const validateUnified = createSchemaRegistry().validator('unified-job-log');
let demo: Demo;
let gateway: RunningGateway;

beforeAll(async () => {
  // The same wiring `npm start` uses without GATEWAY_CONFIG, on an ephemeral port.
  demo = await startDemo(
    { DEMO_API_KEY: KEY, DEMO_SOAP_PASSWORD: 'demo-soap-password' },
    pino({ level: 'silent' }),
  );
  const config = buildConfig({
    ...demo.config,
    server: { host: '127.0.0.1', port: 0, logLevel: 'silent', requestTimeoutMs: 5000 },
  });
  gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  // Guarded: if beforeAll failed half-way, what did start must still close, or jest never exits.
  await (gateway as RunningGateway | undefined)?.close(100);
  await (demo as Demo | undefined)?.close();
});
afterEach(() => demo.emulators.losant.clearFaults());

interface ListBody {
  items: Array<{ id: string; source: { id: string }; time: string | null }>;
  errors: Array<{ source: string; code: string; status: number }>;
  truncated: boolean;
}

async function list(path: string): Promise<{ status: number; body: ListBody }> {
  const response = await fetch(`${gateway.url}${path}`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  return { status: response.status, body: (await response.json()) as ListBody };
}

describe('demo mode', () => {
  it('serves the three demo sources', async () => {
    const response = await fetch(`${gateway.url}/v1/sources`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(await response.json()).toEqual({
      items: [
        { id: 'scene7-demo', type: 'scene7' },
        { id: 'bc-demo', type: 'business-central' },
        { id: 'losant-demo', type: 'losant' },
      ],
    });
  });

  it('prints curl commands that work as printed', async () => {
    const banner = demoBanner(gateway.url, demo);
    const urls = [...banner.matchAll(/curl -H 'Authorization: Bearer ([^']+)' '([^']+)'/g)];
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const [, key, url] of urls) {
      const response = await fetch(url!, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
    }
  });
});

describe('GET /v1/job-logs across every source', () => {
  it('merges all sources newest first, every record valid', async () => {
    const { status, body } = await list('/v1/job-logs?limit=1000&since=2025-01-01T00:00:00Z');
    expect(status).toBe(200);
    expect(new Set(body.items.map((item) => item.source.id))).toEqual(
      new Set(['scene7-demo', 'bc-demo', 'losant-demo']),
    );
    const times = body.items.map((item) => item.time ?? '');
    expect([...times].sort().reverse()).toEqual(times);
    expect(body.items.every((item) => validateUnified(item))).toBe(true);
    expect(new Set(body.items.map((item) => item.id)).size).toBe(body.items.length);
  });

  it('pages through every source with next cursors: nothing lost, nothing repeated', async () => {
    const window = 'since=2025-09-01T00:00:00Z&until=2026-04-01T00:00:00Z';
    const whole = await list(`/v1/job-logs?${window}&limit=1000`);
    expect(whole.body.truncated).toBe(false);
    expect(whole.body.items.length).toBeGreaterThan(60);
    const seen: string[] = [];
    let path: string | undefined = `/v1/job-logs?${window}&limit=25`;
    for (let page = 0; path !== undefined && page < 100; page += 1) {
      const response = await fetch(`${gateway.url}${path}`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      const body = (await response.json()) as ListBody & { next?: string };
      seen.push(...body.items.map((item) => item.id));
      const link = response.headers.get('link');
      expect(link === null).toBe(body.next === undefined);
      path = link === null ? undefined : /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    }
    expect(seen).toEqual(whole.body.items.map((item) => item.id));
  });

  it('refuses a cursor made for other filters', async () => {
    const first = await fetch(`${gateway.url}/v1/job-logs?limit=5`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const { next } = (await first.json()) as { next: string };
    const { status, body } = await list(`/v1/job-logs?limit=6&cursor=${next}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'GW_ERR_INVALID_PARAMETER', parameter: 'cursor' });
  });

  it('answers an asset query from Scene7 only', async () => {
    const { body } = await list('/v1/job-logs?assetHandle=a%7C732%7C1%7C535');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((item) => item.source.id === 'scene7-demo')).toBe(true);
    expect(body.errors).toEqual([]);
  });

  describe('when one source fails', () => {
    it('returns the others and lists the failed source under errors', async () => {
      demo.emulators.losant.inject(
        { kind: 'http-error', status: 500, body: '{"type":"Error","message":"boom"}' },
        10,
      );
      const { status, body } = await list('/v1/job-logs?limit=200&since=2025-01-01T00:00:00Z');
      expect(status).toBe(200);
      expect(body.items.some((item) => item.source.id === 'losant-demo')).toBe(false);
      expect(new Set(body.items.map((item) => item.source.id))).toEqual(
        new Set(['scene7-demo', 'bc-demo']),
      );
      expect(body.errors).toEqual([
        expect.objectContaining({
          source: 'losant-demo',
          code: 'GW_ERR_UPSTREAM_FAULT',
          status: 502,
        }),
      ]);
    });
  });
});
