// Regression: every API key could read every source. A key's `sources` now scopes it: listings
// without `source` read only those, naming another source or reading another source's record is
// 403 GW_ERR_FORBIDDEN, and /v1/sources lists only the key's sources.
import { startLosantEmulator, type LosantEmulator } from '../../src/emulators/losant';
import {
  API_KEY,
  getFromGateway,
  startGatewayFor,
  type GatewayUnderTest,
} from '../helpers/gateway';
import { losantSource } from '../integration/admission/fixtures';

const SCOPED_KEY = 'scoped-api-key-0123456789';

let losant: LosantEmulator;
let subject: GatewayUnderTest;
beforeAll(async () => {
  losant = await startLosantEmulator();
  const source = (id: string) => losantSource(id, losant.url, { timeoutMs: 5000 });
  subject = await startGatewayFor([source('losant-a'), source('losant-b')], {
    auth: { apiKeys: [{ id: 'scoped', key: SCOPED_KEY, sources: ['losant-a'] }] },
  });
});
afterAll(async () => {
  await subject.gateway.close(100);
  await losant.close();
});

interface ListBody {
  items: Array<{ id: string; source: { id: string } }>;
  next?: string;
  errors: unknown[];
}

const get = (path: string, key = SCOPED_KEY): Promise<Response> =>
  getFromGateway(subject.gateway, path, key);

async function expectForbidden(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await response.json()).toMatchObject({ status: 403, code: 'GW_ERR_FORBIDDEN' });
}

describe('an API key scoped to some sources', () => {
  describe('GET /v1/sources', () => {
    it('lists only the sources of the key', async () => {
      expect(await (await get('/v1/sources')).json()).toEqual({
        items: [{ id: 'losant-a', type: 'losant' }],
      });
      const all = (await (await get('/v1/sources', API_KEY)).json()) as ListBody;
      expect(all.items.map((item) => item.id)).toEqual(['losant-a', 'losant-b']);
    });
  });

  describe('GET /v1/job-logs without source', () => {
    it('reads only the sources of the key, page after page', async () => {
      const first = await get('/v1/job-logs?limit=2');
      expect(first.status).toBe(200);
      const page = (await first.json()) as ListBody;
      expect(page.items.length).toBe(2);
      expect(page.items.every((item) => item.source.id === 'losant-a')).toBe(true);
      expect(page.next).toBeDefined();
      const second = await get(`/v1/job-logs?limit=2&cursor=${encodeURIComponent(page.next!)}`);
      expect(second.status).toBe(200);
      const next = (await second.json()) as ListBody;
      expect(next.items.every((item) => item.source.id === 'losant-a')).toBe(true);
    });
  });

  describe('GET /v1/job-logs naming a source outside the scope', () => {
    it.each(['losant-b', 'losant-a,losant-b', 'no-such-source'])(
      'is 403 for source=%s, without asking the upstream',
      async (sources) => {
        const before = losant.requests.length;
        await expectForbidden(await get(`/v1/job-logs?source=${sources}`));
        expect(losant.requests.length).toBe(before);
      },
    );
  });

  describe('GET /v1/job-logs/{id} of another source', () => {
    it('is 403, while the same id is readable by an unscoped key', async () => {
      const other = (await (
        await get('/v1/job-logs?source=losant-b&limit=1', API_KEY)
      ).json()) as ListBody;
      const id = other.items[0]!.id;
      expect(id.startsWith('losant-b.')).toBe(true);
      expect((await get(`/v1/job-logs/${encodeURIComponent(id)}`, API_KEY)).status).toBe(200);
      await expectForbidden(await get(`/v1/job-logs/${encodeURIComponent(id)}`));
      const own = id.replace(/^losant-b\./, 'losant-a.');
      expect((await get(`/v1/job-logs/${encodeURIComponent(own)}`)).status).toBe(200);
    });
  });
});
