/** The opaque `$skiptoken` format: paging writes it into nextLink, query-options reads it back. */
import { badRequest } from './errors';

/** Encodes a position as an opaque `$skiptoken` (BC's are opaque too; clients follow nextLink verbatim). */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(`skip:${offset}`, 'utf8').toString('base64url');
}

/** Decodes a `$skiptoken` made by encodeSkipToken; throws ODataError (400) otherwise. */
export function decodeSkipToken(text: string): number {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(text)
    ? Buffer.from(text, 'base64url').toString('utf8')
    : '';
  const match = /^skip:(\d{1,9})$/.exec(decoded);
  if (match === null) throw badRequest(`The skip token value '${text.slice(0, 64)}' is invalid.`);
  return Number(match[1]);
}
