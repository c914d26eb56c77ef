import type { BusinessCentralSeed, SeedCompany, SeedLogEntry } from './seed-types';

/**
 * The served data with lookups by key; GUID keys are lower case (BC matches them
 * case-insensitively). It starts as a copy of the seed (which is never changed) and grows by
 * `add`, which keeps every lookup in step.
 */
export interface SeedIndex {
  readonly seed: BusinessCentralSeed;
  company(id: string): SeedCompany | undefined;
  /** Entries of a company in Entry No. order ([] for an unknown company). */
  entries(companyId: string): readonly SeedLogEntry[];
  entry(companyId: string, entryId: string): SeedLogEntry | undefined;
  /** True when `segment` names the seeded tenant (its GUID or its domain name). */
  isTenant(segment: string): boolean;
  /** True when any company has an entry with this id (SystemId). */
  hasEntryId(entryId: string): boolean;
  /** Adds an entry to a known company; its Entry No. must follow the company's last one. */
  add(companyId: string, entry: SeedLogEntry): void;
}

/** One company's entries: in Entry No. order, and by id (lower case). */
interface CompanyEntries {
  readonly list: SeedLogEntry[];
  readonly byId: Map<string, SeedLogEntry>;
}

/** Indexes a seed once, at start-up. */
export function indexSeed(seed: BusinessCentralSeed): SeedIndex {
  const companies = new Map(seed.companies.map((company) => [company.id.toLowerCase(), company]));
  const served = new Map<string, CompanyEntries>();
  for (const company of seed.companies) {
    const list = [...(seed.entries.get(company.id) ?? [])];
    const byId = new Map(list.map((entry) => [entry.fields.id.toLowerCase(), entry]));
    served.set(company.id.toLowerCase(), { list, byId });
  }
  const tenants = new Set([seed.tenant.toLowerCase(), seed.tenantDomain.toLowerCase()]);
  return {
    seed,
    company: (id) => companies.get(id.toLowerCase()),
    entries: (companyId) => served.get(companyId.toLowerCase())?.list ?? [],
    entry: (companyId, entryId) =>
      served.get(companyId.toLowerCase())?.byId.get(entryId.toLowerCase()),
    isTenant: (segment) => tenants.has(segment.toLowerCase()),
    hasEntryId: (entryId) => {
      const id = entryId.toLowerCase();
      return [...served.values()].some(({ byId }) => byId.has(id));
    },
    add(companyId, entry) {
      const company = served.get(companyId.toLowerCase());
      const last = company?.list.at(-1)?.entryNo ?? 0;
      if (company === undefined || entry.entryNo <= last)
        throw new RangeError(`entry ${entry.entryNo} cannot follow ${last} in ${companyId}`);
      company.list.push(entry);
      company.byId.set(entry.fields.id.toLowerCase(), entry);
    },
  };
}
