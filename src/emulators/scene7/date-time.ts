/** xsd:dateTime formatting and parsing without the host's time zone (no Date.now, no local time). */

const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

/** Formats an instant as IPS does: milliseconds and an offset, `Z` for UTC (scene7-ips.md §2.4). */
export function formatDateTime(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}.${pad(local.getUTCMilliseconds(), 3)}${formatOffset(offsetMinutes)}`;
}

/** Formats the wall-clock part `YYYY-MM-DD-HH:mm:ss` used in IPS job names (`Add_2007-10-24-16:11:07`). */
export function formatJobNameTime(epochMs: number, offsetMinutes: number): string {
  const text = formatDateTime(epochMs, offsetMinutes);
  return `${text.slice(0, 10)}-${text.slice(11, 19)}`;
}

/**
 * Parses an xsd:dateTime into epoch milliseconds, or null when invalid. A value without a zone
 * is read as UTC: the docs ask callers to send one ("provide the time zone") and say no more [I].
 */
export function parseDateTime(text: string): number | null {
  const match = DATE_TIME.exec(text.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || Number(fraction ?? 0) !== 0)) return null;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  if (utc.getUTCMonth() !== month - 1) return null;
  utc.setUTCHours(hour, minute, second, Math.floor(Number(`0.${fraction ?? '0'}`) * 1000));
  return utc.getTime() - parseOffset(zone) * 60_000;
}

function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function parseOffset(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** The UTC offset, in minutes, an xsd:dateTime is written in (0 for `Z` or no zone). */
export function offsetOfDateTime(text: string): number {
  return parseOffset(DATE_TIME.exec(text.trim())?.[8]);
}
