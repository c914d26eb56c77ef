import fc from 'fast-check';
import { parseXml, type Codec } from '../../../src/codec';
import { codecFor } from './helpers';

// Characters that stress escaping and whitespace handling, mixed with any character XML carries
// (astral ones included) so that escaping is tested structurally, not by example.
// XML 1.0 Char production, written out independently of the implementation.
function isXmlChar(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    cp >= 0x10000
  );
}
const xmlChar = fc.oneof(
  fc.constantFrom(
    '<',
    '&',
    '"',
    "'",
    '>',
    ']]>',
    ']',
    ' ',
    '\t',
    '\n',
    '\r',
    '\r\n',
    '-->',
    '&amp;',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(isXmlChar),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);
const xmlString = fc.string({ unit: xmlChar, maxLength: 12 });
const safeInteger = fc.maxSafeInteger();
const finiteNumber = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((n) => !Object.is(n, -0));

const recordSchema = {
  $id: 'https://example.test/pbt/record.json',
  type: 'object',
  xml: { name: 'record', namespace: 'urn:pbt' },
  additionalProperties: false,
  required: ['flags'],
  properties: {
    id: { type: 'string', xml: { attribute: true } },
    code: { type: 'string' },
    count: { type: 'integer' },
    ratio: { type: 'number' },
    active: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    flags: { type: 'array', items: { type: 'boolean', xml: { name: 'flag' } } },
    tags: { type: 'array', items: { type: 'string', xml: { name: 'tag' } } },
    owner: { $ref: '#/$defs/Person' },
    entries: {
      type: 'array',
      xml: { wrapped: true },
      items: { $ref: '#/$defs/Entry', xml: { name: 'items' } },
    },
    matrix: {
      type: 'array',
      xml: { wrapped: true },
      items: {
        type: 'array',
        xml: { name: 'row', wrapped: true },
        items: { type: 'number', xml: { name: 'cell' } },
      },
    },
    foreign: {
      type: 'object',
      xml: { namespace: 'urn:other', prefix: 'o' },
      properties: { value: { type: 'string' }, n: { type: ['integer', 'null'] } },
    },
  },
  $defs: {
    Person: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        email: { type: ['string', 'null'] },
        lang: { type: 'string', xml: { attribute: true } },
      },
    },
    Entry: {
      anyOf: [
        {
          type: 'object',
          properties: {
            at: { type: 'string' },
            level: { type: 'integer' },
            children: { type: 'array', xml: { wrapped: true }, items: { $ref: '#/$defs/Entry' } },
          },
        },
        { type: 'null' },
      ],
    },
  },
};

interface Entry {
  at?: string;
  level?: number;
  children?: (Entry | null)[];
}

const { entry } = fc.letrec<{ entry: Entry | null }>((tie) => ({
  entry: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.record(
      { at: xmlString, level: safeInteger, children: fc.array(tie('entry'), { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
  ),
}));

const recordValue = fc.record(
  {
    id: xmlString,
    code: xmlString,
    count: safeInteger,
    ratio: finiteNumber,
    active: fc.boolean(),
    note: fc.option(xmlString, { nil: null }),
    // Required, so no occurrence decodes back to [].
    flags: fc.array(fc.boolean(), { maxLength: 4 }),
    // Optional and unwrapped: [] would come back absent, so it is never empty here.
    tags: fc.array(xmlString, { minLength: 1, maxLength: 4 }),
    owner: fc.record(
      { name: xmlString, email: fc.option(xmlString, { nil: null }), lang: xmlString },
      { requiredKeys: [] },
    ),
    entries: fc.array(entry, { maxLength: 4 }),
    matrix: fc.array(fc.array(finiteNumber, { maxLength: 3 }), { maxLength: 3 }),
    foreign: fc.record(
      { value: xmlString, n: fc.option(safeInteger, { nil: null }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['flags'] },
);

const simpleContentSchema = {
  type: 'object',
  xml: { name: 'amount' },
  properties: {
    currency: { type: 'string', xml: { attribute: true } },
    value: { type: 'string', xml: { nodeType: 'text' } },
  },
};
const simpleContentValue = fc.record(
  { currency: xmlString, value: xmlString },
  { requiredKeys: ['value'] },
);

const rootArraySchema = {
  type: 'array',
  xml: { name: 'list', wrapped: true },
  items: { type: ['integer', 'null'], xml: { name: 'n' } },
};
const rootArrayValue = fc.array(fc.option(safeInteger, { nil: null }), { maxLength: 6 });

function roundTrip(codec: Codec, value: unknown): unknown {
  return codec.decode(parseXml(codec.encode(value)));
}

const cases: readonly [string, object, fc.Arbitrary<unknown>][] = [
  ['nested objects, arrays, nulls and namespaces', recordSchema, recordValue],
  ['an attribute beside text content', simpleContentSchema, simpleContentValue],
  ['a root array of nullable integers', rootArraySchema, rootArrayValue],
];

describe('codec round trips', () => {
  describe.each(cases)('when the schema has %s', (_name, schema, values) => {
    const codec = codecFor(schema);

    it('decodes what it encoded to an equal value', () => {
      fc.assert(
        fc.property(values, (value) => {
          expect(roundTrip(codec, value)).toEqual(value);
        }),
        { numRuns: 300 },
      );
    });

    it('encodes what it decoded from its own output to the same XML', () => {
      fc.assert(
        fc.property(values, (value) => {
          const xml = codec.encode(value);
          expect(codec.encode(codec.decode(parseXml(xml)))).toBe(xml);
        }),
        { numRuns: 200 },
      );
    });
  });
});
