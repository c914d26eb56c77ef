/**
 * The list's data: the first page of a view, "Load older" through the cursor, and what each page
 * reported beside its records (failed sources, invalid records), gathered for the whole view.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  getJson,
  type InvalidRecord,
  type Listing,
  type Problem,
  type UnifiedJobLog,
} from './api';

/** Records per page the explorer asks for. */
export const PAGE_SIZE = 50;
/** Empty pages (with a `next`) followed before the person is asked to load more. */
const EMPTY_PAGES_FOLLOWED = 10;

export interface InvalidSummary {
  readonly source: string;
  readonly count: number;
  readonly records: readonly InvalidRecord[];
}

export interface ListingState {
  readonly items: readonly UnifiedJobLog[];
  readonly next?: string;
  readonly loading: boolean;
  /** The whole listing failed (every source, or a bad filter). */
  readonly failure?: Problem;
  /** Sources that failed on some page of this view, with their last problem. */
  readonly sourceErrors: ReadonlyMap<string, Problem>;
  readonly invalid: ReadonlyMap<string, InvalidSummary>;
}

const EMPTY: ListingState = {
  items: [],
  loading: true,
  sourceErrors: new Map(),
  invalid: new Map(),
};

function merged(state: ListingState, page: Listing, append: boolean): ListingState {
  const sourceErrors = new Map(state.sourceErrors);
  for (const problem of page.errors)
    if (problem.source !== undefined) sourceErrors.set(problem.source, problem);
  const invalid = new Map(state.invalid);
  for (const group of page.invalid) {
    const before = invalid.get(group.source);
    invalid.set(group.source, {
      source: group.source,
      count: (before?.count ?? 0) + group.count,
      records: [...(before?.records ?? []), ...(group.records ?? [])],
    });
  }
  const seen = new Set(append ? state.items.map(({ id }) => id) : []);
  const fresh = page.items.filter(({ id }) => !seen.has(id));
  return {
    items: append ? [...state.items, ...fresh] : fresh,
    ...(page.next === undefined ? {} : { next: page.next }),
    loading: false,
    sourceErrors,
    invalid,
  };
}

function newestFirst(a: UnifiedJobLog, b: UnifiedJobLog): number {
  const ta = a.time === null ? -Infinity : Date.parse(a.time);
  const tb = b.time === null ? -Infinity : Date.parse(b.time);
  return tb - ta;
}

export function useListing(params: URLSearchParams) {
  const [state, setState] = useState<ListingState>(EMPTY);
  const current = useRef<AbortController | undefined>(undefined);
  const key = params.toString();

  const load = (cursor: string | undefined): void => {
    current.current?.abort();
    const abort = new AbortController();
    current.current = abort;
    setState((before) => (cursor === undefined ? EMPTY : { ...before, loading: true }));
    void (async () => {
      let at = cursor;
      // A page may come back empty while `next` is set (the gateway filtered a source's whole
      // read): follow it, a few pages at most, so that "Load older" always shows something.
      for (let hop = 0; hop <= EMPTY_PAGES_FOLLOWED; hop += 1) {
        const query = new URLSearchParams(params);
        query.set('limit', String(PAGE_SIZE));
        if (at !== undefined) query.set('cursor', at);
        let page: Listing;
        try {
          page = await getJson<Listing>('/v1/job-logs', query, abort.signal);
        } catch (error) {
          if (abort.signal.aborted) return;
          const failure = error instanceof ApiError ? error.problem : { title: String(error) };
          setState((before) => ({ ...before, loading: false, failure }));
          return;
        }
        if (abort.signal.aborted) return;
        const first = at === undefined;
        const more = page.items.length === 0 && page.next !== undefined;
        setState((before) => {
          const next = merged(first ? EMPTY : before, page, !first);
          return more && hop < EMPTY_PAGES_FOLLOWED ? { ...next, loading: true } : next;
        });
        if (!more) return;
        at = page.next;
      }
    })();
  };

  useEffect(() => {
    load(undefined);
    return () => current.current?.abort();
  }, [key]);

  return {
    state,
    loadOlder: (): void => {
      if (state.next !== undefined && !state.loading) load(state.next);
    },
    reload: (): void => load(undefined),
    /** Puts records (from the live tail) at the top, skipping ones already listed. */
    prepend: (records: readonly UnifiedJobLog[]): void =>
      setState((before) => {
        const seen = new Set(before.items.map(({ id }) => id));
        const fresh = records.filter(({ id }) => !seen.has(id));
        if (fresh.length === 0) return before;
        // Newest first, as the listing: a late record lands where its time puts it.
        const items = [...fresh, ...before.items].sort(newestFirst);
        return { ...before, items };
      }),
  };
}
