import { createSchemaRegistry } from '../../../../src/schemas/registry';
import { createBusinessCentralClient } from '../../../../src/sources/business-central/client';
import { createErrorMapper } from '../../../../src/sources/business-central/errors';
import { createHttpExecutor } from '../../../../src/sources/http';

const API = 'https://api.businesscentral.dynamics.com/v2.0/cronus.com/production/api/v2.0';
const PAGE = `${API}/companies(bb6d48b6-c7b2-4a38-9a93-ad5506407f12)/jobQueueLogEntries`;
const http = createHttpExecutor();
afterAll(() => http.close());

const client = createBusinessCentralClient(
  {
    sourceId: 'bc',
    apiBase: API,
    timeoutMs: 1000,
    maxResponseBytes: 1024,
    maxAttempts: 1,
    compression: true,
  },
  http,
  {
    token: () => Promise.reject(new Error('no network in this test')),
    invalidate: () => undefined,
  },
  createErrorMapper('bc', createSchemaRegistry()),
);

describe('BusinessCentralClient.resolveLink', () => {
  describe('when the link stays on the API origin', () => {
    it.each([
      [`${PAGE}?$skiptoken=abc`, `${PAGE}?$skiptoken=abc`],
      [
        'jobQueueLogEntries?$skiptoken=abc',
        `${API}/companies(bb6d48b6-c7b2-4a38-9a93-ad5506407f12)/jobQueueLogEntries?$skiptoken=abc`,
      ],
      [
        'https://api.businesscentral.dynamics.com/v2.0/5f0c3b8e-2d4a-4e71-9b6a-8c1d2e3f4a5b/production/api/v2.0/companies(x)/jobQueueLogEntries?$skiptoken=1',
        'https://api.businesscentral.dynamics.com/v2.0/5f0c3b8e-2d4a-4e71-9b6a-8c1d2e3f4a5b/production/api/v2.0/companies(x)/jobQueueLogEntries?$skiptoken=1',
      ],
    ])('follows %s', (link, resolved) => {
      expect(client.resolveLink(link, PAGE)).toBe(resolved);
    });
  });

  describe('when the link leaves the API (the bearer token would go with it)', () => {
    it.each([
      'https://attacker.example/v2.0/t/production/api/v2.0/companies(x)/jobQueueLogEntries',
      'http://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(x)/jobQueueLogEntries',
      'https://api.businesscentral.dynamics.com:8443/v2.0/t/production/api/v2.0/x',
      '//attacker.example/api/v2.0/x',
      '/admin/config',
      'javascript:alert(1)',
      'http://[::1',
    ])('refuses %s with GW_ERR_UPSTREAM_BAD_RESPONSE', (link) => {
      expect(() => client.resolveLink(link, PAGE)).toThrow(
        expect.objectContaining({ code: 'GW_ERR_UPSTREAM_BAD_RESPONSE', source: 'bc' }) as Error,
      );
    });
  });
});
