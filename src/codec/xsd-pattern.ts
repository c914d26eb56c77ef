/**
 * An ECMAScript `pattern` (JSON Schema) as an XSD regular expression, or undefined when XSD
 * cannot say the same. JSON Schema patterns match anywhere unless anchored; XSD patterns always
 * match the whole value, so `^...$` loses its anchors and an unanchored end gets `.*`. Left out
 * (undefined): lookaround and other `(?` groups, back references, `\b` `\B` `\c` `\x` `\u` `\k`
 * `\p{..}` (ECMAScript's is not XSD's), lazy quantifiers, and `^` or `$` anywhere but the ends.
 */
export function xsdPattern(pattern: string): string | undefined {
  let body = pattern;
  const startAnchored = body.startsWith('^');
  if (startAnchored) body = body.slice(1);
  const endAnchored = body.endsWith('$') && !isEscaped(body, body.length - 1);
  if (endAnchored) body = body.slice(0, -1);
  const scan = scanRegex(body);
  if (scan === undefined) return undefined;
  if (!scan.alternation) return `${startAnchored ? '' : '.*'}${body}${endAnchored ? '' : '.*'}`;
  // `^a|b$` anchors each branch, not the whole: XSD cannot say it.
  return startAnchored || endAnchored ? undefined : `.*(${body}).*`;
}

/**
 * Whether a regex (anchors removed) uses only what XSD regexes also mean (undefined when not),
 * and whether it has a top-level `|`.
 */
function scanRegex(body: string): { alternation: boolean } | undefined {
  let inClass = false;
  let depth = 0;
  let alternation = false;
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index] as string;
    const next = body[index + 1];
    if (char === '\\') {
      if (next === undefined || /[bBcxukpP1-9]/.test(next)) return undefined;
      index += 1;
    } else if (inClass) {
      inClass = char !== ']';
    } else if (char === '[') {
      inClass = true;
      // A `^` right after `[` negates; a `]` right after that belongs to the class.
      if (next === '^') index += 1;
      if (body[index + 1] === ']') index += 1;
    } else if (!isPlainOutsideClass(char, next)) {
      return undefined;
    } else {
      depth += char === '(' ? 1 : char === ')' ? -1 : 0;
      alternation ||= char === '|' && depth === 0;
    }
  }
  return inClass ? undefined : { alternation };
}

function isPlainOutsideClass(char: string, next: string | undefined): boolean {
  if (char === '^' || char === '$') return false;
  if (char === '(' && next === '?') return false;
  return !('*+?}'.includes(char) && next === '?');
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let index = at - 1; index >= 0 && text[index] === '\\'; index -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}
