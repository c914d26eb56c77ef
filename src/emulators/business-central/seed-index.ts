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

/** Indexes a seed once, at start-up. */
export function indexSeed(seed: BusinessCentralSeed): SeedIndex {
  const companies = new Map(seed.companies.map((company) => [company.id.toLowerCase(), company]));
  const lists = new Map<string, SeedLogEntry[]>();
  const byId = new Map<string, Map<string, SeedLogEntry>>();
  const entryIds = new Set<string>();
  for (const company of seed.companies) {
    const entries = [...(seed.entries.get(company.id) ?? [])];
    const key = company.id.toLowerCase();
    lists.set(key, entries);
    byId.set(key, new Map(entries.map((entry) => [entry.fields.id.toLowerCase(), entry])));
    for (const entry of entries) entryIds.add(entry.fields.id.toLowerCase());
  }
  const tenants = new Set([seed.tenant.toLowerCase(), seed.tenantDomain.toLowerCase()]);
  return {
    seed,
    company: (id) => companies.get(id.toLowerCase()),
    entries: (companyId) => lists.get(companyId.toLowerCase()) ?? [],
    entry: (companyId, entryId) => byId.get(companyId.toLowerCase())?.get(entryId.toLowerCase()),
    isTenant: (segment) => tenants.has(segment.toLowerCase()),
    hasEntryId: (entryId) => entryIds.has(entryId.toLowerCase()),
    add(companyId, entry) {
      const key = companyId.toLowerCase();
      const list = lists.get(key);
      const last = list?.at(-1)?.entryNo ?? 0;
      if (list === undefined || entry.entryNo <= last)
        throw new RangeError(`entry ${entry.entryNo} cannot follow ${last} in ${companyId}`);
      list.push(entry);
      const id = entry.fields.id.toLowerCase();
      byId.get(key)?.set(id, entry);
      entryIds.add(id);
    },
  };
}
