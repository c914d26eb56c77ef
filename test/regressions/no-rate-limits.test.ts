// Regression: nothing limited how often an API key could call. Each key (or the auth.rateLimit
// default) now has `rateLimit: { requests, perSeconds }`; over it the answer is 429 problem+json
// with Retry-After and the IETF RateLimit-Policy / RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11).
import {
  API_KEY,
  getFromGateway,
  startGatewayFor,
  type GatewayUnderTest,
} from '../helpers/gateway';
import { UNREACHED_SOURCE } from '../integration/admission/fixtures';

const LIMITED_KEY = 'limited-api-key-0123456789';

let subject: GatewayUnderTest;
beforeAll(async () => {
  subject = await startGatewayFor([UNREACHED_SOURCE], {
    auth: {
      rateLimit: { requests: 5, perSeconds: 60 },
      apiKeys: [{ id: 'limited', key: LIMITED_KEY, rateLimit: { requests: 3, perSeconds: 60 } }],
    },
  });
});
afterAll(() => subject.gateway.close(100));

/** The parameters of the one item of a structured-field list like `"default";r=2;t=60`. */
function itemOf(field: string | null): { name: string; params: Record<string, number> } {
  const match = /^"([^"]+)"((?:;[a-z]+=\d+)+)$/.exec(field ?? '');
  if (match === null) throw new Error(`not a one-item list: ${field}`);
  const params = Object.fromEntries(
    match[2]!
      .slice(1)
      .split(';')
      .map((pair) => pair.split('='))
      .map(([key, value]) => [key, Number(value)]),
  );
  return { name: match[1]!, params };
}

describe('GET /v1/sources', () => {
  describe('when an API key with its own rate limit goes over it', () => {
    it('answers with the RateLimit fields while under it, then 429 problem+json with Retry-After', async () => {
      for (const remaining of [2, 1, 0]) {
        const response = await getFromGateway(subject.gateway, '/v1/sources', LIMITED_KEY);
        expect(response.status).toBe(200);
        expect(itemOf(response.headers.get('ratelimit-policy'))).toEqual({
          name: 'default',
          params: { q: 3, w: 60 },
        });
        const limit = itemOf(response.headers.get('ratelimit'));
        expect(limit.name).toBe('default');
        expect(limit.params.r).toBe(remaining);
        expect(limit.params.t).toBeGreaterThanOrEqual(1);
        expect(limit.params.t).toBeLessThanOrEqual(60);
      }
      const refused = await getFromGateway(subject.gateway, '/v1/sources', LIMITED_KEY);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(itemOf(refused.headers.get('ratelimit')).params).toEqual({ r: 0, t: retryAfter });
      expect(await refused.json()).toMatchObject({ status: 429, code: 'GW_ERR_RATE_LIMITED' });
    });
  });

  describe('when a key without its own limit calls', () => {
    it('is held to auth.rateLimit, counted apart from every other key', async () => {
      for (let i = 0; i < 5; i += 1) {
        const response = await getFromGateway(subject.gateway, '/v1/sources', API_KEY);
        expect(response.status).toBe(200);
        expect(itemOf(response.headers.get('ratelimit-policy')).params).toEqual({ q: 5, w: 60 });
      }
      expect((await getFromGateway(subject.gateway, '/v1/sources', API_KEY)).status).toBe(429);
    });
  });

  describe('when the caller is anonymous', () => {
    it('is refused 401 before any rate limit is counted', async () => {
      const response = await getFromGateway(subject.gateway, '/v1/sources', null);
      expect(response.status).toBe(401);
      expect(response.headers.get('ratelimit')).toBeNull();
    });
  });
});
