import type { BusinessCentralSeed, SeedCompany, SeedLogEntry } from './seed-types';

/** The seed with lookups by key; GUID keys are lower case (BC matches them case-insensitively). */
export interface SeedIndex {
  readonly seed: BusinessCentralSeed;
  company(id: string): SeedCompany | undefined;
  /** Entries of a company in Entry No. order ([] for an unknown company). */
  entries(companyId: string): readonly SeedLogEntry[];
  entry(companyId: string, entryId: string): SeedLogEntry | undefined;
  /** True when `segment` names the seeded tenant (its GUID or its domain name). */
  isTenant(segment: string): boolean;
}

/** Indexes a seed once, at start-up. */
export function indexSeed(seed: BusinessCentralSeed): SeedIndex {
  const companies = new Map(seed.companies.map((company) => [company.id.toLowerCase(), company]));
  const byId = new Map<string, Map<string, SeedLogEntry>>();
  for (const [companyId, entries] of seed.entries) {
    byId.set(
      companyId.toLowerCase(),
      new Map(entries.map((entry) => [entry.fields.id.toLowerCase(), entry])),
    );
  }
  const tenants = new Set([seed.tenant.toLowerCase(), seed.tenantDomain.toLowerCase()]);
  return {
    seed,
    company: (id) => companies.get(id.toLowerCase()),
    entries: (companyId) => {
      const company = companies.get(companyId.toLowerCase());
      return company === undefined ? [] : (seed.entries.get(company.id) ?? []);
    },
    entry: (companyId, entryId) => byId.get(companyId.toLowerCase())?.get(entryId.toLowerCase()),
    isTenant: (segment) => tenants.has(segment.toLowerCase()),
  };
}
