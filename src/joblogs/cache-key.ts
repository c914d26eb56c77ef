import { createHash } from 'node:crypto';
import type { JobLogQuery } from '../contract';

/** Which adapter read a cache entry holds. */
export type CachedOperation = 'list' | 'listNative' | 'get';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

/**
 * JSON of a value with object keys sorted, so that equal queries make equal text whatever order
 * their fields were set in. A `credentials` object ({ user, password }) becomes a digest of both:
 * callers in passthrough mode with different credentials never share an entry, and neither the
 * password nor the user name is kept in the key (keys reach Redis and could reach logs).
 */
function canonical(value: unknown, key = ''): string {
  if (key === 'credentials' && typeof value === 'object' && value !== null) {
    const { user, password } = value as { user?: unknown; password?: unknown };
    return JSON.stringify(`sha256:${sha256(`${String(user)}\u0000${String(password)}`)}`);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((name) => (value as Record<string, unknown>)[name] !== undefined)
      .sort()
      .map(
        (name) =>
          `${JSON.stringify(name)}:${canonical((value as Record<string, unknown>)[name], name)}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What identifies one adapter read: the read (canonical query or record key) and locale. */
function readOf(input: JobLogQuery | string, locale: string | undefined): string {
  const read = canonical(input);
  return locale === undefined ? read : `${read}\u0000${locale}`;
}

/**
 * The identity of one adapter read, in the clear but for credentials: source id, operation, the
 * canonical query (or record key) and the caller's locale (an upstream may localize its
 * messages: IPS does). Identical concurrent reads share one upstream call by it; it stays in
 * the process (cacheKeyOf is what a store keeps).
 */
export function readKeyOf(
  source: string,
  operation: CachedOperation,
  input: JobLogQuery | string,
  locale?: string,
): string {
  return `${source}:${operation}:${readOf(input, locale)}`;
}

/**
 * The cache key of one adapter read: readKeyOf's identity with the read and locale hashed, so
 * that keys stay short and carry no caller data in the clear (keys reach Redis).
 */
export function cacheKeyOf(
  source: string,
  operation: CachedOperation,
  input: JobLogQuery | string,
  locale?: string,
): string {
  return `${source}:${operation}:${sha256(readOf(input, locale))}`;
}
