import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../errors/gateway-error';
import type { JobLogQuery, UnifiedJobLog } from '../contract';

/** Where a page ended, in newest-first order: the last record's time and id. */
export interface PagePosition {
  readonly time: string;
  readonly id: string;
}

/** Records sharing the boundary millisecond a source may send again on the next page. */
const BOUNDARY_OVERLAP = 100;

/** What a cursor continues: the filters of one listing (not its position) and who asked. */
export interface CursorScope {
  readonly sources: readonly string[] | undefined;
  readonly query: JobLogQuery;
  /** The caller's identity (API key id); a cursor never serves another caller. */
  readonly caller: string;
}

/** Signs and checks listing cursors. */
export interface CursorCodec {
  /** An opaque, signed cursor for the page after `position` of this scope. */
  encode(position: PagePosition, scope: CursorScope): string;
  /** The position in an untrusted cursor; GW_ERR_INVALID_PARAMETER unless this scope made it. */
  decode(text: string, scope: CursorScope): PagePosition;
}

const FORMAT = 2;
// RFC 3339 in UTC as toISOString writes it, years 0001..9999 only: every such time survives
// Date arithmetic and reads the same to every upstream.
const CURSOR_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_ID = 2048;

/**
 * The signed text: the filters (sorted where order means nothing) and the caller. The free text
 * (`q`) comes last and only when given, so that cursors of listings without it, signed before it
 * existed, still verify.
 */
function scopeText({ sources, query, caller }: CursorScope): string {
  return JSON.stringify([
    [...(sources ?? [])].sort(),
    [...(query.status ?? [])].sort(),
    query.since ?? null,
    query.until ?? null,
    query.forType?.scene7?.assetHandle ?? null,
    query.limit,
    caller,
    ...(query.text === undefined ? [] : [query.text]),
  ]);
}

function invalidCursor(): GatewayError {
  return new GatewayError(
    'GW_ERR_INVALID_PARAMETER',
    '"cursor" is not a cursor of this query; start again without it.',
    { parameter: 'cursor' },
  );
}

function positionOf(payload: string): PagePosition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== FORMAT) return undefined;
  const [, time, id] = value as unknown[];
  if (typeof time !== 'string' || typeof id !== 'string' || id.length > MAX_ID) return undefined;
  if (!CURSOR_TIME.test(time)) return undefined;
  const at = Date.parse(time);
  if (Number.isNaN(at) || new Date(at).toISOString() !== time) return undefined;
  return { time, id };
}

/**
 * Creates the cursor codec: `<payload>.<HMAC-SHA256>` in base64url, the MAC over the position,
 * the listing's filters and the caller. The first secret signs; every secret verifies, so
 * secrets rotate by putting a new one first. Without secrets, one random secret per process.
 */
export function createCursorCodec(secrets: readonly string[] = []): CursorCodec {
  const keys =
    secrets.length > 0 ? secrets.map((secret) => Buffer.from(secret)) : [randomBytes(32)];
  const mac = (key: Buffer, payload: string, scope: CursorScope): Buffer =>
    createHmac('sha256', key).update(payload).update('\n').update(scopeText(scope)).digest();

  return {
    encode(position, scope) {
      const payload = Buffer.from(JSON.stringify([FORMAT, position.time, position.id])).toString(
        'base64url',
      );
      return `${payload}.${mac(keys[0] as Buffer, payload, scope).toString('base64url')}`;
    },
    decode(text, scope) {
      const match = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(text);
      if (match === null) throw invalidCursor();
      const [, payload = '', signature = ''] = match;
      const given = Buffer.from(signature, 'base64url');
      const signed = keys.some((key) => timingSafeEqual(mac(key, payload, scope), given));
      const position = signed ? positionOf(payload) : undefined;
      if (position === undefined) throw invalidCursor();
      return position;
    },
  };
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
