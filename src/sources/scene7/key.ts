/** The opaque part of a Scene7 record id: enough to read the same record again. */
export type Scene7RecordKey =
  | readonly ['a', string, string, string, string, string] // company, asset, jobHandle, logType, logDate
  | readonly ['j', string, string, string]; // company, jobHandle, startDate ('' when absent)

/** Encodes a record key as URL-safe text. */
export function encodeRecordKey(key: Scene7RecordKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a record key from untrusted text; undefined when it is not one of ours. */
export function decodeRecordKey(text: string): Scene7RecordKey | undefined {
  if (text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string')) return undefined;
  const parts = value;
  if (parts[0] === 'a' && parts.length === 6) return parts as unknown as Scene7RecordKey;
  if (parts[0] === 'j' && parts.length === 4) return parts as unknown as Scene7RecordKey;
  return undefined;
}
