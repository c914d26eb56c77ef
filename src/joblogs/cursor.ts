import { createHash } from 'node:crypto';
import { GatewayError } from '../errors/gateway-error';
import type { JobLogQuery, UnifiedJobLog } from '../contract';

/** Where a page ended, in newest-first order: the last record's time and id. */
export interface PagePosition {
  readonly time: string;
  readonly id: string;
}

/** Records sharing the boundary millisecond a source may send again on the next page. */
const BOUNDARY_OVERLAP = 100;

/** A short digest of the filters a cursor was made for; a cursor only continues its own query. */
export function fingerprintOf(sources: readonly string[] | undefined, query: JobLogQuery): string {
  const filters = [
    [...(sources ?? [])].sort(),
    [...(query.status ?? [])].sort(),
    query.since ?? null,
    query.until ?? null,
    query.forType?.scene7?.assetHandle ?? null,
    query.limit,
  ];
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 16);
}

/** Encodes an opaque cursor for the page after `position`. */
export function encodeCursor(position: PagePosition, fingerprint: string): string {
  return Buffer.from(JSON.stringify([1, position.time, position.id, fingerprint]), 'utf8').toString(
    'base64url',
  );
}

function invalidCursor(): GatewayError {
  return new GatewayError(
    'GW_ERR_INVALID_PARAMETER',
    '"cursor" is not a cursor of this query; start again without it.',
    {
      parameter: 'cursor',
    },
  );
}

/** Decodes an untrusted cursor; it must have been made for the same filters. */
export function decodeCursor(text: string, fingerprint: string): PagePosition {
  if (text.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 4 || value[0] !== 1) throw invalidCursor();
  const [, time, id, madeFor] = value as unknown[];
  if (
    typeof time !== 'string' ||
    typeof id !== 'string' ||
    madeFor !== fingerprint ||
    Number.isNaN(Date.parse(time))
  ) {
    throw invalidCursor();
  }
  return { time, id };
}

/** Whether a record comes after a page position in newest-first order (time desc, id asc). */
export function isAfter(record: UnifiedJobLog, position: PagePosition): boolean {
  if (record.time === null) return true;
  if (record.time !== position.time) return record.time < position.time;
  return record.id > position.id;
}

/**
 * The query each source gets for the page after `position`: nothing newer than the boundary
 * millisecond (inclusive, since ties are split by id), and room for records already sent at it.
 */
export function queryAfter(query: JobLogQuery, position: PagePosition): JobLogQuery {
  const boundary = new Date(Date.parse(position.time) + 1).toISOString();
  const until = query.until === undefined || boundary < query.until ? boundary : query.until;
  return { ...query, until, limit: query.limit + BOUNDARY_OVERLAP };
}
