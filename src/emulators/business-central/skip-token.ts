/** The opaque `$skiptoken` format: paging writes it into nextLink, query-options reads it back. */
import { badRequest } from './errors';

/** Where the next page starts: rows of the $skip/$top window already sent, and the last one's id. */
export interface SkipPosition {
  readonly offset: number;
  /**
   * The key (SystemId, lower case) of the last row sent: the next page starts after that row,
   * so rows appended while a client pages neither repeat nor push rows out of its pages. BC's
   * own skip tokens carry the last key too (§5, B9 [I]).
   */
  readonly after?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Encodes a position as an opaque `$skiptoken` (BC's are opaque too; clients follow nextLink verbatim). */
export function encodeSkipToken(offset: number, after?: string): string {
  const key = after === undefined ? '' : `:${after.toLowerCase()}`;
  return Buffer.from(`skip:${offset}${key}`, 'utf8').toString('base64url');
}

/** Decodes a `$skiptoken` made by encodeSkipToken; throws ODataError (400) otherwise. */
export function decodeSkipToken(text: string): SkipPosition {
  const decoded = /^[A-Za-z0-9_-]{1,128}$/.test(text)
    ? Buffer.from(text, 'base64url').toString('utf8')
    : '';
  const match = /^skip:(\d{1,9})(?::([^:]+))?$/.exec(decoded);
  const after = match?.[2];
  if (match === null || (after !== undefined && !GUID.test(after)))
    throw badRequest(`The skip token value '${text.slice(0, 64)}' is invalid.`);
  return { offset: Number(match[1]), ...(after === undefined ? {} : { after }) };
}
