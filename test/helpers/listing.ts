/**
 * Reading GET /v1/job-logs as a client would: page after page with `next`, every record once.
 */
import type { UnifiedJobLog } from '../../src/contract';

/** The records of a whole listing, and whether it ran to its end (the last page not truncated). */
export interface WalkedListing {
  readonly items: UnifiedJobLog[];
  readonly pages: number;
  readonly ended: boolean;
}

/**
 * Walks `/v1/job-logs?<query>` page by page through `get` (a GET with the test's API key),
 * expecting 200 on each, for at most `maxPages` pages.
 */
export async function walkListing(
  get: (path: string) => Promise<Response>,
  query: string,
  maxPages = 500,
): Promise<WalkedListing> {
  const items: UnifiedJobLog[] = [];
  let cursor: string | undefined;
  for (let page = 1; page <= maxPages; page += 1) {
    const response = await get(
      `/v1/job-logs?${query}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    if (response.status !== 200)
      throw new Error(`page ${page} of ${query}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as {
      items: UnifiedJobLog[];
      truncated: boolean;
      next?: string;
    };
    items.push(...body.items);
    if (body.next === undefined) return { items, pages: page, ended: !body.truncated };
    cursor = body.next;
  }
  return { items, pages: maxPages, ended: false };
}

/** The listing's free-text rule, restated for tests: name or message contains q, any case. */
export function matchesQ(record: UnifiedJobLog, q: string): boolean {
  const wanted = q.toLowerCase();
  return [record.job.name, record.message].some(
    (field) => field !== null && field.toLowerCase().includes(wanted),
  );
}
