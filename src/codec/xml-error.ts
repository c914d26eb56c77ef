/** Why parseXml refused a document. */
export type XmlParseErrorReason =
  'dtd' | 'malformed' | 'depth' | 'size' | 'reserved-name' | 'namespace';

/** A document that parseXml refuses; the message never quotes more than a few characters of input. */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';

  constructor(
    readonly reason: XmlParseErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** Cuts text taken from a document so that an error message never echoes large input. */
export function excerpt(text: string, max = 64): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
