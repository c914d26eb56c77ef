import { FORBIDDEN_CHAR } from './xml-chars';
import { XmlParseError } from './xml-error';

// One match per `&`: the name runs to the next `;` (names cannot contain `&`, `<` or spaces),
// so the scan is linear and nothing ever expands to more than one character.
const REFERENCE = /&([^&;<\s]*)(;?)/g;
const DECIMAL = /^#[0-9]+$/;
const HEX = /^#x[0-9A-Fa-f]+$/;

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Decodes the five predefined entities and character references; throws on anything else. */
export function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (_match, name: string, semicolon: string) => {
    if (semicolon === '') throw new XmlParseError('malformed', "'&' not followed by a reference");
    return decodeReference(name);
  });
}

function decodeReference(name: string): string {
  if (Object.prototype.hasOwnProperty.call(PREDEFINED, name)) return PREDEFINED[name] ?? '';
  let codePoint: number;
  if (HEX.test(name)) codePoint = Number.parseInt(name.slice(2), 16);
  else if (DECIMAL.test(name)) codePoint = Number.parseInt(name.slice(1), 10);
  else throw new XmlParseError('malformed', 'reference to an undeclared entity');
  // One definition of XML 1.0's Char production serves here and in the escaper (xml-chars.ts):
  // a surrogate code point becomes a lone surrogate, which FORBIDDEN_CHAR refuses.
  const char = codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
  if (char === undefined || FORBIDDEN_CHAR.test(char)) {
    throw new XmlParseError('malformed', 'character reference to a character XML 1.0 forbids');
  }
  return char;
}

// Attribute-value normalisation (XML 1.0, 3.3.3): literal tab, CR and LF become spaces before
// references are decoded, so `&#10;` survives as a line feed while a raw one does not.
const ATTRIBUTE_WHITESPACE = /[\t\n\r]/g;

/** Decodes a raw attribute value as an XML processor must; throws XmlParseError. */
export function decodeAttributeValue(raw: string): string {
  if (raw.includes('<')) throw new XmlParseError('malformed', "'<' in an attribute value");
  return decodeReferences(raw.replace(ATTRIBUTE_WHITESPACE, ' '));
}

/** Decodes raw character data (outside CDATA); throws XmlParseError. */
export function decodeCharacterData(raw: string): string {
  if (raw.includes(']]>')) throw new XmlParseError('malformed', "']]>' in character data");
  return decodeReferences(raw);
}
