import { GatewayError } from '../../errors/gateway-error';
import type { SchemaRegistry } from '../../schemas/registry';
import type { BusinessCentralSource as BusinessCentralSourceConfig } from '../../schemas/types/config';
import { matchesQuery } from '../filter';
import type { HttpExecutor } from '../http';
import type {
  CallContext,
  InvalidRecord,
  JobLogQuery,
  SourceAdapter,
  SourcePage,
  UnifiedJobLog,
} from '../../contract';
import { createTokenProvider } from './auth';
import { createBusinessCentralClient, type BusinessCentralClient } from './client';
import { createBusinessCentralDecoder } from './decode';
import { createErrorMapper } from './errors';
import { decodeRecordKey } from './key';
import { statusOf, toUnifiedJobLog } from './normalize';
import { apiBaseOf, entriesUrl, entryUrl, listUrl, toODataListParams } from './query';

export type { BusinessCentralSourceConfig };

/** What the adapter is built with (createSources passes registry and http). */
export interface BusinessCentralSourceDeps {
  readonly registry: SchemaRegistry;
  readonly http: HttpExecutor;
  /** Clock of the token cache (epoch ms); default Date.now. */
  readonly now?: () => number;
}

/** Default token endpoint of a tenant (Microsoft Entra ID, §7). */
export function defaultTokenUrl(tenant: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
}

/** Follows @odata.nextLink from `firstUrl` until `wanted` entities are seen or pages run out. */
async function readPages(
  firstUrl: string,
  wanted: number,
  read: (url: string, seen: number) => Promise<{ size: number; nextLink?: string }>,
  client: BusinessCentralClient,
  sourceId: string,
): Promise<number> {
  const visited = new Set<string>();
  let url: string | undefined = firstUrl;
  let seen = 0;
  while (url !== undefined && seen < wanted) {
    visited.add(url);
    const page = await read(url, seen);
    seen += page.size;
    const next: string | undefined =
      page.nextLink === undefined ? undefined : client.resolveLink(page.nextLink, url);
    // An empty page that links on, or a link back to a page already read, would never end.
    if (next !== undefined && (page.size === 0 || visited.has(next))) {
      throw new GatewayError(
        'GW_ERR_UPSTREAM_BAD_RESPONSE',
        `${sourceId} sent a paging link that does not advance.`,
        { source: sourceId },
      );
    }
    url = next;
  }
  return seen;
}

/**
 * Builds the Business Central source: reads `jobQueueLogEntries` of the configured company over
 * OData v4 with an OAuth2 client-credentials token, filters pushed down, newest first, following
 * server-driven pages; every entity validated against
 * schemas/business-central-job-queue-log-entry.schema.json, then normalized.
 */
export function createBusinessCentralSource(
  config: BusinessCentralSourceConfig,
  deps: BusinessCentralSourceDeps,
): SourceAdapter {
  const apiBase = apiBaseOf(config);
  const tokens = createTokenProvider(
    {
      sourceId: config.id,
      tokenUrl: config.auth.tokenUrl ?? defaultTokenUrl(config.tenant),
      clientId: config.auth.clientId,
      clientSecret: config.auth.clientSecret,
      scope: config.auth.scope,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      ...(deps.now === undefined ? {} : { now: deps.now }),
    },
    deps.http,
  );
  const client = createBusinessCentralClient(
    {
      sourceId: config.id,
      apiBase,
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      maxAttempts: config.maxAttempts,
    },
    deps.http,
    tokens,
    createErrorMapper(config.id, deps.registry),
  );
  const decoder = createBusinessCentralDecoder(config.id, deps.registry, config.strict);
  const companyId = config.companyId.toLowerCase();
  const prefer = `odata.maxpagesize=${config.pageSize}`;

  async function list(query: JobLogQuery, context: CallContext): Promise<SourcePage> {
    const params = toODataListParams(query);
    if (params === undefined) return { records: [], invalid: [], truncated: false };
    const records: UnifiedJobLog[] = [];
    const invalid: InvalidRecord[] = [];
    const seen = await readPages(
      listUrl(apiBase, companyId, params),
      params.top,
      async (url, firstIndex) => {
        const body = (await client.getJson(url, context, { prefer })) as Buffer;
        const page = decoder.page(body, firstIndex);
        for (const record of page.records)
          records.push(toUnifiedJobLog(config.id, companyId, record));
        invalid.push(...page.invalid);
        return page;
      },
      client,
      config.id,
    );
    const kept = records.filter((record) => matchesQuery(record, query));
    return {
      records: kept.slice(0, query.limit),
      invalid,
      truncated: seen > query.limit || kept.length > query.limit,
    };
  }

  return {
    id: config.id,
    type: 'business-central',
    list,

    async get(key, context) {
      const parsed = decodeRecordKey(key);
      // Only the configured company is served, whatever company a crafted key names.
      if (parsed === undefined || parsed.companyId !== companyId) return undefined;
      const url = entryUrl(apiBase, companyId, parsed.entryId);
      const body = await client.getJson(url, context, { notFoundIsUndefined: true });
      if (body === undefined) return undefined;
      const record = decoder.entity(body);
      if (statusOf(record.status) !== 'failed')
        return toUnifiedJobLog(config.id, companyId, record);
      // The call stack is a separate stream read (§3.3): fetched for one failed record, never per list.
      const link = record['errorCallStack@odata.mediaReadLink'] ?? `${url}/errorCallStack`;
      const callStack =
        record.errorCallStack ?? (await client.getStream(client.resolveLink(link, url), context));
      return toUnifiedJobLog(config.id, companyId, record, callStack);
    },

    async probe(context) {
      const started = Date.now();
      try {
        // Token, company and read permission on the log table, for one id.
        await client.getJson(`${entriesUrl(apiBase, companyId)}?$top=1&$select=id`, context);
        return { ok: true, latencyMs: Date.now() - started };
      } catch (error) {
        return {
          ok: false,
          latencyMs: Date.now() - started,
          detail: error instanceof Error ? error.message : 'unreachable',
        };
      }
    },
  };
}
