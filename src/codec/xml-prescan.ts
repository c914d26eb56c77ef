import { FORBIDDEN_CHAR } from './xml-chars';
import { XmlParseError } from './xml-error';

// Declarations that only exist inside a DTD; outside one they are still a DTD attempt.
const DTD_KEYWORDS = ['<!DOCTYPE', '<!ENTITY', '<!ELEMENT', '<!ATTLIST', '<!NOTATION'];

const MARKUP_START = /<[!?]/g;

function malformed(message: string): XmlParseError {
  return new XmlParseError('malformed', message);
}

/**
 * Rejects, in one linear pass over `<!` and `<?` constructs and before the parser runs, any DTD
 * (SOAP forbids them, and we never expand entities) with the reason 'dtd', so no entity beyond
 * the predefined five can ever be declared; also comments containing `--`, unterminated
 * comments, CDATA sections and processing instructions, and forbidden characters (the parser
 * refuses those too; here they cost one regular-expression pass).
 */
export function prescanXml(text: string): void {
  if (FORBIDDEN_CHAR.test(text)) throw malformed('document contains a character XML 1.0 forbids');
  MARKUP_START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = MARKUP_START.exec(text)) !== null) {
    MARKUP_START.lastIndex = skipConstruct(text, match.index);
  }
}

/** Returns the index just after the construct starting at `at` (a `<!` or `<?`). */
function skipConstruct(text: string, at: number): number {
  if (text.startsWith('<?', at)) {
    const end = text.indexOf('?>', at + 2);
    if (end === -1) throw malformed('unterminated processing instruction');
    return end + 2;
  }
  if (text.startsWith('<!--', at)) {
    // The first `--` after the opener must be the one that closes the comment (XML 1.0, 2.5).
    const end = text.indexOf('--', at + 4);
    if (end === -1) throw malformed('unterminated comment');
    if (text.charCodeAt(end + 2) !== 0x3e) throw malformed("'--' inside a comment");
    return end + 3;
  }
  if (text.startsWith('<![CDATA[', at)) {
    const end = text.indexOf(']]>', at + 9);
    if (end === -1) throw malformed('unterminated CDATA section');
    return end + 3;
  }
  if (DTD_KEYWORDS.some((keyword) => text.startsWith(keyword, at))) {
    throw new XmlParseError('dtd', 'DTDs and entity declarations are not allowed');
  }
  throw malformed("unexpected '<!' markup");
}

/** Index of the `>` closing the start tag at `from`, honouring quoted attribute values; -1 if none. */
export function startTagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return i;
    }
  }
  return -1;
}
