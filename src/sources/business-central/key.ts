const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Two GUIDs of 16 bytes each: 43 base64url characters. */
const KEY_BYTES = 32;

/** The opaque part of a Business Central record id: the company and the entry's SystemId. */
export interface BusinessCentralRecordKey {
  readonly companyId: string;
  readonly entryId: string;
}

function guidBytes(guid: string): Buffer {
  if (!GUID.test(guid)) throw new RangeError(`not a GUID: ${guid.slice(0, 40)}`);
  return Buffer.from(guid.replace(/-/g, ''), 'hex');
}

function guidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Encodes company id + entry id (both GUIDs) as 43 URL-safe characters. */
export function encodeRecordKey(companyId: string, entryId: string): string {
  return Buffer.concat([guidBytes(companyId), guidBytes(entryId)]).toString('base64url');
}

/** Decodes a record key from untrusted text; undefined when it is not one of ours. GUIDs come back lower case. */
export function decodeRecordKey(text: string): BusinessCentralRecordKey | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== KEY_BYTES || bytes.toString('base64url') !== text) return undefined;
  return { companyId: guidText(bytes.subarray(0, 16)), entryId: guidText(bytes.subarray(16)) };
}
