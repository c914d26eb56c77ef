/** An NCName (a name without a colon), close enough to XML 1.0 fifth edition for our names. */
export const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}_.\-\u00B7\u203F\u2040]*$/u;

/**
 * Characters XML 1.0 cannot carry, not even as character references (Char production, 2.2):
 * C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
 */
export const FORBIDDEN_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
