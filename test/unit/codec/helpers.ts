import { compileCodec, parseXml, type Codec } from '../../../src/codec';

/** Compiles a codec whose `$ref`s resolve against a small map of documents by `$id`. */
export function codecFor(schema: object, documents: readonly object[] = []): Codec {
  const byId = new Map<string, object>();
  for (const document of [schema, ...documents]) {
    const id = (document as { $id?: unknown }).$id;
    if (typeof id === 'string') byId.set(id, document);
  }
  return compileCodec(schema, { resolve: (uri) => byId.get(uri) });
}

/** Parses then decodes, as a caller of the codec does. */
export function decodeXml(codec: Codec, xml: string, namespace?: string): unknown {
  return codec.decode(parseXml(xml), namespace === undefined ? {} : { namespace });
}

/** The CodecError path (or message) a call throws, for compact assertions. */
export function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the call to throw');
}
