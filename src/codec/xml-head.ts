import { startTagEnd } from './xml-prescan';

/** What to keep of a document's head (see headOfDocument). */
export interface HeadOptions {
  /** Local name of the root's child the head ends before (`Body` for a SOAP envelope). */
  readonly stopAt: string;
  /** Whether to keep a grandchild of the root, by its local name; the others are left out. */
  readonly keep: (local: string) => boolean;
  /** Longest head returned, in characters: a longer one is not cheap to parse. */
  readonly maxChars: number;
}

/** One piece of markup: a start or end tag, or something skipped (comment, PI, CDATA). */
type Markup =
  | { readonly kind: 'skip'; readonly next: number }
  | { readonly kind: 'end'; readonly next: number }
  | {
      readonly kind: 'start';
      readonly next: number;
      readonly name: string;
      readonly empty: boolean;
    };

/** Characters that end an element's name in a tag. */
const NAME_END = /[\s/>]/;

function nameAt(text: string, from: number): string {
  let end = from;
  while (end < text.length && !NAME_END.test(text.charAt(end))) end += 1;
  return text.slice(from, end);
}

function localPart(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

/** Index just after the first `close` at or after `from`, or -1. */
function skipPast(text: string, close: string, from: number): number {
  const end = text.indexOf(close, from);
  return end === -1 ? -1 : end + close.length;
}

function skipped(next: number): Markup | undefined {
  return next === -1 ? undefined : { kind: 'skip', next };
}

/** The markup starting at `at` (a `<`); undefined at a DTD, another declaration or a cut. */
function markupAt(text: string, at: number): Markup | undefined {
  if (text.startsWith('<?', at)) return skipped(skipPast(text, '?>', at + 2));
  if (text.startsWith('<!--', at)) return skipped(skipPast(text, '-->', at + 4));
  if (text.startsWith('<![CDATA[', at)) return skipped(skipPast(text, ']]>', at + 9));
  if (text.startsWith('<!', at)) return undefined;
  if (text.startsWith('</', at)) {
    const next = skipPast(text, '>', at + 2);
    return next === -1 ? undefined : { kind: 'end', next };
  }
  const end = startTagEnd(text, at);
  const name = nameAt(text, at + 1);
  if (end === -1 || name === '') return undefined;
  return { kind: 'start', next: end + 1, name, empty: text.charCodeAt(end - 1) === 0x2f };
}

/** Scanning state: how deep the scan is, and what of the head is built so far. */
interface Scan {
  readonly text: string;
  readonly options: HeadOptions;
  depth: number;
  root: string;
  /** Where the grandchild being kept starts, or -1 while none is. */
  keptFrom: number;
}

/** What an end tag at `at` adds to the head, if anything. */
function endTag(scan: Scan, at: number, next: number): string | undefined {
  scan.depth -= 1;
  if (scan.depth === 1) return scan.text.slice(at, next);
  if (scan.depth !== 2 || scan.keptFrom === -1) return undefined;
  const kept = scan.text.slice(scan.keptFrom, next);
  scan.keptFrom = -1;
  return kept;
}

/** What a start tag at `at` adds to the head, if anything. */
function startTag(
  scan: Scan,
  at: number,
  markup: { readonly next: number; readonly name: string; readonly empty: boolean },
): string | undefined {
  const { text, depth } = scan;
  const { next, name, empty } = markup;
  if (!empty) scan.depth += 1;
  if (depth === 0) {
    scan.root = name;
    return text.slice(0, next);
  }
  if (depth === 1) return text.slice(at, next);
  if (depth !== 2 || !scan.options.keep(localPart(name))) return undefined;
  if (empty) return text.slice(at, next);
  scan.keptFrom = at;
  return undefined;
}

/**
 * A cheap stand-in for the head of a document, to parse instead of the whole: the prolog, the
 * root's start tag, and of each child of the root before the first one named `stopAt`, its
 * start tag, the grandchildren `keep` names (whole, as written) and its end tag; then that
 * child's start tag made empty and the root's end tag. Start tags are kept as written, so every
 * kept element has the same namespace declarations in scope as in the document, and when the
 * document is well-formed so is the head. One linear pass over the markup, which decides nothing
 * about well-formedness (parse the result). Undefined when the head would be longer than
 * `maxChars`, when no such child starts before the root ends, or at a DTD or another `<!`
 * declaration.
 */
export function headOfDocument(text: string, options: HeadOptions): string | undefined {
  const scan: Scan = { text, options, depth: 0, root: '', keptFrom: -1 };
  const parts: string[] = [];
  let length = 0;
  for (let at = text.indexOf('<'); at !== -1;) {
    const markup = markupAt(text, at);
    if (markup === undefined) return undefined;
    let part: string | undefined;
    if (markup.kind === 'end') {
      part = endTag(scan, at, markup.next);
      if (scan.depth < 1) return undefined;
    } else if (markup.kind === 'start') {
      if (scan.depth === 0 && markup.empty) return undefined;
      if (scan.depth === 1 && localPart(markup.name) === options.stopAt) {
        const tag = text.slice(at, markup.next - (markup.empty ? 2 : 1));
        const head = `${parts.join('')}${tag}/></${scan.root}>`;
        return head.length <= options.maxChars ? head : undefined;
      }
      part = startTag(scan, at, markup);
    }
    if (part !== undefined) {
      parts.push(part);
      length += part.length;
      if (length > options.maxChars) return undefined;
    }
    at = text.indexOf('<', markup.next);
  }
  return undefined;
}
