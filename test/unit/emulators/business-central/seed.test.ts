import { createBusinessCentralSeed } from '../../../../src/emulators/business-central';
import { createSchemaRegistry } from '../../../../src/schemas/registry';

const seed = createBusinessCentralSeed();
const validate = createSchemaRegistry().validator('business-central-job-queue-log-entry');
const all = [...seed.entries.values()].flat();

describe('createBusinessCentralSeed', () => {
  describe('when built with the defaults', () => {
    it('is the same on every run', () => {
      const again = createBusinessCentralSeed();
      expect(again.companies).toEqual(seed.companies);
      expect([...again.entries.values()].flat()).toEqual(all);
    });

    it('has four companies, one with 2,400 entries and one without any', () => {
      expect(seed.companies.map((company) => seed.entries.get(company.id)?.length)).toEqual([
        2400, 650, 180, 0,
      ]);
      expect(new Set(all.map((entry) => entry.fields.id)).size).toBe(all.length);
    });

    it('makes every entry valid against the native schema', () => {
      for (const entry of all) expect(validate(entry.fields)).toBe(true);
    });

    it('mixes statuses, with blank end dates on running entries and call stacks on failures', () => {
      const by = (status: string) => all.filter((entry) => entry.fields.status === status);
      expect(by('Success').length).toBeGreaterThan(2000);
      expect(by('Error').length).toBeGreaterThan(200);
      expect(by('In_x0020_Process').length).toBeGreaterThanOrEqual(9);
      for (const entry of by('In_x0020_Process')) {
        expect(entry.fields.endDateTime).toBe('0001-01-01T00:00:00Z');
        expect(entry.errorCallStack).toBe('');
      }
      for (const entry of by('Error')) {
        expect(entry.fields.errorMessage).not.toBe('');
        expect(entry.errorCallStack).toContain('(CodeUnit 448)');
      }
    });

    it('keeps Entry No. order in time order, dates in BC form', () => {
      const company = seed.entries.get(seed.companies[0]!.id)!;
      for (let i = 1; i < company.length; i += 1) {
        expect(company[i]!.fields.startDateTime > company[i - 1]!.fields.startDateTime).toBe(true);
      }
      expect(all.some((entry) => /:\d\dZ$/.test(entry.fields.startDateTime))).toBe(true);
      expect(all.every((entry) => !entry.fields.startDateTime.endsWith('.000Z'))).toBe(true);
    });
  });

  describe('when given other companies and another seed', () => {
    it('builds them and differs', () => {
      const other = createBusinessCentralSeed({
        seed: 7,
        companies: [{ name: 'Fabrikam', entries: 5 }],
      });
      expect(other.companies.map((company) => company.name)).toEqual(['Fabrikam']);
      expect(other.companies[0]!.id).not.toBe(seed.companies[0]!.id);
    });
  });
});
