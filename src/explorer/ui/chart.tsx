/**
 * Failures and successes per source over the range: Chart.js stacked bars, one stack for failed
 * and one for succeeded per bucket, each stacked by source. Clicking a bar segment narrows the
 * list to that bucket, source and status. The same numbers are available as a table.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Histogram, Status } from './api';
import { bucketLabel, STATUS_LOOK } from './format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** The two statuses the chart shows. */
const CHARTED: readonly Status[] = ['failed', 'succeeded'];
/** Per source: a warm colour for its failures, a cool one for its successes. */
const FAILED_COLOURS = ['#c0392b', '#e67e22', '#8e44ad', '#d35400', '#b03a6f'];
const SUCCEEDED_COLOURS = ['#1f7a8c', '#2e86de', '#27ae60', '#16a085', '#3d5a98'];

export interface BarPick {
  readonly start: string;
  readonly source: string;
  readonly status: Status;
}

interface Trimmed {
  readonly starts: readonly string[];
  readonly series: Histogram['series'];
}

/** Drops leading empty buckets (an "All time" chart starts at its first record). */
function trimLeading(histogram: Histogram): Trimmed {
  const charted = histogram.series.filter(({ status }) => CHARTED.includes(status));
  let first = histogram.starts.findIndex((_, i) =>
    charted.some(({ counts }) => (counts[i] ?? 0) > 0),
  );
  if (first < 0) first = Math.max(0, histogram.starts.length - 1);
  return {
    starts: histogram.starts.slice(first),
    series: charted.map((series) => ({ ...series, counts: series.counts.slice(first) })),
  };
}

function datasetsOf(trimmed: Trimmed, sources: readonly string[]): ChartDataset<'bar'>[] {
  return trimmed.series.map(({ source, status, counts }) => {
    const index = Math.max(0, sources.indexOf(source)) % FAILED_COLOURS.length;
    return {
      label: `${source} · ${STATUS_LOOK[status].label.toLowerCase()}`,
      data: [...counts],
      stack: status,
      backgroundColor: (status === 'failed' ? FAILED_COLOURS : SUCCEEDED_COLOURS)[index],
      borderWidth: 0,
    };
  });
}

export function JobChart({
  histogram,
  onPick,
  note,
}: {
  histogram: Histogram;
  onPick: (pick: BarPick) => void;
  /** Said under the chart (e.g. how far back "All time" charts). */
  note?: string | undefined;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [asTable, setAsTable] = useState(false);
  const trimmed = trimLeading(histogram);
  const sources = [...new Set(histogram.series.map(({ source }) => source))].sort();
  const totals = Object.fromEntries(
    CHARTED.map((status) => [
      status,
      trimmed.series
        .filter((series) => series.status === status)
        .reduce((sum, { counts }) => sum + counts.reduce((a, b) => a + b, 0), 0),
    ]),
  ) as Record<Status, number>;
  const summary = `Failed and succeeded job logs per ${histogram.bucket}: ${totals.failed ?? 0} failed, ${totals.succeeded ?? 0} succeeded in the range.`;

  useEffect(() => {
    if (asTable || canvas.current === null) return undefined;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: trimmed.starts.map((start) => bucketLabel(start, histogram.bucket)),
        datasets: datasetsOf(trimmed, sources),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
        onClick: (event, _elements, chartInstance) => {
          const [hit] = chartInstance.getElementsAtEventForMode(
            event as unknown as Event,
            'nearest',
            { intersect: true },
            false,
          );
          if (hit === undefined) return;
          const series = trimmed.series[hit.datasetIndex];
          const start = trimmed.starts[hit.index];
          if (series !== undefined && start !== undefined)
            onPick({ start, source: series.source, status: series.status });
        },
      },
    });
    return () => chart.destroy();
  }, [histogram, asTable]);

  return (
    <section class="chart" aria-labelledby="chart-title">
      <div class="section-head">
        <h2 id="chart-title">Failures and successes</h2>
        <button
          type="button"
          class="secondary"
          aria-pressed={asTable}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {asTable ? (
        <div class="table-scroll">
          <table class="chart-table">
            <caption>{summary}</caption>
            <thead>
              <tr>
                <th scope="col">{histogram.bucket === 'hour' ? 'Hour' : 'Day'}</th>
                {trimmed.series.map(({ source, status }) => (
                  <th scope="col" key={`${source}.${status}`}>
                    {source} {STATUS_LOOK[status].label.toLowerCase()}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trimmed.starts.map((start, i) =>
                trimmed.series.some(({ counts }) => (counts[i] ?? 0) > 0) ? (
                  <tr key={start}>
                    <th scope="row">
                      <time dateTime={start}>{bucketLabel(start, histogram.bucket)}</time>
                    </th>
                    {trimmed.series.map(({ source, status, counts }) => (
                      <td key={`${source}.${status}`}>{counts[i] ?? 0}</td>
                    ))}
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      ) : (
        <div class="chart-box">
          <canvas ref={canvas} role="img" aria-label={summary}>
            {summary}
          </canvas>
        </div>
      )}
      <p class="muted chart-note">
        {histogram.complete ? '' : 'Counted up to the walk limit: the chart may be incomplete. '}
        {note === undefined ? '' : `${note} `}
        Other statuses are in the list, not the chart. Click a bar to narrow the list to it.
      </p>
    </section>
  );
}
