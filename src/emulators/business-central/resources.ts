import { ODataError } from './errors';
import { COMPANY_MODEL, LOG_ENTRY_MODEL, type EntityModel, type Row } from './model';
import { BC_MAX_PAGE_SIZE, nextLinkFor, pageOf, parseMaxPageSize } from './paging';
import { parseQueryOptions } from './query-options';
import { contextUrl, renderCompany, renderLogEntry } from './render';
import { jsonReply, type Reply } from './reply';
import type { Resource } from './routes';
import type { SeedIndex } from './seed-index';
import type { SeedCompany, SeedLogEntry } from './seed-types';

/** What answering one API request needs. */
export interface ResourceContext {
  readonly index: SeedIndex;
  /** Absolute API root as the request named it. */
  readonly apiBase: string;
  /** Absolute URL of the request, the base of nextLinks. */
  readonly requestUrl: URL;
  readonly prefer: string | undefined;
  /** Server-side page cap. */
  readonly maxPageSize: number;
  readonly mediaLinks: boolean;
}

function companyOf(ctx: ResourceContext, companyId: string): SeedCompany {
  const company = ctx.index.company(companyId);
  if (company === undefined) {
    // [I] BC's code family for this case (§6 lists Internal_CompanyNotFound).
    throw new ODataError(
      404,
      'Internal_CompanyNotFound',
      `The company '${companyId}' does not exist.`,
    );
  }
  return company;
}

function entryOf(ctx: ResourceContext, companyId: string, entryId: string): SeedLogEntry {
  const entry = ctx.index.entry(companyId, entryId);
  if (entry === undefined) {
    // [I] the usual AL "does not exist" text for a missing record (§6, unverified).
    throw new ODataError(
      404,
      'Internal_RecordNotFound',
      `The Job Queue Log Entry does not exist. Identification fields and values: ID='${entryId}'`,
    );
  }
  return entry;
}

/** Answers a collection with server-driven paging: Prefer odata.maxpagesize, capped (§5, B9). */
function collection<T>(
  ctx: ResourceContext,
  items: readonly T[],
  rowOf: (item: T) => Row,
  render: (item: T, select: readonly string[] | undefined) => unknown,
  setPath: string,
  model: EntityModel,
): Reply {
  const options = parseQueryOptions(ctx.requestUrl.searchParams, model, 'collection');
  const preferred = parseMaxPageSize(ctx.prefer);
  const pageSize = Math.min(preferred ?? ctx.maxPageSize, ctx.maxPageSize, BC_MAX_PAGE_SIZE);
  const { page, count, nextOffset, lastKey } = pageOf(items, rowOf, options, pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(ctx.apiBase, setPath, options.select, false),
  };
  if (options.count) body['@odata.count'] = count;
  body.value = page.map((item) => render(item, options.select));
  if (nextOffset !== undefined)
    body['@odata.nextLink'] = nextLinkFor(ctx.requestUrl, nextOffset, lastKey);
  const headers: Record<string, string> =
    preferred === undefined ? {} : { 'Preference-Applied': `odata.maxpagesize=${pageSize}` };
  return jsonReply(200, body, headers);
}

function entity(
  ctx: ResourceContext,
  setPath: string,
  render: (select?: readonly string[]) => Record<string, unknown>,
  model: EntityModel,
): Reply {
  const { select } = parseQueryOptions(ctx.requestUrl.searchParams, model, 'entity');
  return jsonReply(200, {
    '@odata.context': contextUrl(ctx.apiBase, setPath, select, true),
    ...render(select),
  });
}

/**
 * Answers a GET on an API resource: companies, one company, a company's jobQueueLogEntries, one
 * entry, or an entry's errorCallStack stream (204 when the BLOB is empty [I]). Throws ODataError.
 */
export function answerResource(resource: Resource, ctx: ResourceContext): Reply {
  const base = { apiBase: ctx.apiBase, mediaLinks: ctx.mediaLinks };
  switch (resource.kind) {
    case 'companies':
      return collection(
        ctx,
        ctx.index.seed.companies,
        (company) => company as unknown as Row,
        (company, select) => renderCompany(company, { ...base, ...(select ? { select } : {}) }),
        'companies',
        COMPANY_MODEL,
      );
    case 'company': {
      const company = companyOf(ctx, resource.companyId);
      return entity(
        ctx,
        'companies',
        (select) => renderCompany(company, { ...base, ...(select ? { select } : {}) }),
        COMPANY_MODEL,
      );
    }
    case 'entries': {
      const company = companyOf(ctx, resource.companyId);
      return collection(
        ctx,
        ctx.index.entries(company.id),
        (entry) => entry.fields as unknown as Row,
        (entry, select) =>
          renderLogEntry(entry, company.id, { ...base, ...(select ? { select } : {}) }),
        `companies(${company.id})/jobQueueLogEntries`,
        LOG_ENTRY_MODEL,
      );
    }
    case 'entry': {
      const company = companyOf(ctx, resource.companyId);
      const entry = entryOf(ctx, company.id, resource.entryId);
      return entity(
        ctx,
        `companies(${company.id})/jobQueueLogEntries`,
        (select) => renderLogEntry(entry, company.id, { ...base, ...(select ? { select } : {}) }),
        LOG_ENTRY_MODEL,
      );
    }
    case 'call-stack': {
      const company = companyOf(ctx, resource.companyId);
      const entry = entryOf(ctx, company.id, resource.entryId);
      if (entry.errorCallStack === '') return { status: 204, headers: { 'OData-Version': '4.0' } };
      // [I] raw bytes of the BLOB; BC writes it in Windows encoding, the seed is plain ASCII.
      return {
        status: 200,
        headers: { 'Content-Type': 'application/octet-stream', 'OData-Version': '4.0' },
        body: Buffer.from(entry.errorCallStack, 'utf8'),
      };
    }
  }
}
