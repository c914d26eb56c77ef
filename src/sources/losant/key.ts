const LOSANT_ID = /^[A-Fa-f\d]{24}$/;

/** Encodes a job log's `id` as the opaque key of its unified id. */
export function encodeRecordKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** Decodes a record key from untrusted text into a Losant id; undefined when it is not one of ours. */
export function decodeRecordKey(text: string): string | undefined {
  if (text.length > 64 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const id = Buffer.from(text, 'base64url').toString('utf8');
  // Only the canonical spelling: another text decoding to the same id is not an id we gave out.
  if (!LOSANT_ID.test(id) || encodeRecordKey(id) !== text) return undefined;
  return id;
}
