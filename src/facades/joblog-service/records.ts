import { replaceForbiddenXmlChars } from '../../codec';
import type { UnifiedJobLog } from '../../contract';

/** A unified record as the XML codec takes it: `raw` as JSON text (see messages.ts). */
export type XmlJobLog = Omit<UnifiedJobLog, 'raw'> & { readonly raw: string };

/**
 * The native record as JSON text that XML can carry whole: JSON.stringify already escapes the
 * control characters and lone surrogates XML 1.0 forbids; U+FFFE and U+FFFF, the two it leaves,
 * are escaped the same way. JSON.parse of the text gives the record back exactly.
 */
export function rawJsonText(raw: unknown): string {
  return JSON.stringify(raw).replace(
    /[\uFFFE\uFFFF]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16)}`,
  );
}

/**
 * A JSON value with every string made XML-safe: characters XML 1.0 cannot carry become U+FFFD.
 * For the normalized fields and problems only (display text); the native record keeps every
 * character in its JSON text (rawJsonText). Keys come from our own objects, never from input.
 */
export function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return replaceForbiddenXmlChars(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => xmlSafe(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, xmlSafe(item as unknown)]),
    ) as T;
  }
  return value;
}

/** A unified record ready for the XML codec: `raw` as JSON text, the rest XML-safe. */
export function toXmlJobLog(record: UnifiedJobLog): XmlJobLog {
  const { raw, ...fields } = record;
  return { ...xmlSafe(fields), raw: rawJsonText(raw) };
}
