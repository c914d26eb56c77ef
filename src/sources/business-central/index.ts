import type { InvalidRecord } from '../../contract';
import { GatewayError } from '../../errors/gateway-error';
import type { BusinessCentralJobQueueLogEntry } from '../../schemas/types/business-central-job-queue-log-entry';
import type { BusinessCentralSource as BusinessCentralSourceConfig } from '../../schemas/types/config';
import { nextPage } from '../budget';
import { defineSource, type SourceCallContext } from '../define';
import { createTokenProvider } from '../oauth2';
import { createBusinessCentralClient, type BusinessCentralClient } from './client';
import { createBusinessCentralDecoder } from './decode';
import { createErrorMapper } from './errors';
import { statusOf, toUnifiedJobLog } from './normalize';
import { decodeRecordKey } from './key';
import { apiBaseOf, entriesUrl, entryUrl, listUrl, toODataListParams } from './query';

export type { BusinessCentralSourceConfig };

/** Default token endpoint of a tenant (Microsoft Entra ID, §7). */
export function defaultTokenUrl(tenant: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
}

/**
 * Follows @odata.nextLink from `firstUrl` until `wanted` entities are seen, pages run out or the
 * request's upstream calls are spent (`stopped`: there may be more).
 */
async function readPages(
  firstUrl: string,
  wanted: number,
  read: (url: string, seen: number) => Promise<{ size: number; nextLink?: string }>,
  client: BusinessCentralClient,
  context: SourceCallContext,
  sourceId: string,
): Promise<{ seen: number; stopped: boolean }> {
  const visited = new Set<string>();
  let url: string | undefined = firstUrl;
  let seen = 0;
  while (url !== undefined && seen < wanted) {
    visited.add(url);
    const at: string = url;
    const page = await nextPage(context, visited.size === 1, () => read(at, seen));
    if (page === undefined) return { seen, stopped: true };
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
  return { seen, stopped: false };
}

/**
 * The Business Central source: reads `jobQueueLogEntries` of the configured company over OData
 * v4 with an OAuth2 client-credentials token, filters pushed down, newest first, following
 * server-driven pages; every entity validated against
 * schemas/business-central-job-queue-log-entry.schema.json, then normalized.
 */
export const createBusinessCentralSource = defineSource(
  'business-central',
  (config: BusinessCentralSourceConfig, deps) => {
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
        compression: config.compression,
      },
      deps.http,
      tokens,
      createErrorMapper(config.id, deps.registry),
    );
    const decoder = createBusinessCentralDecoder(config.id, deps.registry, config.strict);
    const companyId = config.companyId.toLowerCase();
    const prefer = `odata.maxpagesize=${config.pageSize}`;
    const normalize = (record: BusinessCentralJobQueueLogEntry, callStack?: string) =>
      toUnifiedJobLog(companyId, record, callStack);

    return {
      async read(query, context) {
        const params = toODataListParams(query);
        const records: BusinessCentralJobQueueLogEntry[] = [];
        const invalid: InvalidRecord[] = [];
        if (params === undefined) return { records, invalid, more: false };
        // Every filter is pushed down, so entities count toward `$top` as they come.
        const { seen, stopped } = await readPages(
          listUrl(apiBase, companyId, params),
          params.top,
          async (url, firstIndex) => {
            const body = (await client.getJson(url, context, { prefer })) as Buffer;
            const page = decoder.page(body, firstIndex);
            records.push(...page.records);
            invalid.push(...page.invalid);
            return page;
          },
          client,
          context,
          config.id,
        );
        return { records, invalid, more: stopped || seen > query.limit };
      },

      normalize: (record) => normalize(record),

      async get(key, context) {
        const parsed = decodeRecordKey(key);
        // Only the configured company is served, whatever company a crafted key names.
        if (parsed === undefined || parsed.companyId !== companyId) return undefined;
        const url = entryUrl(apiBase, companyId, parsed.entryId);
        const body = await client.getJson(url, context, { notFoundIsUndefined: true });
        if (body === undefined) return undefined;
        const record = decoder.entity(body);
        if (statusOf(record.status) !== 'failed') return normalize(record);
        // The call stack is a separate stream read (§3.3): fetched for one failed record, never per list.
        const link = record['errorCallStack@odata.mediaReadLink'] ?? `${url}/errorCallStack`;
        const callStack =
          record.errorCallStack ?? (await client.getStream(client.resolveLink(link, url), context));
        return normalize(record, callStack);
      },

      async ping(context) {
        // Token, company and read permission on the log table, for one id.
        await client.getJson(`${entriesUrl(apiBase, companyId)}?$top=1&$select=id`, context);
      },
    };
  },
);
