import type { InvalidRecord } from '../../contract';
import type { LosantSource as LosantSourceConfig } from '../../schemas/types/config';
import { nextPage } from '../budget';
import { defineSource } from '../define';
import { createLosantClient } from './client';
import { createLosantDecoder } from './decode';
import { decodeRecordKey } from './key';
import { jobLogToUnified, type LosantRecord } from './normalize';
import { listParams, planList } from './query';

export type { LosantSourceConfig };

/**
 * Most pages one list follows. totalCount, an empty page or enough records end a read long
 * before; this only bounds an upstream that keeps sending pages of records the query drops.
 */
export const MAX_PAGES = 2_000;

/**
 * The Losant source: reads /applications/{id}/jobLogs newest first, page by page, with the time
 * range and statuses pushed down; records are validated against Losant's published schemas
 * (schemas/losant-*.schema.json) and normalized.
 */
export const createLosantSource = defineSource('losant', (config: LosantSourceConfig, deps) => {
  const client = createLosantClient(
    {
      sourceId: config.id,
      baseUrl: config.baseUrl,
      applicationId: config.applicationId,
      token: config.token,
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      maxAttempts: config.maxAttempts,
      compression: config.compression,
    },
    deps.registry,
    deps.http,
  );
  const decoder = createLosantDecoder(config.id, deps.registry, config.strict);
  const normalize = (record: LosantRecord) => jobLogToUnified(config.applicationId, record);

  return {
    async read(query, context, accepts) {
      const plan = planList(query, config.perPage);
      const records: LosantRecord[] = [];
      const invalid: InvalidRecord[] = [];
      if (!plan.canMatch) return { records, invalid, more: false };
      // Time and status are pushed down, free text is not (planList): only accepted records count
      // toward the one more than wanted that shows there is more; the skeleton's filter judges.
      const wanted = query.limit + 1;
      let accepted = 0;
      // Losant's order among equal runQueuedAt is undocumented [I], and a job queued while we page
      // shifts later pages by one: a record seen twice is kept once.
      const seen = new Set<string>();
      for (let page = 0; page < MAX_PAGES && accepted < wanted; page += 1) {
        const body = await nextPage(context, page === 0, () =>
          client.list(listParams(plan, page), context),
        );
        // The request's upstream calls are spent: what was read is answered, truncated.
        if (body === undefined) return { records, invalid, more: true };
        const decoded = decoder.page(body, page, page * plan.perPage);
        invalid.push(...decoded.invalid);
        for (const record of decoded.records) {
          if (seen.has(record.id)) continue;
          seen.add(record.id);
          records.push(record);
          if (accepts(record)) accepted += 1;
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
          return { records, invalid, more: false };
        }
      }
      // Stopped with one record more than wanted, or at MAX_PAGES with records unread.
      return { records, invalid, more: true };
    },

    normalize,

    async get(key, context) {
      const id = decodeRecordKey(key);
      if (id === undefined) return undefined;
      const body = await client.get(id, context);
      return body === undefined ? undefined : normalize(decoder.record(body));
    },

    async ping(context) {
      // A cheap authenticated read: one record of the configured application.
      await client.list(listParams({ canMatch: true, filter: undefined, perPage: 1 }, 0), context);
    },
  };
});
