import { CodecSchemaError, escapePointerToken } from './errors';

/** A subschema with the base URI its `$ref`s resolve against and its own absolute location. */
export interface SchemaNode {
  readonly schema: unknown;
  /** Base URI for relative `$ref` (the nearest enclosing `$id`). */
  readonly base: string;
  /** Absolute URI plus JSON pointer: the cache key and the place named in errors. */
  readonly location: string;
}

// Base of a root schema without `$id`: its local `#/...` references still resolve.
const ANONYMOUS_BASE = 'urn:joblog-gateway:codec:anonymous-root';

/** Reads an own property of a schema object (schemas are trusted, but never walk prototypes). */
export function keyword(schema: unknown, name: string): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  return Object.prototype.hasOwnProperty.call(schema, name)
    ? (schema as Record<string, unknown>)[name]
    : undefined;
}

function withId(schema: unknown, base: string): string {
  const id = keyword(schema, '$id');
  return typeof id === 'string' ? new URL(id, base).href.replace(/#$/, '') : base;
}

/** Resolves `$ref`s: first in the root document, then through the caller's resolve function. */
export class SchemaResolver {
  private readonly rootBase: string;

  constructor(
    private readonly rootSchema: object,
    private readonly resolveUri: (uri: string) => object | undefined,
  ) {
    this.rootBase = withId(rootSchema, ANONYMOUS_BASE);
  }

  /** The root schema as a node. */
  root(): SchemaNode {
    return { schema: this.rootSchema, base: this.rootBase, location: `${this.rootBase}#` };
  }

  /** Descends into `node[token1][token2]...`, or undefined when a step is missing. */
  child(node: SchemaNode, ...tokens: readonly string[]): SchemaNode | undefined {
    let { schema, base, location } = node;
    for (const token of tokens) {
      schema = Array.isArray(schema) ? arrayItem(schema, token) : keyword(schema, token);
      if (schema === undefined) return undefined;
      const childBase = withId(schema, base);
      location = childBase === base ? `${location}/${escapePointerToken(token)}` : `${childBase}#`;
      base = childBase;
    }
    return { schema, base, location };
  }

  // A subschema taken out of its document (ajv.getSchema('doc#/$defs/X').schema) has lost the
  // base its relative references need; say how to keep it.
  private hint(): string {
    return this.rootBase === ANONYMOUS_BASE
      ? "; the root schema has no $id: pass { $ref: 'https://.../doc.json#/$defs/X' } instead"
      : '';
  }

  /** Follows the `$ref` of a node; throws CodecSchemaError when it cannot be resolved. */
  follow(node: SchemaNode, ref: string): SchemaNode {
    let absolute: string;
    try {
      absolute = new URL(ref, node.base).href;
    } catch {
      throw new CodecSchemaError(
        `cannot resolve $ref '${ref}' against ${node.base}`,
        node.location,
      );
    }
    const hash = absolute.indexOf('#');
    const document = hash === -1 ? absolute : absolute.slice(0, hash);
    const fragment = hash === -1 ? '' : decodeFragment(absolute.slice(hash + 1), node);
    const location = `${document}#${fragment}`;
    if (document !== this.rootBase) {
      const direct = this.resolveUri(location);
      if (direct !== undefined) return { schema: direct, base: withId(direct, document), location };
    }
    const root = document === this.rootBase ? this.rootSchema : this.resolveUri(document);
    if (root === undefined) {
      throw new CodecSchemaError(`cannot resolve $ref '${ref}'${this.hint()}`, node.location);
    }
    if (fragment !== '' && !fragment.startsWith('/')) {
      throw new CodecSchemaError(`anchor $ref '${ref}' is not supported`, node.location);
    }
    const start = { schema: root, base: withId(root, document), location: `${document}#` };
    const tokens = fragment === '' ? [] : fragment.slice(1).split('/').map(unescapeToken);
    const target = this.child(start, ...tokens);
    if (target === undefined) {
      throw new CodecSchemaError(`$ref '${ref}' points at nothing${this.hint()}`, node.location);
    }
    return { ...target, location };
  }
}

function arrayItem(items: readonly unknown[], token: string): unknown {
  return /^(0|[1-9][0-9]*)$/.test(token) ? items[Number(token)] : undefined;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function decodeFragment(fragment: string, node: SchemaNode): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    throw new CodecSchemaError(`malformed $ref fragment '${fragment}'`, node.location);
  }
}
