/**
 * The Business Central emulator over real HTTP on loopback: the Entra ID token endpoint, the
 * OData v4 API (paging, query options, errors), throttling and injected faults. Expected shapes
 * follow shared/reference/business-central.md (section numbers in comments).
 */
import {
  BC_SCOPE,
  startBusinessCentralEmulator,
  type BusinessCentralEmulator,
  type SeedLogEntry,
} from '../../../src/emulators/business-central';
import { createSchemaRegistry } from '../../../src/schemas/registry';
import { defaultBusinessCentralSeed } from '../../helpers/gateway';

let time = Date.UTC(2026, 0, 15, 9, 0, 0);
let bc: BusinessCentralEmulator;
let token: string;
let company: string;
const registry = createSchemaRegistry();
const validateEntry = registry.validator('business-central-job-queue-log-entry');
const validateError = registry.validator('business-central-error');

interface Collection {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
  value: Array<Record<string, unknown>>;
}

async function requestToken(
  fields: Record<string, string> = {},
  tenant = bc.tenant,
  contentType = 'application/x-www-form-urlencoded',
): Promise<Response> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'gateway-client',
    client_secret: 'gateway-secret',
    scope: BC_SCOPE,
    ...fields,
  });
  return fetch(`${bc.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: form.toString(),
  });
}

async function newToken(
  clientId = 'gateway-client',
  clientSecret = 'gateway-secret',
): Promise<string> {
  const response = await requestToken({ client_id: clientId, client_secret: clientSecret });
  return ((await response.json()) as { access_token: string }).access_token;
}

function get(
  path: string,
  headers: Record<string, string> = {},
  bearer: string | null = token,
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${bc.apiUrl}${path}`;
  return fetch(url, {
    headers: { ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }), ...headers },
  });
}

const entries = (): string => `/companies(${company})/jobQueueLogEntries`;
const seedOf = (): readonly SeedLogEntry[] => bc.seed.entries.get(company) ?? [];

beforeAll(async () => {
  bc = await startBusinessCentralEmulator({
    seed: defaultBusinessCentralSeed(),
    tokenTtlSeconds: 600,
    now: () => time,
  });
  company = bc.companies[0]!.id;
  token = await newToken();
});
afterAll(() => bc.close());
afterEach(() => {
  bc.clearFaults();
  bc.setRateLimit(undefined);
});

describe('POST /{tenant}/oauth2/v2.0/token', () => {
  describe('when the client credentials are right', () => {
    it('issues a bearer token with expires_in', async () => {
      const response = await requestToken();
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('no-store');
      expect(await response.json()).toEqual({
        token_type: 'Bearer',
        expires_in: 600,
        ext_expires_in: 600,
        access_token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/) as string,
      });
    });

    it('accepts the tenant domain name as well as its id', async () => {
      expect((await requestToken({}, 'cronus-demo.example')).status).toBe(200);
    });
  });

  describe('when the request is refused', () => {
    it.each([
      [
        'a wrong secret',
        { client_secret: 'nope' },
        undefined,
        undefined,
        401,
        'invalid_client',
        7000215,
      ],
      [
        'an unknown client',
        { client_id: 'stranger' },
        undefined,
        undefined,
        400,
        'unauthorized_client',
        700016,
      ],
      [
        'another grant',
        { grant_type: 'password' },
        undefined,
        undefined,
        400,
        'unsupported_grant_type',
        70003,
      ],
      [
        'another scope',
        { scope: 'https://graph.microsoft.com/.default' },
        undefined,
        undefined,
        400,
        'invalid_scope',
        70011,
      ],
      ['an unknown tenant', {}, 'contoso.example', undefined, 400, 'invalid_request', 90002],
      ['a JSON body', {}, undefined, 'application/json', 400, 'invalid_request', 900144],
    ])(
      'answers %s with Entra ID error JSON',
      async (_case, fields, tenant, type, status, error, aadsts) => {
        const response = await requestToken(fields, tenant, type);
        expect(response.status).toBe(status);
        const body = (await response.json()) as {
          error: string;
          error_description: string;
          error_codes: number[];
        };
        expect(body).toMatchObject({ error, error_codes: [aadsts] });
        expect(body.error_description).toMatch(new RegExp(`^AADSTS${aadsts}: `));
      },
    );
  });
});

describe('GET .../companies', () => {
  describe('when authenticated', () => {
    it('lists the seeded companies with @odata.context and etags', async () => {
      const response = await get('/companies');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/json; odata\.metadata=minimal/,
      );
      expect(response.headers.get('odata-version')).toBe('4.0');
      const body = (await response.json()) as Collection;
      expect(body['@odata.context']).toBe(`${bc.apiUrl}/$metadata#companies`);
      expect(body.value.map((c) => c.name)).toEqual(bc.companies.map((c) => c.name));
      expect(body.value[0]!['@odata.etag']).toMatch(/^W\/"[A-Za-z0-9+/=]+"$/);
    });

    it('honours $select, $filter and $top, and reads one company by key', async () => {
      const body = (await (
        await get("/companies?$select=id,name&$filter=name eq 'My Company'")
      ).json()) as Collection;
      expect(body['@odata.context']).toBe(`${bc.apiUrl}/$metadata#companies(id,name)`);
      expect(body.value).toEqual([
        {
          '@odata.etag': expect.any(String) as string,
          id: bc.companies[3]!.id,
          name: 'My Company',
        },
      ]);
      const one = (await (await get(`/companies(${company})`)).json()) as Record<string, unknown>;
      expect(one).toMatchObject({
        '@odata.context': `${bc.apiUrl}/$metadata#companies/$entity`,
        id: company,
      });
    });

    it('answers on the common endpoint too (tenant from the token)', async () => {
      const response = await get(`${bc.url}/v2.0/production/api/v2.0/companies?$top=1`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as Collection).value).toHaveLength(1);
    });
  });
});

describe('GET .../jobQueueLogEntries', () => {
  describe('when the client asks a page size with Prefer', () => {
    it('pages with @odata.nextLink, Preference-Applied, and serves every entry once in key order', async () => {
      const seen: string[] = [];
      let url: string | undefined = entries();
      let pages = 0;
      while (url !== undefined) {
        const response = await get(url, { prefer: 'odata.maxpagesize=500' });
        expect(response.headers.get('preference-applied')).toBe('odata.maxpagesize=500');
        const body = (await response.json()) as Collection;
        expect(body.value.length).toBeLessThanOrEqual(500);
        for (const entity of body.value) expect(validateEntry(entity)).toBe(true);
        seen.push(...body.value.map((entity) => String(entity.id)));
        url = body['@odata.nextLink'];
        pages += 1;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(seedOf().map((entry) => entry.fields.id));
    });
  });

  describe('when the server caps the page', () => {
    it('pages without Prefer at maxPageSize and caps a larger preference', async () => {
      const capped = await startBusinessCentralEmulator({
        seed: defaultBusinessCentralSeed(),
        maxPageSize: 1000,
      });
      try {
        const bearer = await (async () => {
          const response = await fetch(capped.tokenUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `grant_type=client_credentials&client_id=gateway-client&client_secret=gateway-secret&scope=${encodeURIComponent(BC_SCOPE)}`,
          });
          return ((await response.json()) as { access_token: string }).access_token;
        })();
        const url = `${capped.apiUrl}/companies(${company})/jobQueueLogEntries`;
        const plain = await get(url, {}, bearer);
        expect(plain.headers.get('preference-applied')).toBeNull();
        const body = (await plain.json()) as Collection;
        expect(body.value).toHaveLength(1000);
        expect(body['@odata.nextLink']).toContain('$skiptoken=');
        const asked = await get(url, { prefer: 'odata.maxpagesize=5000' }, bearer);
        expect(asked.headers.get('preference-applied')).toBe('odata.maxpagesize=1000');
      } finally {
        await capped.close();
      }
    });
  });

  describe('when given query options', () => {
    it('filters, orders, skips and counts like the seed says', async () => {
      const filter =
        "status eq 'Error' and startDateTime ge 2025-03-01T00:00:00Z and startDateTime lt 2025-05-01T00:00:00Z";
      const response = await get(
        `${entries()}?$filter=${encodeURIComponent(filter)}&$orderby=startDateTime desc&$skip=2&$top=5&$count=true`,
      );
      const body = (await response.json()) as Collection;
      const expected = seedOf()
        .filter(
          ({ fields }) =>
            fields.status === 'Error' &&
            fields.startDateTime >= '2025-03-01' &&
            fields.startDateTime < '2025-05-01',
        )
        .reverse();
      expect(body['@odata.count']).toBe(expected.length);
      expect(body.value.map((entity) => entity.id)).toEqual(
        expected.slice(2, 7).map((entry) => entry.fields.id),
      );
      expect(body['@odata.nextLink']).toBeUndefined();
    });

    it('answers $select with only those properties and a projected context', async () => {
      const body = (await (
        await get(`${entries()}?$select=id,status&$top=2`)
      ).json()) as Collection;
      expect(body['@odata.context']).toBe(
        `${bc.apiUrl}/$metadata#companies(${company})/jobQueueLogEntries(id,status)`,
      );
      expect(Object.keys(body.value[0]!)).toEqual(['@odata.etag', 'id', 'status']);
    });

    it('links the errorCallStack stream instead of inlining it', async () => {
      const body = (await (await get(`${entries()}?$top=1`)).json()) as Collection;
      const entity = body.value[0]!;
      expect(entity.errorCallStack).toBeUndefined();
      expect(entity['errorCallStack@odata.mediaReadLink']).toBe(
        `${bc.apiUrl}/companies(${company})/jobQueueLogEntries(${String(entity.id)})/errorCallStack`,
      );
    });

    it.each([
      ["$filter=status eq 'In Process'", 'not a valid enumerated type constant'],
      ['$filter=status eq', "Syntax error at position 9 in 'status eq'."],
      ["$filter=startDateTime ge '2025-01-01'", 'incompatible types'],
      ['$orderby=nope', "Could not find a property named 'nope'"],
      ['$top=-3', "Invalid value '-3' for $top"],
      ['$skiptoken=forged', "The skip token value 'forged' is invalid."],
    ])('refuses %p with 400 and the BC error body', async (query, message) => {
      const response = await get(`${entries()}?${query}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(validateError(body)).toBe(true);
      expect(body.error.code).toBe('BadRequest');
      expect(body.error.message).toContain(message);
      expect(body.error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
    });
  });
});

describe('GET .../jobQueueLogEntries({id})', () => {
  const failed = (): SeedLogEntry => seedOf().find((entry) => entry.fields.status === 'Error')!;

  describe('when the entry exists', () => {
    it('answers the entity with its /$entity context', async () => {
      const entry = failed();
      const body = (await (
        await get(`${entries()}(${entry.fields.id.toUpperCase()})`)
      ).json()) as Record<string, unknown>;
      expect(body['@odata.context']).toBe(
        `${bc.apiUrl}/$metadata#companies(${company})/jobQueueLogEntries/$entity`,
      );
      expect(body).toMatchObject(entry.fields);
      expect(validateEntry(body)).toBe(true);
    });

    it('serves its errorCallStack as bytes, and 204 when it is empty', async () => {
      const response = await get(`${entries()}(${failed().fields.id})/errorCallStack`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(await response.text()).toBe(failed().errorCallStack);
      const ok = seedOf().find((entry) => entry.fields.status === 'Success')!;
      expect((await get(`${entries()}(${ok.fields.id})/errorCallStack`)).status).toBe(204);
    });
  });

  describe('when nothing is there', () => {
    it.each([
      [
        'an unknown entry',
        () => `${entries()}(00000000-0000-4000-8000-000000000000)`,
        404,
        'Internal_RecordNotFound',
      ],
      [
        'an unknown company',
        () => '/companies(00000000-0000-4000-8000-000000000000)/jobQueueLogEntries',
        404,
        'Internal_CompanyNotFound',
      ],
      [
        'an entity set it does not serve',
        () => `/companies(${company})/jobQueueEntries`,
        404,
        'BadRequest_ResourceNotFound',
      ],
      ['a key that is not a GUID', () => `${entries()}(42)`, 400, 'BadRequest_NotFound'],
      [
        'another environment',
        () => `${bc.url}/v2.0/${bc.tenant}/sandbox/api/v2.0/companies`,
        404,
        'BadRequest_ResourceNotFound',
      ],
    ])('answers %s with %i %s', async (_case, path, status, code) => {
      const response = await get(path());
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    });
  });

  describe('when written to', () => {
    it('answers 405 BadRequest_MethodNotAllowed (the page is read-only)', async () => {
      const response = await fetch(`${bc.apiUrl}${entries()}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(405);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'BadRequest_MethodNotAllowed',
      );
    });
  });
});

describe('authentication of API requests', () => {
  describe('when the bearer token is missing, unknown or expired', () => {
    it('answers 401 Authentication_InvalidCredentials in each case', async () => {
      const expiring = await newToken();
      for (const bearer of [null, 'made-up-token']) {
        const response = await get('/companies', {}, bearer);
        expect(response.status).toBe(401);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
          'Authentication_InvalidCredentials',
        );
      }
      expect((await get('/companies', {}, expiring)).status).toBe(200);
      time += 600_000; // tokenTtlSeconds
      const expired = await get('/companies', {}, expiring);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { message: string } }).error.message).toContain(
        'expired',
      );
      token = await newToken();
    });

    it('expires every token on expireTokens()', async () => {
      const before = await newToken();
      bc.expireTokens();
      expect((await get('/companies', {}, before)).status).toBe(401);
      token = await newToken();
      expect((await get('/companies')).status).toBe(200);
    });
  });

  describe('when requests are recorded', () => {
    it('names the client and the token serial of each', async () => {
      bc.clearRequests();
      await get(`${entries()}?$top=1`, { prefer: 'odata.maxpagesize=10' });
      expect(bc.requests).toEqual([
        {
          endpoint: 'api',
          method: 'GET',
          path: `/v2.0/${bc.tenant}/production/api/v2.0${entries()}`,
          query: { $top: '1' },
          prefer: 'odata.maxpagesize=10',
          tokenClientId: 'gateway-client',
          tokenSerial: expect.any(Number) as number,
          status: 200,
        },
      ]);
    });
  });
});

describe('throttling', () => {
  describe('when a client goes beyond its rate', () => {
    it('answers 429 with Retry-After, per client, until the bucket refills', async () => {
      bc.setRateLimit({ capacity: 2, refillPerSecond: 0.25 });
      const other = await newToken('second-client', 'second-secret');
      expect((await get('/companies')).status).toBe(200);
      expect((await get('/companies')).status).toBe(200);
      const throttled = await get('/companies');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('4');
      expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe(
        'TooManyRequests',
      );
      expect((await get('/companies', {}, other)).status).toBe(200);
      time += 4_000;
      expect((await get('/companies')).status).toBe(200);
    });
  });
});

describe('injected faults', () => {
  describe('when a fault is queued', () => {
    it('answers http-error with a BC error body by default, then normally again', async () => {
      bc.inject({ kind: 'http-error', status: 503, headers: { 'Retry-After': '3' } });
      const failed = await get('/companies');
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('3');
      expect(validateError(await failed.json())).toBe(true);
      expect((await get('/companies')).status).toBe(200);
    });

    it('serves an entity that breaks the schema on invalid-record', async () => {
      bc.inject({ kind: 'invalid-record', index: 1 });
      const body = (await (await get(`${entries()}?$top=3`)).json()) as Collection;
      expect(body.value.map((entity) => validateEntry(entity))).toEqual([true, false, true]);
      expect(body.value[1]!.status).toBe('Finished');
    });

    it('sends a truncated body on malformed', async () => {
      bc.inject({ kind: 'malformed' });
      const response = await get(entries());
      expect(response.status).toBe(200);
      await expect(response.json()).rejects.toThrow();
    });

    it('resets the connection on reset', async () => {
      bc.inject({ kind: 'reset' });
      await expect(get('/companies')).rejects.toThrow();
    });

    it('answers late on delay and never on hang', async () => {
      bc.inject({ kind: 'delay', ms: 50 });
      const started = Date.now();
      expect((await get('/companies')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      bc.inject({ kind: 'hang' });
      await expect(
        fetch(`${bc.apiUrl}/companies`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(100),
        }),
      ).rejects.toThrow();
    });

    it('lets pass aim expire-tokens at a later request', async () => {
      bc.inject({ kind: 'pass' });
      bc.inject({ kind: 'expire-tokens' });
      expect((await get('/companies')).status).toBe(200);
      expect((await get('/companies')).status).toBe(401);
      token = await newToken();
    });

    it.each([
      [{ kind: 'http-error' as const, status: 42 }],
      [{ kind: 'delay' as const, ms: -1 }],
      [{ kind: 'invalid-record' as const, index: -1 }],
    ])('refuses a bad fault %j', (fault) => {
      expect(() => bc.inject(fault)).toThrow(RangeError);
    });
  });
});
