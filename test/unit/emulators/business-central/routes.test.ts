import { parseApiPath } from '../../../../src/emulators/business-central/routes';

const C = 'bb6d48b6-c7b2-4a38-9a93-ad5506407f12';
const E = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';

describe('parseApiPath', () => {
  describe('when the path names an API resource', () => {
    it.each([
      ['/v2.0/cronus.com/production/api/v2.0/companies', { kind: 'companies' }],
      [`/v2.0/cronus.com/production/api/v2.0/companies(${C})`, { kind: 'company', companyId: C }],
      [
        `/v2.0/t/production/api/v2.0/companies(${C.toUpperCase()})/jobQueueLogEntries`,
        { kind: 'entries', companyId: C },
      ],
      [
        `/v2.0/t/sandbox/api/v2.0/companies%28${C}%29/jobQueueLogEntries(${E})`,
        { kind: 'entry', companyId: C, entryId: E },
      ],
      [
        `/v2.0/t/production/api/v2.0/companies(${C})/jobQueueLogEntries(${E})/errorCallStack`,
        { kind: 'call-stack', companyId: C, entryId: E },
      ],
    ])('reads %s', (path, resource) => {
      expect(parseApiPath(path).resource).toEqual(resource);
    });

    it('reads the tenant and the environment, or only the environment on the common endpoint', () => {
      expect(parseApiPath('/v2.0/cronus.com/sandbox/api/v2.0/companies')).toMatchObject({
        tenant: 'cronus.com',
        environment: 'sandbox',
        prefix: '/v2.0/cronus.com/sandbox/api/v2.0',
      });
      const common = parseApiPath('/v2.0/production/api/v2.0/companies');
      expect(common).toMatchObject({
        environment: 'production',
        prefix: '/v2.0/production/api/v2.0',
      });
      expect(common.tenant).toBeUndefined();
    });
  });

  describe('when the path names nothing the API has', () => {
    it.each([
      ['/v1.0/t/production/api/v1.0/companies', 404],
      ['/v2.0/t/production/api/v2.0/items', 404],
      [`/v2.0/t/production/api/v2.0/companies(${C})/jobQueueEntries`, 404],
      [`/v2.0/t/production/api/v2.0/companies(${C})/jobQueueLogEntries(${E})/status`, 404],
      [`/v2.0/t/production/api/v2.0/companies('${C}')`, 400],
      ['/v2.0/t/production/api/v2.0/companies(1)/jobQueueLogEntries', 400],
      ['/v2.0/t/production/api/v2.0/companies(%E0%A4%A)', 400],
    ])('refuses %s with %i', (path, status) => {
      expect(() => parseApiPath(path)).toThrow(expect.objectContaining({ status }) as Error);
    });
  });
});
