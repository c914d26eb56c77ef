import { compareValues, sortKey } from './filter-eval';
import type { Row } from './model';
import type { QueryOptions } from './query-options';
import { encodeSkipToken } from './skip-token';

/** BC online's fixed page size: at most 20,000 entities per page (§5, B9). */
export const BC_MAX_PAGE_SIZE = 20_000;

/**
 * Reads `odata.maxpagesize` (or OData 4.01's `maxpagesize`) from Prefer headers; undefined when
 * absent or not a positive integer (a preference is a hint, so a bad one is ignored, not refused).
 */
export function parseMaxPageSize(prefer: string | undefined): number | undefined {
  for (const preference of (prefer ?? '').split(',')) {
    const match = /^\s*(?:odata\.)?maxpagesize\s*=\s*"?(\d{1,9})"?\s*$/i.exec(preference);
    if (match !== null && Number(match[1]) > 0) return Number(match[1]);
  }
  return undefined;
}

/** One page of a collection after $filter, $orderby, $skip, $top and $skiptoken. */
export interface CollectionPage<T> {
  readonly page: readonly T[];
  /** Rows matching $filter, for `@odata.count`. */
  readonly count: number;
  /** Where the next page starts, when there is one: rows of the window sent so far. */
  readonly nextOffset?: number;
  /** The id of this page's last row, when rows have one: the next page starts after it. */
  readonly lastKey?: string;
}

/** The rows still to send, as [start, end) of the filtered, ordered rows. */
function windowOf<T>(
  rows: readonly T[],
  rowOf: (item: T) => Row,
  options: QueryOptions,
): readonly [number, number] {
  const { after, offset, skip, top } = options;
  const at =
    after === undefined
      ? -1
      : rows.findIndex((item) => String(rowOf(item).id).toLowerCase() === after);
  if (at >= 0) {
    // After the last row sent, wherever rows added since have moved it; $top counts on.
    const start = at + 1;
    return [start, top === undefined ? rows.length : Math.min(rows.length, start + top - offset)];
  }
  const end = top === undefined ? rows.length : Math.min(rows.length, skip + top);
  return [Math.min(skip + offset, end), end];
}

/**
 * Pages a collection. Rows come in primary-key order, which is also the tie-break of $orderby
 * (the sort is stable). A page after the first starts after the last row sent (its key is in
 * the $skiptoken), so pages neither overlap nor skip a row, even when rows are appended.
 */
export function pageOf<T>(
  items: readonly T[],
  rowOf: (item: T) => Row,
  options: QueryOptions,
  pageSize: number,
): CollectionPage<T> {
  const { filter } = options;
  const filtered = filter === undefined ? [...items] : items.filter((item) => filter(rowOf(item)));
  if (options.orderby.length > 0) {
    filtered.sort((itemA, itemB) => {
      const a = rowOf(itemA);
      const b = rowOf(itemB);
      for (const { property, type, descending } of options.orderby) {
        const order = compareValues(sortKey(type, a[property]), sortKey(type, b[property]));
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  const [start, windowEnd] = windowOf(filtered, rowOf, options);
  const end = Math.min(start + pageSize, windowEnd);
  const page = filtered.slice(start, end);
  const last = page.at(-1);
  const lastKey = last === undefined ? undefined : rowOf(last).id;
  return {
    page,
    count: filtered.length,
    ...(end < windowEnd ? { nextOffset: options.offset + end - start } : {}),
    ...(typeof lastKey === 'string' ? { lastKey } : {}),
  };
}

// Percent-encodes a query part, leaving the characters OData URLs show plainly ($ , :).
function odataEncode(text: string): string {
  return encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/** The nextLink of a page: the request URL as received, with `$skiptoken` for the next page. */
export function nextLinkFor(requestUrl: URL, nextOffset: number, lastKey?: string): string {
  const next = new URL(requestUrl.href);
  const params = new URLSearchParams(next.search);
  params.set('$skiptoken', encodeSkipToken(nextOffset, lastKey));
  next.search = [...params]
    .map(([name, value]) => `${odataEncode(name)}=${odataEncode(value)}`)
    .join('&');
  return next.href;
}
