/** A value that cannot be mapped between XML and JSON under the schema; `path` is a JSON pointer. */
export class CodecError extends Error {
  override readonly name = 'CodecError';

  constructor(
    message: string,
    /** JSON pointer of the offending value, e.g. '/jobLogArray/2/logDate' ('' for the root). */
    readonly path: string,
  ) {
    // The message names the place, shortened; `path` keeps it whole.
    super(
      path === ''
        ? message
        : `${message} at ${path.length > 120 ? `${path.slice(0, 120)}...` : path}`,
    );
  }
}

/** A schema the codec cannot map, reported by compileCodec; `location` is the schema's URI. */
export class CodecSchemaError extends Error {
  override readonly name = 'CodecSchemaError';

  constructor(
    message: string,
    /** Absolute URI with JSON pointer of the offending subschema. */
    readonly location: string,
  ) {
    super(`${message} (schema ${location})`);
  }
}

/** One JSON pointer reference token, escaped (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends one reference token to a JSON pointer (RFC 6901 escaping). */
export function pointerTo(path: string, token: string | number): string {
  return `${path}/${typeof token === 'number' ? token : escapePointerToken(token)}`;
}
