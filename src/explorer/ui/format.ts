/** How the explorer writes statuses and times. */
import type { Status } from './api';

/** Status = icon + text + colour (the colour is never the only signal). */
export const STATUS_LOOK: Readonly<Record<Status, { icon: string; label: string }>> = {
  failed: { icon: '✗', label: 'Failed' },
  warning: { icon: '!', label: 'Warning' },
  succeeded: { icon: '✓', label: 'Succeeded' },
  running: { icon: '↻', label: 'Running' },
  queued: { icon: '◷', label: 'Queued' },
  unknown: { icon: '?', label: 'Unknown' },
};

const LOCAL = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const LOCAL_SHORT = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const LOCAL_DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const localTime = (iso: string): string => LOCAL.format(new Date(iso));
export const utcTime = (iso: string): string =>
  `${new Date(iso).toISOString().replace('T', ' ').replace('.000Z', 'Z')}`;
export const bucketLabel = (iso: string, bucket: 'hour' | 'day'): string =>
  (bucket === 'hour' ? LOCAL_SHORT : LOCAL_DAY).format(new Date(iso));

/** `datetime-local` input text (local wall time) of an RFC 3339 instant, and back. */
export function toLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
export function fromLocalInput(text: string): string | undefined {
  if (text === '') return undefined;
  const time = new Date(text).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Duration between two instants, as a person reads it (e.g. "2 min 5 s"). */
export function duration(from: string | null, to: string | null): string | undefined {
  if (from === null || to === null) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  if (Number.isNaN(ms) || ms < 0) return undefined;
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
