/** Schema-driven XML <-> JSON codec and the safe XML reader it works on. */
export { compileCodec } from './codec';
export type { Codec, CodecOptions } from './codec';
export type { DecodeOptions } from './decode';
export type { EncodeOptions } from './encode';
export type { XmlAnnotation } from './annotation';
export { CodecError, CodecSchemaError } from './errors';
export { escapeAttribute, escapeText, replaceForbiddenXmlChars } from './escape';
export { parseXml, XmlParseError } from './xml-tree';
export type { XmlAttribute, XmlElement, XmlLimits, XmlNode, XmlParseErrorReason } from './xml-tree';
export { xsdDateTimeToUtc } from './xsd-date-time';
export { generateXsd } from './xsd';
export type { XsdDeclaration, XsdOptions } from './xsd';
