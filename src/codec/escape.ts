import { CodecError } from './errors';
import { FORBIDDEN_CHAR as FORBIDDEN } from './xml-chars';

const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

// `>` is escaped too so that `]]>` never appears in content; CR as a reference because a
// parser turns a literal one into LF (XML 1.0, 2.11).
const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;
// In attributes tab and LF also need references: a parser normalises them to spaces (3.3.3).
const ATTRIBUTE_SPECIAL = /[&<>"\r\n\t]/;
const ATTRIBUTE_SPECIAL_ALL = /[&<>"\r\n\t]/g;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

function replaceSpecial(char: string): string {
  return REPLACEMENTS[char] ?? char;
}

function assertCarriable(value: string, path: string): void {
  if (FORBIDDEN.test(value)) {
    throw new CodecError('string contains a character XML 1.0 cannot carry', path);
  }
}

/** Escapes character data for element content; throws CodecError on characters XML cannot carry. */
export function escapeText(value: string, path = ''): string {
  assertCarriable(value, path);
  return TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIAL_ALL, replaceSpecial) : value;
}

/** Escapes a double-quoted attribute value; throws CodecError on characters XML cannot carry. */
export function escapeAttribute(value: string, path = ''): string {
  assertCarriable(value, path);
  return ATTRIBUTE_SPECIAL.test(value)
    ? value.replace(ATTRIBUTE_SPECIAL_ALL, replaceSpecial)
    : value;
}

/** Replaces characters XML cannot carry (for free text such as fault messages, never for data). */
export function replaceForbiddenXmlChars(value: string, replacement = '\uFFFD'): string {
  return FORBIDDEN.test(value) ? value.replace(FORBIDDEN_ALL, replacement) : value;
}
