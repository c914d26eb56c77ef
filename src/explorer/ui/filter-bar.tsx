/** The filters: sources, statuses, time range, free text and the Scene7 asset handle. */
import { useEffect, useState } from 'preact/hooks';
import { STATUSES, type SourceInfo, type Status } from './api';
import { RANGE_PRESETS, type Filters, type RangePreset } from './filters';
import { fromLocalInput, STATUS_LOOK, toLocalInput } from './format';

/** Records per chip over the chart's range (undefined until the histogram arrives). */
export interface ChipCounts {
  readonly bySource: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  /** False when the histogram stopped at its walk limit: the counts are lower bounds. */
  readonly complete: boolean;
}

function Count({ counts, n }: { counts: ChipCounts | undefined; n: number | undefined }) {
  if (counts === undefined) return null;
  return (
    <span class="chip-count" aria-label={`${n ?? 0}${counts.complete ? '' : ' or more'} in range`}>
      {n ?? 0}
      {counts.complete ? '' : '+'}
    </span>
  );
}

function toggle<T>(items: readonly T[], item: T): T[] {
  return items.includes(item) ? items.filter((other) => other !== item) : [...items, item];
}

export function FilterBar({
  sources,
  filters,
  counts,
  onChange,
}: {
  sources: readonly SourceInfo[];
  filters: Filters;
  counts: ChipCounts | undefined;
  onChange: (filters: Filters) => void;
}) {
  // Text fields apply on submit (Enter or the Search button), not on every key.
  const [q, setQ] = useState(filters.q);
  const [asset, setAsset] = useState(filters.asset);
  const [since, setSince] = useState(toLocalInput(filters.since));
  const [until, setUntil] = useState(toLocalInput(filters.until));
  useEffect(() => {
    setQ(filters.q);
    setAsset(filters.asset);
    setSince(toLocalInput(filters.since));
    setUntil(toLocalInput(filters.until));
  }, [filters]);
  const hasScene7 = sources.some((source) => source.type === 'scene7');

  const submit = (event: Event): void => {
    event.preventDefault();
    const customSince = fromLocalInput(since);
    const customUntil = fromLocalInput(until);
    onChange({
      ...filters,
      q,
      asset,
      ...(filters.range === 'custom'
        ? {
            ...(customSince === undefined ? { since: undefined } : { since: customSince }),
            ...(customUntil === undefined ? { until: undefined } : { until: customUntil }),
          }
        : {}),
    });
  };

  return (
    <form class="filters" role="search" aria-label="Filter job logs" onSubmit={submit}>
      <fieldset>
        <legend>Sources</legend>
        {sources.map((source) => (
          <label class="chip" key={source.id}>
            <input
              type="checkbox"
              name="source"
              value={source.id}
              checked={filters.sources.includes(source.id)}
              onChange={() => onChange({ ...filters, sources: toggle(filters.sources, source.id) })}
            />
            {source.id} <span class="muted">({source.type})</span>
            <Count counts={counts} n={counts?.bySource[source.id]} />
          </label>
        ))}
        <span class="muted hint">{filters.sources.length === 0 ? 'all sources' : ''}</span>
      </fieldset>
      <fieldset>
        <legend>Status</legend>
        {STATUSES.map((status: Status) => (
          <label class={`chip status-${status}`} key={status}>
            <input
              type="checkbox"
              name="status"
              value={status}
              checked={filters.statuses.includes(status)}
              onChange={() => onChange({ ...filters, statuses: toggle(filters.statuses, status) })}
            />
            <span aria-hidden="true">{STATUS_LOOK[status].icon}</span> {STATUS_LOOK[status].label}
            <Count counts={counts} n={counts?.byStatus[status]} />
          </label>
        ))}
        <span class="muted hint">{filters.statuses.length === 0 ? 'all statuses' : ''}</span>
      </fieldset>
      <div class="filter-row">
        <label>
          Time range{' '}
          <select
            name="range"
            value={filters.range}
            onChange={(event) =>
              onChange({ ...filters, range: event.currentTarget.value as RangePreset })
            }
          >
            {Object.entries(RANGE_PRESETS).map(([value, { label }]) => (
              <option value={value} key={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {filters.range === 'custom' ? (
          <>
            <label>
              From{' '}
              <input
                type="datetime-local"
                name="since"
                value={since}
                onInput={(event) => setSince(event.currentTarget.value)}
              />
            </label>
            <label>
              To{' '}
              <input
                type="datetime-local"
                name="until"
                value={until}
                onInput={(event) => setUntil(event.currentTarget.value)}
              />
            </label>
          </>
        ) : null}
        <label>
          Search{' '}
          <input
            type="search"
            name="q"
            placeholder="job name or message"
            value={q}
            maxLength={200}
            onInput={(event) => setQ(event.currentTarget.value)}
          />
        </label>
        {hasScene7 ? (
          <label>
            Scene7 asset handle{' '}
            <input
              type="text"
              name="asset"
              placeholder="a|732|1|535"
              value={asset}
              maxLength={512}
              onInput={(event) => setAsset(event.currentTarget.value)}
            />
          </label>
        ) : null}
        <button type="submit">Apply</button>
      </div>
    </form>
  );
}
