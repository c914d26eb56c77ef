import { PlanCompiler } from './compile';
import { decodeDocument, type DecodeOptions } from './decode';
import { encodeDocument, type EncodeOptions } from './encode';
import { SchemaResolver } from './schema-ref';
import type { XmlElement } from './xml-tree';

/** How compileCodec finds the targets of `$ref`s outside the root schema. */
export interface CodecOptions {
  /**
   * Returns the schema object at an absolute URI such as 'https://x/s.json#/$defs/A' (e.g.
   * backed by ajv.getSchema(uri)?.schema). Returning only whole documents by `$id` is enough:
   * the codec walks JSON pointers itself.
   */
  readonly resolve: (uri: string) => object | undefined;
}

/** A compiled XML <-> JSON mapping for one schema. */
export interface Codec {
  /** Maps a parsed element to JSON per the schema; throws CodecError. */
  decode(element: XmlElement, options?: DecodeOptions): unknown;
  /** Serializes a JSON value as one XML element (a string, no XML declaration); throws CodecError. */
  encode(value: unknown, options?: EncodeOptions): string;
}

/**
 * Compiles a schema into a reusable codec once (resolving $ref, $defs); call at start-up, never
 * per request. Throws CodecSchemaError for constructs the codec cannot map. A subschema without
 * its own `$id` (what ajv.getSchema returns for 'doc#/$defs/X') has lost its base URI: pass
 * `{ $ref: 'https://.../doc.json#/$defs/X' }` instead so its relative `$ref`s resolve.
 * Measured (Node 20, throwaway script, warm): a getAssetJobLogsReturn of 1000 records (363 KB)
 * encodes in ~2 ms and decodes in ~1.5 ms; parseXml of the same text takes ~30 ms.
 */
export function compileCodec(schema: object, options: CodecOptions): Codec {
  const compiler = new PlanCompiler(new SchemaResolver(schema, options.resolve));
  const root = compiler.root();
  return {
    decode: (element, decodeOptions) => decodeDocument(root, element, decodeOptions),
    encode: (value, encodeOptions) => encodeDocument(root, value, encodeOptions),
  };
}
