/**
 * The explorer's view state and its URL: every filter and the open record live in the query
 * string of /explorer, so that a view can be shared, bookmarked and reloaded.
 */
import { STATUSES, type Status } from './api';

export const RANGE_PRESETS = {
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
  '1y': { label: 'Last 365 days', ms: 365 * 86_400_000 },
  all: { label: 'All time', ms: undefined },
  custom: { label: 'Custom range', ms: undefined },
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;

export interface Filters {
  readonly sources: readonly string[];
  readonly statuses: readonly Status[];
  readonly range: RangePreset;
  /** Custom range bounds (RFC 3339), used when range is `custom`. */
  readonly since?: string;
  readonly until?: string;
  readonly q: string;
  readonly asset: string;
}

/** The view: filters plus the record whose detail panel is open. */
export interface View {
  readonly filters: Filters;
  readonly open?: string;
}

export const DEFAULT_FILTERS: Filters = {
  sources: [],
  statuses: [],
  range: 'all',
  q: '',
  asset: '',
};

const isPreset = (text: string | null): text is RangePreset =>
  text !== null && Object.hasOwn(RANGE_PRESETS, text);

const isTime = (text: string | null): text is string =>
  text !== null && !Number.isNaN(Date.parse(text));

const list = (text: string | null): string[] =>
  text === null ? [] : [...new Set(text.split(',').filter((part) => part !== ''))];

/** Reads a view from /explorer's query string (anything unknown or malformed is dropped). */
export function viewFromUrl(search: string): View {
  const params = new URLSearchParams(search);
  const range = params.get('range');
  const since = params.get('since');
  const until = params.get('until');
  const open = params.get('id');
  const filters: Filters = {
    sources: list(params.get('source')),
    statuses: list(params.get('status')).filter((s): s is Status =>
      (STATUSES as readonly string[]).includes(s),
    ),
    range: isPreset(range) ? range : DEFAULT_FILTERS.range,
    ...(isTime(since) ? { since } : {}),
    ...(isTime(until) ? { until } : {}),
    q: params.get('q') ?? '',
    asset: params.get('asset') ?? '',
  };
  return { filters, ...(open === null || open === '' ? {} : { open }) };
}

/** The query string of a view (empty parts left out). */
export function urlOfView({ filters, open }: View): string {
  const params = new URLSearchParams();
  if (filters.sources.length > 0) params.set('source', filters.sources.join(','));
  if (filters.statuses.length > 0) params.set('status', filters.statuses.join(','));
  if (filters.range !== DEFAULT_FILTERS.range) params.set('range', filters.range);
  if (filters.range === 'custom') {
    if (filters.since !== undefined) params.set('since', filters.since);
    if (filters.until !== undefined) params.set('until', filters.until);
  }
  if (filters.q !== '') params.set('q', filters.q);
  if (filters.asset !== '') params.set('asset', filters.asset);
  if (open !== undefined) params.set('id', open);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The time bounds a view reads, fixed at the moment it is loaded (paging keeps them). */
export interface Bounds {
  readonly since?: string;
  readonly until?: string;
}

export function boundsOf(filters: Filters, now = Date.now()): Bounds {
  if (filters.range === 'custom') {
    return {
      ...(filters.since === undefined ? {} : { since: new Date(filters.since).toISOString() }),
      ...(filters.until === undefined ? {} : { until: new Date(filters.until).toISOString() }),
    };
  }
  const { ms } = RANGE_PRESETS[filters.range];
  return ms === undefined ? {} : { since: new Date(now - ms).toISOString() };
}

/**
 * The listing's query parameters for these filters and bounds (the same ones the export, the
 * histogram and the live tail take).
 */
export function apiParams(filters: Filters, bounds: Bounds): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.sources.length > 0) params.set('source', filters.sources.join(','));
  if (filters.statuses.length > 0) params.set('status', filters.statuses.join(','));
  if (bounds.since !== undefined) params.set('since', bounds.since);
  if (bounds.until !== undefined) params.set('until', bounds.until);
  if (filters.q.trim() !== '') params.set('q', filters.q.trim());
  if (filters.asset.trim() !== '') params.set('assetHandle', filters.asset.trim());
  return params;
}

/** The longest range the chart covers when "All time" is chosen (the histogram's bucket cap). */
export const ALL_TIME_CHART_DAYS = 999;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The chart's range and bucket for a view: hourly up to two days, daily beyond. */
export function chartRange(
  bounds: Bounds,
  now = Date.now(),
): { since: string; until: string; bucket: 'hour' | 'day' } {
  const until = bounds.until ?? new Date(now).toISOString();
  const since =
    bounds.since ??
    new Date(Math.floor(now / DAY) * DAY - (ALL_TIME_CHART_DAYS - 1) * DAY).toISOString();
  const span = Date.parse(until) - Date.parse(since);
  return { since, until, bucket: span <= 48 * HOUR ? 'hour' : 'day' };
}

export const BUCKET_MS = { hour: HOUR, day: DAY } as const;
