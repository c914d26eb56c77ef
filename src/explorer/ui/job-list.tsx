/** The list of job logs, newest first, with a button per row to open its detail panel. */
import type { UnifiedJobLog } from './api';
import { StatusBadge, Time } from './components';

const MESSAGE_CHARS = 160;

function shortMessage(message: string | null): string {
  if (message === null) return '';
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS - 1)}…` : line;
}

export function JobList({
  items,
  selected,
  onOpen,
}: {
  items: readonly UnifiedJobLog[];
  selected: string | undefined;
  onOpen: (record: UnifiedJobLog) => void;
}) {
  return (
    <table class="job-list">
      <caption class="visually-hidden">Job logs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Source</th>
          <th scope="col">Time</th>
          <th scope="col">Job</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {items.map((record) => (
          <tr
            key={record.id}
            data-id={record.id}
            data-source={record.source.id}
            data-status={record.status}
            class={record.id === selected ? 'selected' : undefined}
            onClick={(event) => {
              // A click anywhere on the row opens it (the button is the keyboard's way in).
              if (!(event.target instanceof HTMLButtonElement)) onOpen(record);
            }}
          >
            <td data-label="Status">
              <StatusBadge status={record.status} />
            </td>
            <td data-label="Source">{record.source.id}</td>
            <td data-label="Time">
              <Time iso={record.time} />
            </td>
            <td data-label="Job">
              <button
                type="button"
                class="link"
                aria-label={`Open details of ${record.job.name ?? 'unnamed job'} (${record.source.id})`}
                aria-expanded={record.id === selected}
                onClick={() => onOpen(record)}
              >
                {record.job.name ?? 'unnamed job'}
              </button>
            </td>
            <td data-label="Message" class="message" title={record.message ?? undefined}>
              {shortMessage(record.message)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
