import type { SchemaRegistry } from '../../schemas/registry';
import type { LosantSource as LosantSourceConfig } from '../../schemas/types/config';
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
import { createLosantClient } from './client';
import { createLosantDecoder } from './decode';
import { jobLogToUnified } from './normalize';
import { decodeRecordKey, listParams, planList } from './query';

export type { LosantSourceConfig };

export interface LosantSourceDeps {
  readonly registry: SchemaRegistry;
  readonly http: HttpExecutor;
}

/**
 * Most pages one list follows. totalCount, an empty page or enough records end a read long
 * before; this only bounds an upstream that keeps sending pages of records the query drops.
 */
export const MAX_PAGES = 2_000;

/**
 * Builds the Losant source: reads /applications/{id}/jobLogs newest first, page by page, with
 * the time range and statuses pushed down; records are validated against Losant's published
 * schemas (schemas/losant-*.schema.json) and normalized.
 */
export function createLosantSource(
  config: LosantSourceConfig,
  deps: LosantSourceDeps,
): SourceAdapter {
  const client = createLosantClient(
    {
      sourceId: config.id,
      baseUrl: config.baseUrl,
      applicationId: config.applicationId,
      token: config.token,
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      maxAttempts: config.maxAttempts,
    },
    deps.registry,
    deps.http,
  );
  const decoder = createLosantDecoder(config.id, deps.registry, config.strict);
  const toUnified = (record: Parameters<typeof jobLogToUnified>[2]): UnifiedJobLog =>
    jobLogToUnified(config.id, config.applicationId, record);

  async function list(query: JobLogQuery, context: CallContext): Promise<SourcePage> {
    const plan = planList(query, config.perPage);
    if (!plan.canMatch) return { records: [], invalid: [], truncated: false };
    const wanted = query.limit + 1;
    const records: UnifiedJobLog[] = [];
    const invalid: InvalidRecord[] = [];
    // Losant's order among equal runQueuedAt is undocumented [I], and a job queued while we page
    // shifts later pages by one: a record seen twice is kept once.
    const seen = new Set<string>();
    let exhausted = false;
    for (let page = 0; page < MAX_PAGES && records.length < wanted; page += 1) {
      const body = await client.list(listParams(plan, page), context);
      const decoded = decoder.page(body, page, page * plan.perPage);
      invalid.push(...decoded.invalid);
      for (const record of decoded.records) {
        if (seen.has(record.id)) continue;
        seen.add(record.id);
        const unified = toUnified(record);
        if (matchesQuery(unified, query)) records.push(unified);
      }
      context.logger.debug(
        { source: config.id, page, items: decoded.itemCount, totalCount: decoded.totalCount },
        'losant page read',
      );
      // losant.md §6: stop at an empty page or once (page + 1) * perPage covers totalCount; a
      // short page ends the read when totalCount is absent (it is optional in the schema).
      const total = decoded.totalCount;
      if (
        decoded.itemCount === 0 ||
        (total !== undefined && (page + 1) * plan.perPage >= total) ||
        (total === undefined && decoded.itemCount < plan.perPage)
      ) {
        exhausted = true;
        break;
      }
    }
    return {
      records: records.slice(0, query.limit),
      invalid,
      // Stopping at MAX_PAGES leaves records unread: say so.
      truncated: records.length > query.limit || !exhausted,
    };
  }

  return {
    id: config.id,
    type: 'losant',
    list,
    async get(key, context) {
      const id = decodeRecordKey(key);
      if (id === undefined) return undefined;
      const body = await client.get(id, context);
      return body === undefined ? undefined : toUnified(decoder.record(body));
    },
    async probe(context) {
      const started = Date.now();
      try {
        // A cheap authenticated read: one record of the configured application.
        await client.list(
          listParams({ canMatch: true, filter: undefined, perPage: 1 }, 0),
          context,
        );
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
