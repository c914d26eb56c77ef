/** The explorer page: header, filters, banners, chart, list and detail panel. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  ApiError,
  apiKey,
  getJson,
  type Histogram,
  type Problem,
  type SourceInfo,
  type Status,
  type UnifiedJobLog,
} from './api';
import { JobChart, type BarPick } from './chart';
import { ProblemText } from './components';
import { Detail } from './detail';
import { FilterBar, type ChipCounts } from './filter-bar';
import {
  ALL_TIME_CHART_DAYS,
  apiParams,
  boundsOf,
  BUCKET_MS,
  chartRange,
  urlOfView,
  viewFromUrl,
  type Filters,
  type View,
} from './filters';
import { JobList } from './job-list';
import { useListing, type InvalidSummary, type ListingState } from './use-listing';
import { useLive, type LiveMode } from './use-live';

/** The histogram narrowed to the selected sources and statuses (it is read without them). */
function selectedSeries(histogram: Histogram, filters: Filters): Histogram {
  const keep = ({ source, status }: { source: string; status: Status }): boolean =>
    (filters.sources.length === 0 || filters.sources.includes(source)) &&
    (filters.statuses.length === 0 || filters.statuses.includes(status));
  return { ...histogram, series: histogram.series.filter(keep) };
}

/**
 * What each chip would show if toggled on: records per status within the selected sources, and
 * per source within the selected statuses, over the range (bull-board's legend, Temporal's chips).
 */
function chipCounts(histogram: Histogram, filters: Filters): ChipCounts {
  const bySource: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const { source, status, counts } of histogram.series) {
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (filters.statuses.length === 0 || filters.statuses.includes(status))
      bySource[source] = (bySource[source] ?? 0) + total;
    if (filters.sources.length === 0 || filters.sources.includes(source))
      byStatus[status] = (byStatus[status] ?? 0) + total;
  }
  return { bySource, byStatus, complete: histogram.complete };
}

function liveText(mode: LiveMode): string {
  switch (mode.kind) {
    case 'off':
      return 'Live: off';
    case 'connecting':
      return 'Live: connecting…';
    case 'live':
      return 'Live: on';
    case 'reconnecting':
      return 'Live: reconnecting…';
    case 'polling':
      return 'Live: refreshing every 30 s';
    case 'paused':
      return 'Live: paused while hidden';
    case 'failed':
      return 'Live: stopped';
    case 'unavailable':
      return 'Live: unavailable';
  }
}

function InvalidBanner({ groups }: { groups: readonly InvalidSummary[] }) {
  if (groups.length === 0) return null;
  const total = groups.reduce((sum, { count }) => sum + count, 0);
  return (
    <div class="banner banner-warning" role="status">
      <p>
        <span aria-hidden="true">! </span>
        {total} record{total === 1 ? ' was' : 's were'} left out because they failed validation (
        {groups.map(({ source, count }) => `${source}: ${count}`).join(', ')}).
      </p>
      <details>
        <summary>List them</summary>
        <ul class="invalid-list">
          {groups.flatMap(({ source, records }) =>
            records.map((record, i) => (
              <li key={`${source}.${i}`}>
                <strong>{source}</strong> record #{record.index}:{' '}
                <code>{record.pointer || '/'}</code> {record.message}
              </li>
            )),
          )}
        </ul>
      </details>
    </div>
  );
}

function SourceErrors({ errors }: { errors: readonly Problem[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="banner banner-error" role="alert">
      {errors.map((problem) => (
        <p key={problem.source}>
          <span aria-hidden="true">✗ </span>
          Source <strong>{problem.source}</strong> failed, its job logs are missing here:{' '}
          <ProblemText problem={problem} />
        </p>
      ))}
    </div>
  );
}

/** Least time between two announcements of the list's summary (Sidekiq PR #6598's debate). */
const ANNOUNCE_EVERY_MS = 15_000;

/** `value`, changing at most once per `ms`: the first change after a quiet spell at once. */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const show = (): void => {
      last.current = Date.now();
      setShown(value);
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      show();
      return undefined;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}

function ListSection({
  state,
  pending,
  onShowPending,
  selected,
  onOpen,
  onLoadOlder,
}: {
  state: ListingState;
  pending: number;
  onShowPending: () => void;
  selected: string | undefined;
  onOpen: (record: UnifiedJobLog) => void;
  onLoadOlder: () => void;
}) {
  const count = state.items.length;
  const summary =
    state.loading && count === 0
      ? 'Loading…'
      : `Showing ${count} job log${count === 1 ? '' : 's'}${state.next === undefined ? '' : '; older ones can be loaded'}.`;
  const announced = useThrottled(summary, ANNOUNCE_EVERY_MS);
  return (
    <section aria-labelledby="list-title" class="list">
      <div class="section-head">
        <h2 id="list-title">Job logs</h2>
        <p class="muted">{summary}</p>
      </div>
      {/* Screen readers hear the summary at most every 15 s, never once per live record. */}
      <p role="status" class="visually-hidden">
        {announced}
      </p>
      {pending > 0 ? (
        <button type="button" class="new-records" onClick={onShowPending}>
          {pending} new — show
        </button>
      ) : null}
      {count === 0 && !state.loading && state.failure === undefined ? (
        <p class="empty">No job logs match these filters.</p>
      ) : (
        <JobList items={state.items} selected={selected} onOpen={onOpen} />
      )}
      {state.next !== undefined ? (
        <button type="button" class="load-older" disabled={state.loading} onClick={onLoadOlder}>
          {state.loading ? 'Loading…' : 'Load older'}
        </button>
      ) : count > 0 && !state.loading ? (
        <p class="muted end">That is all of them.</p>
      ) : null}
    </section>
  );
}

export function App({
  sources,
  onForget,
}: {
  sources: readonly SourceInfo[];
  onForget: () => void;
}) {
  const [view, setView] = useState<View>(() => viewFromUrl(location.search));
  const [live, setLive] = useState(false);
  // The bounds are fixed when the filters change, so that paging keeps the same range.
  const [bounds, setBounds] = useState(() => boundsOf(view.filters));
  const params = useMemo(() => apiParams(view.filters, bounds), [view.filters, bounds]);
  const listing = useListing(params);
  const listed = useMemo(
    () => new Set(listing.state.items.map(({ id }) => id)),
    [listing.state.items],
  );
  const liveParams = useMemo(() => {
    const tail = new URLSearchParams(params);
    tail.delete('since');
    tail.delete('until');
    return tail;
  }, [params]);
  const canTail = bounds.until === undefined;
  const tail = useLive(live && canTail, liveParams, listing.prepend, (id) => listed.has(id));
  const [histogram, setHistogram] = useState<Histogram | undefined>();
  const [histogramError, setHistogramError] = useState<Problem | undefined>();

  useEffect(() => {
    const onPop = (): void => {
      const next = viewFromUrl(location.search);
      setView(next);
      setBounds(boundsOf(next.filters));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    const range = chartRange(bounds);
    // Every source and status of the range: the chips count them, the chart shows the selected.
    const query = new URLSearchParams(params);
    query.delete('source');
    query.delete('status');
    query.set('since', range.since);
    query.set('until', range.until);
    query.set('bucket', range.bucket);
    setHistogramError(undefined);
    getJson<Histogram>('/v1/job-logs/histogram', query, abort.signal)
      .then(setHistogram)
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setHistogram(undefined);
        setHistogramError(error instanceof ApiError ? error.problem : { title: String(error) });
      });
    return () => abort.abort();
  }, [params]);

  const changeFilters = (filters: Filters): void => {
    const next: View = { filters };
    history.pushState(null, '', `${location.pathname}${urlOfView(next)}`);
    setView(next);
    setBounds(boundsOf(filters));
  };
  const open = (id: string | undefined): void => {
    const next: View = { filters: view.filters, ...(id === undefined ? {} : { open: id }) };
    history.replaceState(null, '', `${location.pathname}${urlOfView(next)}`);
    setView(next);
  };
  const close = (): void => {
    const was = view.open;
    open(undefined);
    if (was !== undefined)
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLButtonElement>(`tr[data-id="${CSS.escape(was)}"] button`)
          ?.focus(),
      );
  };
  const pick = ({ start, source, status }: BarPick): void => {
    const bucketMs = histogram === undefined ? BUCKET_MS.hour : BUCKET_MS[histogram.bucket];
    changeFilters({
      ...view.filters,
      range: 'custom',
      since: start,
      until: new Date(Date.parse(start) + bucketMs).toISOString(),
      sources: [source],
      statuses: [status],
    });
  };

  const { state } = listing;
  // Failed sources of the list and of the chart, once per source.
  const sourceErrors = new Map(state.sourceErrors);
  for (const problem of histogram?.errors ?? [])
    if (problem.source !== undefined && !sourceErrors.has(problem.source))
      sourceErrors.set(problem.source, problem);
  const selected = state.items.find(({ id }) => id === view.open);

  return (
    <div class={`layout${view.open === undefined ? '' : ' with-detail'}`}>
      <header class="top">
        <h1>Job-log explorer</h1>
        <nav aria-label="Gateway">
          <button
            type="button"
            class={`live live-${tail.mode.kind}`}
            aria-pressed={live}
            disabled={!canTail}
            title={
              canTail
                ? 'New job logs appear as they are logged'
                : 'Live needs a range that reaches now'
            }
            onClick={() => setLive(!live)}
          >
            <span class="dot" aria-hidden="true" /> {live ? liveText(tail.mode) : 'Live: off'}
          </button>
          <a href="/docs">API docs</a>
          <button type="button" class="secondary" onClick={onForget}>
            Forget key
          </button>
        </nav>
      </header>
      <main id="main">
        <FilterBar
          sources={sources}
          filters={view.filters}
          counts={histogram === undefined ? undefined : chipCounts(histogram, view.filters)}
          onChange={changeFilters}
        />
        <SourceErrors errors={[...sourceErrors.values()]} />
        <InvalidBanner groups={[...state.invalid.values()]} />
        {state.failure !== undefined ? (
          <div class="banner banner-error" role="alert">
            <ProblemText problem={state.failure} />
          </div>
        ) : null}
        {histogram !== undefined ? (
          <JobChart
            histogram={selectedSeries(histogram, view.filters)}
            onPick={pick}
            note={
              bounds.since === undefined
                ? `The chart and the counts cover the last ${ALL_TIME_CHART_DAYS} days.`
                : undefined
            }
          />
        ) : null}
        {histogramError !== undefined ? (
          <p class="banner banner-warning" role="status">
            The chart could not be drawn: <ProblemText problem={histogramError} />
          </p>
        ) : null}
        <ListSection
          state={state}
          pending={tail.pending.length}
          onShowPending={tail.showPending}
          selected={view.open}
          onOpen={(record) => open(record.id)}
          onLoadOlder={listing.loadOlder}
        />
      </main>
      {view.open !== undefined ? (
        <Detail id={view.open} fallback={selected} onClose={close} />
      ) : null}
    </div>
  );
}

/** Checks a kept key (it may have been revoked); undefined when there is none or it is refused. */
export async function sourcesForKeptKey(): Promise<readonly SourceInfo[] | undefined> {
  if (apiKey.get() === null) return undefined;
  try {
    return (await getJson<{ items: SourceInfo[] }>('/v1/sources', undefined)).items;
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 401 || error.problem.status === 403))
      apiKey.clear();
    return undefined;
  }
}
