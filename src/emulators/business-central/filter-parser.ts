import { badRequest, type ODataError } from './errors';

/** Comparison operators of OData `$filter` (business-central.md §5, B12). */
export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal on the right of a comparison, typed by its OData literal syntax. */
export type Literal =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number; readonly integer: boolean }
  | { readonly type: 'datetime'; readonly text: string }
  | { readonly type: 'guid'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' };

/**
 * A value inside `$filter`: a property, a literal (as a function argument), or a string function
 * of a value (`tolower`).
 */
export type ValueNode =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'literal'; readonly literal: Literal }
  | { readonly kind: 'tolower'; readonly operand: ValueNode };

/** The parsed `$filter` expression. */
export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      /** A property, or `tolower(...)` of one. */
      readonly left: ValueNode;
      readonly literal: Literal;
    }
  | { readonly kind: 'contains'; readonly haystack: ValueNode; readonly needle: ValueNode };

/** OData v4 canonical functions BC has that the emulator does not implement (answered 400). */
const UNSUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  'startswith',
  'endswith',
  'indexof',
  'length',
  'substring',
  'toupper',
  'trim',
  'concat',
  'matchesPattern',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'fractionalseconds',
  'date',
  'time',
  'totaloffsetminutes',
  'now',
  'maxdatetime',
  'mindatetime',
  'round',
  'floor',
  'ceiling',
  'cast',
  'isof',
]);

/** ODataLib's wording when a function's arguments fit none of its signatures. */
export function noFunctionSignature(name: 'contains' | 'tolower'): ODataError {
  const signature =
    name === 'contains'
      ? 'contains(Edm.String Nullable=true, Edm.String Nullable=true)'
      : 'tolower(Edm.String Nullable=true)';
  return badRequest(
    `No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${signature}.`,
  );
}

type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly pos: number }
  | { readonly kind: 'literal'; readonly literal: Literal; readonly pos: number }
  | { readonly kind: '(' | ')' | ',' | 'end'; readonly pos: number };

const OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const KEYWORDS: ReadonlySet<string> = new Set([
  ...OPS,
  'and',
  'or',
  'not',
  'null',
  'true',
  'false',
]);
/** Longest `$filter` accepted, and deepest nesting (ODataLib has a recursion limit too). */
export const MAX_FILTER_LENGTH = 4096;
const MAX_DEPTH = 50;

const GUID =
  /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y;
// OData 4 DateTimeOffset literals are unquoted: 2025-01-01T00:00:00Z, with optional fraction.
const DATE_TIME =
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})(?![\w:.+-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?![\w.-])/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

function sticky(pattern: RegExp, text: string, pos: number): string | undefined {
  pattern.lastIndex = pos;
  return pattern.exec(text)?.[0];
}

function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const next = text.indexOf("'", i);
    if (next < 0) {
      throw badRequest(
        `There is an unterminated string literal at position ${start} in '${text}'.`,
      );
    }
    value += text.slice(i, next);
    // A quote inside a string literal is doubled: 'O''Brien'.
    if (text[next + 1] === "'") {
      value += "'";
      i = next + 2;
      continue;
    }
    return { value, end: next + 1 };
  }
}

function readLiteralOrIdent(text: string, pos: number): { token: Token; end: number } {
  const guid = sticky(GUID, text, pos);
  if (guid !== undefined) {
    const literal: Literal = { type: 'guid', value: guid.toLowerCase() };
    return { token: { kind: 'literal', literal, pos }, end: pos + guid.length };
  }
  const dateTime = sticky(DATE_TIME, text, pos);
  if (dateTime !== undefined) {
    const literal: Literal = { type: 'datetime', text: dateTime };
    return { token: { kind: 'literal', literal, pos }, end: pos + dateTime.length };
  }
  const number = sticky(NUMBER, text, pos);
  if (number !== undefined) {
    const literal: Literal = {
      type: 'number',
      value: Number(number),
      integer: !number.includes('.'),
    };
    return { token: { kind: 'literal', literal, pos }, end: pos + number.length };
  }
  const ident = sticky(IDENT, text, pos);
  if (ident === undefined) {
    throw badRequest(
      `Syntax error: character '${text[pos] ?? ''}' is not valid at position ${pos} in '${text}'.`,
    );
  }
  const literals: Readonly<Record<string, Literal>> = {
    null: { type: 'null' },
    true: { type: 'boolean', value: true },
    false: { type: 'boolean', value: false },
  };
  const token: Token = Object.hasOwn(literals, ident)
    ? { kind: 'literal', literal: literals[ident] as Literal, pos }
    : { kind: 'ident', text: ident, pos };
  return { token, end: pos + ident.length };
}

/** Splits a `$filter` into tokens; throws ODataError (400) on a character it cannot read. */
export function tokenizeFilter(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const char = text[pos] as string;
    if (char === ' ' || char === '\t') {
      pos += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, pos });
      pos += 1;
    } else if (char === "'") {
      const { value, end } = readString(text, pos);
      tokens.push({ kind: 'literal', literal: { type: 'string', value }, pos });
      pos = end;
    } else {
      const { token, end } = readLiteralOrIdent(text, pos);
      tokens.push(token);
      pos = end;
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

class Parser {
  #index = 0;
  #depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): FilterNode {
    const node = this.#or();
    const rest = this.#peek();
    if (rest.kind !== 'end') throw this.#error(`')' or operator expected`, rest.pos);
    return node;
  }

  #peek(): Token {
    return this.tokens[this.#index] as Token;
  }

  #take(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index += 1;
    return token;
  }

  #isWord(word: string): boolean {
    const token = this.#peek();
    return token.kind === 'ident' && token.text === word;
  }

  #error(what: string, pos: number): ODataError {
    return badRequest(`${what} at position ${pos} in '${this.text}'.`);
  }

  #or(): FilterNode {
    let left = this.#and();
    while (this.#isWord('or')) {
      this.#take();
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): FilterNode {
    let left = this.#unary();
    while (this.#isWord('and')) {
      this.#take();
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FilterNode {
    return this.#nested(() => {
      if (this.#isWord('not')) {
        this.#take();
        return { kind: 'not', operand: this.#unary() };
      }
      return this.#primary();
    });
  }

  /** Runs `parse` one level deeper, refusing nesting beyond MAX_DEPTH. */
  #nested<T>(parse: () => T): T {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) throw badRequest('The recursion limit has been exceeded.');
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  #primary(): FilterNode {
    const token = this.#peek();
    if (token.kind === '(') {
      this.#take();
      const inner = this.#or();
      const close = this.#take();
      if (close.kind !== ')') throw this.#error(`')' or operator expected`, close.pos);
      return inner;
    }
    if (token.kind === 'ident' && token.text === 'contains' && this.#callFollows()) {
      this.#take();
      const [haystack, needle] = this.#arguments('contains', 2) as [ValueNode, ValueNode];
      return { kind: 'contains', haystack, needle };
    }
    const left = this.#operand();
    const op = this.#take();
    if (op.kind !== 'ident' || !OPS.has(op.text)) {
      throw this.#error(`Syntax error: expected a comparison operator`, op.pos);
    }
    const value = this.#take();
    if (value.kind !== 'literal') throw this.#error('Syntax error', value.pos);
    return { kind: 'compare', op: op.text as CompareOp, left, literal: value.literal };
  }

  #callFollows(): boolean {
    return this.tokens[this.#index + 1]?.kind === '(';
  }

  /** A property, or a string function of a value (`tolower(...)`). */
  #operand(): ValueNode {
    const token = this.#take();
    if (token.kind !== 'ident' || KEYWORDS.has(token.text)) {
      throw this.#error('Syntax error', token.pos);
    }
    if (this.#peek().kind !== '(') return { kind: 'property', name: token.text };
    const name = token.text;
    if (name === 'tolower') {
      const [operand] = this.#arguments('tolower', 1) as [ValueNode];
      return { kind: 'tolower', operand };
    }
    // contains is boolean: it is no value to compare or to pass on.
    if (name === 'contains') throw noFunctionSignature('contains');
    if (UNSUPPORTED_FUNCTIONS.has(name)) {
      throw badRequest(`The function '${name}' is not supported by this emulator.`);
    }
    throw badRequest(
      `An unknown function with name '${name.slice(0, 50)}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
    );
  }

  /** `(value, ...)` of a function call: exactly `arity` values, each a literal or an operand. */
  #arguments(name: 'contains' | 'tolower', arity: number): ValueNode[] {
    return this.#nested(() => {
      this.#take(); // '('
      const values: ValueNode[] = [];
      if (this.#peek().kind !== ')') {
        for (;;) {
          const next = this.#peek();
          if (next.kind === 'literal') {
            this.#take();
            values.push({ kind: 'literal', literal: next.literal });
          } else {
            values.push(this.#operand());
          }
          if (this.#peek().kind !== ',') break;
          this.#take();
        }
      }
      const close = this.#take();
      if (close.kind !== ')') throw this.#error(`')' or ',' expected`, close.pos);
      if (values.length !== arity) throw noFunctionSignature(name);
      return values;
    });
  }
}

/**
 * Parses an OData `$filter` of the subset BC integrations use: `property op literal`
 * comparisons (eq ne gt ge lt le) joined with and / or / not and parentheses, and the string
 * functions `contains(a, b)` (a condition) and `tolower(a)` (a value, also on the left of a
 * comparison), whose arguments are properties, literals or `tolower(...)`. Literals: quoted
 * strings (quotes doubled), integers and decimals, unquoted GUIDs and DateTimeOffsets, null,
 * true, false. Throws ODataError (400, ODataLib's wording) on anything else, other functions
 * included.
 */
export function parseFilter(text: string): FilterNode {
  if (text.length > MAX_FILTER_LENGTH) {
    throw badRequest(`The $filter query option is longer than ${MAX_FILTER_LENGTH} characters.`);
  }
  if (text.trim() === '') throw badRequest(`Syntax error at position 0 in '${text}'.`);
  return new Parser(text, tokenizeFilter(text)).parse();
}
