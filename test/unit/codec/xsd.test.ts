import { CodecSchemaError, generateXsd, type XsdDeclaration } from '../../../src/codec';
import { xsdPattern } from '../../../src/codec/xsd-pattern';
import { thrown } from './helpers';

const NS = 'urn:example:jobs';
const DOC = 'https://example.test/jobs.json';

const jobs = {
  $id: DOC,
  $defs: {
    Job: {
      description: 'One job.',
      type: 'object',
      additionalProperties: false,
      required: ['id', 'state', 'ended', 'lines'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z]+-[0-9]+$' },
        state: { type: 'string', enum: ['done', 'failed'] },
        ended: { type: ['string', 'null'], format: 'date-time', maxLength: 64 },
        tries: { type: 'integer', minimum: 0, maximum: 10 },
        size: { type: 'integer' },
        ratio: { type: 'number', exclusiveMinimum: 0 },
        ok: { type: 'boolean' },
        code: { type: ['string', 'integer'], maxLength: 8 },
        owner: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/Owner' }] },
        lines: { type: 'array', maxItems: 3, items: { type: 'string', xml: { name: 'line' } } },
        tags: {
          type: 'array',
          xml: { wrapped: true },
          items: { type: 'string', xml: { name: 'tag' } },
        },
      },
    },
    Owner: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string' } },
    },
    JobList: {
      type: 'object',
      additionalProperties: false,
      required: ['jobs'],
      properties: {
        jobs: { type: 'array', minItems: 1, items: { $ref: '#/$defs/Job', xml: { name: 'job' } } },
      },
    },
  },
};

function xsdOf(
  elements: readonly XsdDeclaration[],
  types: readonly XsdDeclaration[] = [],
  documents: readonly object[] = [jobs],
): string {
  const byId = new Map(documents.map((document) => [(document as { $id: string }).$id, document]));
  return generateXsd({
    targetNamespace: NS,
    prefix: 'j',
    elements,
    types,
    resolve: (uri) => byId.get(uri),
  });
}

const ref = (def: string): object => ({ $ref: `${DOC}#/$defs/${def}` });

describe('generateXsd', () => {
  const xsd = xsdOf([{ name: 'job', schema: ref('Job') }]);

  it('writes one schema of the target namespace, elements qualified', () => {
    expect(xsd).toMatch(
      /^<xs:schema xmlns:xs="http:\/\/www.w3.org\/2001\/XMLSchema" xmlns:j="urn:example:jobs" targetNamespace="urn:example:jobs" elementFormDefault="qualified">/,
    );
    expect(xsd.endsWith('</xs:schema>')).toBe(true);
  });

  it('keeps property order, required once and the others optional', () => {
    const names = [...xsd.matchAll(/<xs:element name="([a-z]+)"([^>]*)/g)].map(
      ([, name, rest]) => `${name}${rest!.includes('minOccurs="0"') ? '?' : ''}`,
    );
    expect(names).toEqual([
      'job',
      'id',
      'state',
      'ended',
      'tries?',
      'size?',
      'ratio?',
      'ok?',
      'code?',
      'owner?',
      'name',
      'line?',
      'tags?',
      'tag?',
    ]);
  });

  it('maps scalars to XSD types with their facets', () => {
    expect(xsd).toContain(
      '<xs:element name="id"><xs:simpleType><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="64"/><xs:pattern value="[a-z]+-[0-9]+"/></xs:restriction></xs:simpleType></xs:element>',
    );
    expect(xsd).toContain(
      '<xs:restriction base="xs:string"><xs:enumeration value="done"/><xs:enumeration value="failed"/></xs:restriction>',
    );
    // date-time is xs:dateTime (length facets do not apply to it); null is xsi:nil.
    expect(xsd).toContain('<xs:element name="ended" nillable="true" type="xs:dateTime"/>');
    expect(xsd).toContain(
      '<xs:restriction base="xs:int"><xs:minInclusive value="0"/><xs:maxInclusive value="10"/></xs:restriction>',
    );
    expect(xsd).toContain('<xs:element name="size" minOccurs="0" type="xs:long"/>');
    expect(xsd).toContain('<xs:restriction base="xs:double"><xs:minExclusive value="0"/>');
    expect(xsd).toContain('<xs:element name="ok" minOccurs="0" type="xs:boolean"/>');
    // A union of scalar types has no one lexical form: plain text.
    expect(xsd).toContain('<xs:element name="code" minOccurs="0" type="xs:string"/>');
  });

  it('makes a nullable oneOf a nillable element', () => {
    expect(xsd).toContain('<xs:element name="owner" minOccurs="0" nillable="true">');
  });

  it('repeats unwrapped items in place and puts wrapped ones in their wrapper', () => {
    expect(xsd).toContain('<xs:element name="line" minOccurs="0" maxOccurs="3" type="xs:string"/>');
    expect(xsd).toContain(
      '<xs:element name="tags" minOccurs="0"><xs:complexType><xs:sequence><xs:element name="tag" minOccurs="0" maxOccurs="unbounded" type="xs:string"/></xs:sequence></xs:complexType></xs:element>',
    );
  });

  it('refers to named types by name wherever a $ref reaches them', () => {
    const named = xsdOf(
      [{ name: 'jobList', schema: ref('JobList') }],
      [
        { name: 'Job', schema: ref('Job') },
        { name: 'Owner', schema: ref('Owner') },
      ],
    );
    expect(named).toContain('<xs:element name="job" maxOccurs="unbounded" type="j:Job"/>');
    expect(named).toContain(
      '<xs:element name="owner" minOccurs="0" nillable="true" type="j:Owner"/>',
    );
    expect(named).toContain(
      '<xs:complexType name="Job"><xs:annotation><xs:documentation>One job.</xs:documentation></xs:annotation><xs:sequence>',
    );
    expect(named).toContain(
      '<xs:complexType name="Owner"><xs:sequence><xs:element name="name" type="xs:string"/>',
    );
  });

  it('refuses what it cannot say faithfully', () => {
    const open = { $id: 'urn:open', type: 'object', properties: { a: { type: 'string' } } };
    expect(thrown(() => xsdOf([{ name: 'x', schema: open }], [], [open]))).toBeInstanceOf(
      CodecSchemaError,
    );
    const attribute = {
      $id: 'urn:attribute',
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'string', xml: { attribute: true } } },
    };
    expect(
      thrown(() => xsdOf([{ name: 'x', schema: attribute }], [], [attribute])).message,
    ).toMatch(/attributes and text nodes/);
    const foreign = {
      $id: 'urn:foreign',
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'string', xml: { namespace: 'urn:other' } } },
    };
    expect(thrown(() => xsdOf([{ name: 'x', schema: foreign }], [], [foreign])).message).toMatch(
      /outside the target namespace/,
    );
  });
});

describe('xsdPattern', () => {
  it.each([
    ['^[a-z][a-z0-9-]{0,62}\\.[A-Za-z0-9_-]+$', '[a-z][a-z0-9-]{0,62}\\.[A-Za-z0-9_-]+'],
    ['^GW_ERR_[A-Z_]+$', 'GW_ERR_[A-Z_]+'],
    ['abc', '.*abc.*'],
    ['^abc', 'abc.*'],
    ['[^$]x$', '.*[^$]x'],
    ['^a\\$$', 'a\\$'],
    ['a|b', '.*(a|b).*'],
    ['^(a|b)$', '(a|b)'],
  ])('translates %s to %s', (pattern, expected) => {
    expect(xsdPattern(pattern)).toBe(expected);
  });

  it.each([
    '^(?!0000)\\d{4}$',
    '^(a)\\1$',
    '^\\bword$',
    '^a+?$',
    '^a|^b$',
    '^a|b$',
    '^\\u00e9$',
    '^[abc$',
  ])('leaves out %s, which XSD cannot say', (pattern) => {
    expect(xsdPattern(pattern)).toBeUndefined();
  });
});
