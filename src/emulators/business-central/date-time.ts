/** The blank AL DateTime as BC serializes it (§5) [I]. */
export const BLANK_DATE_TIME = '0001-01-01T00:00:00Z';

/**
 * Formats an instant as BC does: UTC with `Z`, fractional seconds only when non-zero
 * (`2023-01-04T16:55:47.367Z`, `2025-04-28T09:15:42Z`, §5).
 */
export function formatBcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

// OData Edm.DateTimeOffset literal: date, time with optional seconds and fraction, and a zone.
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an Edm.DateTimeOffset (literal or stored value) to epoch ms; null when it is not one. */
export function parseDateTimeOffset(text: string): number | null {
  if (!DATE_TIME_OFFSET.test(text)) return null;
  // JavaScript reads at most milliseconds; OData allows 7 fraction digits (ticks).
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? null : time;
}
