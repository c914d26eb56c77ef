import { CodecError, CodecSchemaError, type XmlElement, type XmlNode } from '../../../src/codec';
import { codecFor, decodeXml, thrown } from './helpers';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const item = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    count: { type: 'integer' },
    ok: { type: 'boolean' },
  },
};

const listSchema = {
  type: 'object',
  xml: { name: 'list' },
  additionalProperties: false,
  properties: {
    wrapped: { type: 'array', xml: { wrapped: true }, items: { ...item, xml: { name: 'items' } } },
    loose: { type: 'array', items: item },
    tags: { type: 'array', items: { type: 'string', xml: { name: 'tag' } } },
  },
};

describe('codec', () => {
  describe('when a property is a wrapped array', () => {
    const codec = codecFor(listSchema);

    it('decodes an empty wrapper to [] and an absent one to an absent property', () => {
      expect(decodeXml(codec, '<list><wrapped/></list>')).toEqual({ wrapped: [] });
      expect(decodeXml(codec, '<list/>')).toEqual({});
    });

    it('decodes one <items> to an array of one', () => {
      expect(decodeXml(codec, '<list><wrapped><items><id>a</id></items></wrapped></list>')).toEqual(
        {
          wrapped: [{ id: 'a' }],
        },
      );
    });

    it('decodes many items in document order', () => {
      const xml =
        '<list><wrapped>\n <items><id>a</id></items>\n <items><id>b</id></items>\n <items/></wrapped></list>';
      expect(decodeXml(codec, xml)).toEqual({ wrapped: [{ id: 'a' }, { id: 'b' }, {}] });
    });

    it('encodes [] as an empty wrapper and items inside it', () => {
      expect(codec.encode({ wrapped: [] })).toBe('<list><wrapped/></list>');
      expect(codec.encode({ wrapped: [{ id: 'a' }, { id: 'b' }] })).toBe(
        '<list><wrapped><items><id>a</id></items><items><id>b</id></items></wrapped></list>',
      );
    });

    it('refuses a foreign element inside the wrapper', () => {
      expect(thrown(() => decodeXml(codec, '<list><wrapped><x/></wrapped></list>'))).toMatchObject({
        path: '/wrapped',
      });
    });
  });

  describe('when a property is an unwrapped array', () => {
    const codec = codecFor(listSchema);

    it('decodes one element to an array of one and many to many', () => {
      expect(decodeXml(codec, '<list><loose><id>a</id></loose></list>')).toEqual({
        loose: [{ id: 'a' }],
      });
      expect(decodeXml(codec, '<list><tag>x</tag><loose/><tag>y</tag></list>')).toEqual({
        loose: [{}],
        tags: ['x', 'y'],
      });
    });

    it('names items by items.xml.name, else by the property', () => {
      expect(codec.encode({ loose: [{ id: 'a' }, { id: 'b' }], tags: ['x'] })).toBe(
        '<list><loose><id>a</id></loose><loose><id>b</id></loose><tag>x</tag></list>',
      );
    });

    it('encodes [] as nothing, which decodes to an absent property', () => {
      expect(codec.encode({ tags: [] })).toBe('<list/>');
      expect(decodeXml(codec, '<list/>')).toEqual({});
    });

    it('decodes no occurrence to [] when the property is required', () => {
      const required = codecFor({ ...listSchema, required: ['tags'] });
      expect(decodeXml(required, '<list/>')).toEqual({ tags: [] });
    });
  });

  describe('when scalars are typed by the schema', () => {
    const codec = codecFor(listSchema);

    it('keeps strings verbatim, leading zeros and whitespace included', () => {
      expect(
        decodeXml(codec, '<list><loose><id>00123</id></loose><tag>  a \n b  </tag></list>'),
      ).toEqual({
        loose: [{ id: '00123' }],
        tags: ['  a \n b  '],
      });
    });

    it('parses integers and booleans from their XSD lexical forms', () => {
      const xml =
        '<list><loose><count> 0042 </count><ok>1</ok></loose><loose><count>-7</count><ok>false</ok></loose></list>';
      expect(decodeXml(codec, xml)).toEqual({
        loose: [
          { count: 42, ok: true },
          { count: -7, ok: false },
        ],
      });
    });

    it.each([
      ['a non-numeric integer', '<count>12a</count>'],
      ['a decimal integer', '<count>1.5</count>'],
      ['an empty integer', '<count/>'],
      ['an integer beyond 2^53', '<count>9007199254740993</count>'],
      ['INF', '<count>INF</count>'],
      ['a word boolean', '<ok>yes</ok>'],
    ])('refuses %s with the JSON pointer of the value', (_name, inner) => {
      const error = thrown(() => decodeXml(codec, `<list><loose/><loose>${inner}</loose></list>`));
      expect(error).toBeInstanceOf(CodecError);
      expect((error as CodecError).path).toMatch(/^\/loose\/1\/(count|ok)$/);
    });

    it('parses numbers, refusing NaN and infinities', () => {
      const numbers = codecFor({
        type: 'object',
        xml: { name: 'n' },
        properties: { x: { type: 'number' } },
      });
      expect(decodeXml(numbers, '<n><x>-1.5E3</x></n>')).toEqual({ x: -1500 });
      expect(thrown(() => decodeXml(numbers, '<n><x>NaN</x></n>'))).toBeInstanceOf(CodecError);
      expect(thrown(() => numbers.encode({ x: Infinity }))).toBeInstanceOf(CodecError);
      expect(numbers.encode({ x: 2 ** 60 })).toBe('<n><x>1.152921504606847e+18</x></n>');
    });

    it('writes integers in plain digits', () => {
      expect(codec.encode({ loose: [{ count: 9007199254740991, ok: true }] })).toBe(
        '<list><loose><count>9007199254740991</count><ok>true</ok></loose></list>',
      );
    });

    it('refuses a value of the wrong type when encoding', () => {
      expect(thrown(() => codec.encode({ loose: [{ id: { nested: 1 } }] }))).toMatchObject({
        path: '/loose/0/id',
      });
      expect(thrown(() => codec.encode({ loose: [{ count: '12' }] }))).toMatchObject({
        path: '/loose/0/count',
      });
      expect(thrown(() => codec.encode({ loose: [{ count: 1.5 }] }))).toMatchObject({
        path: '/loose/0/count',
      });
      expect(thrown(() => codec.encode({ wrapped: { id: 'a' } }))).toMatchObject({
        path: '/wrapped',
      });
      expect(thrown(() => codec.encode([]))).toMatchObject({ path: '' });
    });

    it('keeps strings for a type list or a scalar oneOf that admits them', () => {
      const union = codecFor({
        type: 'object',
        xml: { name: 'u' },
        properties: {
          a: { type: ['string', 'null'] },
          b: { oneOf: [{ type: 'integer' }, { type: 'string', format: 'date' }] },
          c: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
          d: { enum: [1, 2, 3] },
        },
      });
      expect(decodeXml(union, '<u><a>007</a><b>007</b><c>true</c><d>2</d></u>')).toEqual({
        a: '007',
        b: '007',
        c: true,
        d: 2,
      });
    });
  });

  describe('when encoding an object', () => {
    const codec = codecFor(listSchema);

    it('writes elements in properties order whatever the key order', () => {
      expect(codec.encode({ tags: ['t'], loose: [{ ok: false, id: 'i', count: 3 }] })).toBe(
        '<list><loose><id>i</id><count>3</count><ok>false</ok></loose><tag>t</tag></list>',
      );
    });

    it('omits undefined properties and refuses unknown ones when additionalProperties is false', () => {
      expect(codec.encode({ tags: undefined })).toBe('<list/>');
      expect(thrown(() => codec.encode({ extra: 1 }))).toMatchObject({ path: '/extra' });
    });
  });

  describe('when decoding an object', () => {
    const codec = codecFor(listSchema);

    it('accepts children in any order and returns properties in schema order', () => {
      const decoded = decodeXml(codec, '<list><loose><ok>true</ok><id>x</id></loose></list>');
      expect(decoded).toEqual({ loose: [{ id: 'x', ok: true }] });
      expect(Object.keys((decoded as { loose: object[] }).loose[0]!)).toEqual(['id', 'ok']);
    });

    it('refuses a duplicate element of a non-array property', () => {
      const error = thrown(() =>
        decodeXml(codec, '<list><loose><id>a</id><id>b</id></loose></list>'),
      );
      expect(error).toBeInstanceOf(CodecError);
      expect(error.message).toContain('duplicate element');
      expect((error as CodecError).path).toBe('/loose/0/id');
    });

    it('refuses an undeclared element when additionalProperties is false', () => {
      expect(thrown(() => decodeXml(codec, '<list><loose><bogus/></loose></list>'))).toMatchObject({
        path: '/loose/0',
      });
    });

    it('skips an undeclared element when additionalProperties is not false', () => {
      const open = codecFor({
        type: 'object',
        xml: { name: 'o' },
        properties: { a: { type: 'string' } },
      });
      expect(decodeXml(open, '<o><extra><deep/></extra><a>1</a></o>')).toEqual({ a: '1' });
    });

    it('refuses text in element-only content but ignores whitespace', () => {
      expect(decodeXml(codec, '<list>\n  <tag>t</tag>\n</list>')).toEqual({ tags: ['t'] });
      expect(thrown(() => decodeXml(codec, '<list>stray<tag>t</tag></list>'))).toBeInstanceOf(
        CodecError,
      );
    });

    it('refuses an element where a scalar is expected', () => {
      expect(thrown(() => decodeXml(codec, '<list><tag><b>x</b></tag></list>'))).toMatchObject({
        path: '/tags/0',
      });
    });

    it('refuses a root element with another name than the schema gives', () => {
      expect(thrown(() => decodeXml(codec, '<other/>'))).toBeInstanceOf(CodecError);
    });
  });

  describe('when values are null', () => {
    const codec = codecFor({
      type: 'object',
      xml: { name: 'n' },
      properties: {
        s: { type: ['string', 'null'] },
        o: { anyOf: [{ $ref: '#/$defs/O' }, { type: 'null' }] },
        list: { type: 'array', items: { type: ['integer', 'null'] } },
        plain: { type: 'string' },
        typed: { type: ['object', 'null'], properties: { v: { type: 'string' } } },
      },
      $defs: { O: { type: 'object', properties: { v: { type: 'string' } } } },
    });

    it('writes xsi:nil, declaring xsi once on the root', () => {
      expect(codec.encode({ s: null, o: null, list: [1, null], typed: null })).toBe(
        `<n xmlns:xsi="${XSI}"><s xsi:nil="true"/><o xsi:nil="true"/><list>1</list><list xsi:nil="true"/><typed xsi:nil="true"/></n>`,
      );
    });

    it('declares nothing when no value is null', () => {
      expect(codec.encode({ s: '' })).toBe('<n><s/></n>');
    });

    it('decodes xsi:nil="true" under any prefix to null', () => {
      const xml = `<n xmlns:i="${XSI}"><s i:nil="true"/><o i:nil="1"></o><list>1</list><list i:nil="true"/><plain i:nil="false">x</plain></n>`;
      expect(decodeXml(codec, xml)).toEqual({ s: null, o: null, list: [1, null], plain: 'x' });
    });

    it('refuses null where the schema does not admit it, and a nil element with content', () => {
      expect(thrown(() => codec.encode({ plain: null }))).toMatchObject({ path: '/plain' });
      expect(
        thrown(() => decodeXml(codec, `<n xmlns:i="${XSI}"><o i:nil="true"><v>x</v></o></n>`)),
      ).toMatchObject({
        path: '/o',
      });
    });
  });

  describe('when values carry markup characters', () => {
    const codec = codecFor({
      type: 'object',
      xml: { name: 'e' },
      properties: { text: { type: 'string' }, attr: { type: 'string', xml: { attribute: true } } },
    });
    const tricky = 'a <b> & "c" \'d\' ]]> e\r\nf\tg';

    it('escapes text and attributes structurally', () => {
      expect(codec.encode({ text: tricky, attr: tricky })).toBe(
        '<e attr="a &lt;b&gt; &amp; &quot;c&quot; \'d\' ]]&gt; e&#13;&#10;f&#9;g">' +
          '<text>a &lt;b&gt; &amp; "c" \'d\' ]]&gt; e&#13;\nf\tg</text></e>',
      );
    });

    it('gets the identical values back after parsing', () => {
      expect(decodeXml(codec, codec.encode({ text: tricky, attr: tricky }))).toEqual({
        text: tricky,
        attr: tricky,
      });
    });

    it.each([
      ['U+0000', '\u0000'],
      ['a C0 control', '\u001B'],
      ['a lone surrogate', '\uD800x'],
      ['U+FFFE', '\uFFFE'],
    ])('refuses %s, which XML cannot carry', (_name, bad) => {
      expect(thrown(() => codec.encode({ text: `x${bad}` }))).toMatchObject({ path: '/text' });
      expect(thrown(() => codec.encode({ attr: `x${bad}` }))).toMatchObject({ path: '/attr' });
    });
  });

  describe('when a property is an attribute or the text content', () => {
    const codec = codecFor({
      type: 'object',
      xml: { name: 'price' },
      properties: {
        currency: { type: 'string', xml: { attribute: true } },
        lang: {
          type: 'string',
          xml: {
            nodeType: 'attribute',
            name: 'lang',
            namespace: 'http://www.w3.org/XML/1998/namespace',
            prefix: 'xml',
          },
        },
        code: { type: 'string', xml: { nodeType: 'attribute', namespace: 'urn:c', prefix: 'c' } },
        amount: { type: 'number', xml: { nodeType: 'text' } },
      },
    });

    it('encodes attributes beside the text', () => {
      expect(codec.encode({ currency: 'EUR', lang: 'en', code: 'x', amount: 9.5 })).toBe(
        '<price xmlns:c="urn:c" currency="EUR" xml:lang="en" c:code="x">9.5</price>',
      );
    });

    it('decodes attributes by namespace and the text by type', () => {
      const xml =
        '<price xmlns:k="urn:c" currency="EUR" k:code="x" code="ignored" xml:lang="en"> 9.5 </price>';
      expect(decodeXml(codec, xml)).toEqual({
        currency: 'EUR',
        lang: 'en',
        code: 'x',
        amount: 9.5,
      });
      expect(decodeXml(codec, '<price currency="USD"/>')).toEqual({ currency: 'USD' });
    });
  });

  describe('when namespaces are involved', () => {
    const schema = {
      type: 'object',
      xml: { name: 'root' },
      properties: {
        a: { type: 'string' },
        other: {
          type: 'object',
          xml: { namespace: 'urn:other' },
          properties: { b: { type: 'string' } },
        },
        prefixed: {
          type: 'object',
          xml: { namespace: 'urn:p', prefix: 'p' },
          properties: { c: { type: 'string' } },
        },
        none: { type: 'string', xml: { namespace: '' } },
      },
    };
    const codec = codecFor(schema);

    it('uses the call-time namespace for the root and children that inherit it', () => {
      expect(codec.encode({ a: 'x' }, { namespace: 'urn:v1' })).toBe(
        '<root xmlns="urn:v1"><a>x</a></root>',
      );
      expect(decodeXml(codec, '<root xmlns="urn:v1"><a>x</a></root>', 'urn:v1')).toEqual({
        a: 'x',
      });
    });

    it('declares a new default namespace where a child leaves its parent namespace', () => {
      expect(codec.encode({ other: { b: 'y' }, none: 'z' }, { namespace: 'urn:v1' })).toBe(
        '<root xmlns="urn:v1"><other xmlns="urn:other"><b>y</b></other><none xmlns="">z</none></root>',
      );
    });

    it('declares xmlns:prefix when the schema gives a prefix, and children inherit it', () => {
      expect(codec.encode({ prefixed: { c: 'w' } }, { namespace: 'urn:v1' })).toBe(
        '<root xmlns="urn:v1"><p:prefixed xmlns:p="urn:p"><p:c>w</p:c></p:prefixed></root>',
      );
    });

    it('decodes by namespace whatever prefixes the document uses', () => {
      const xml =
        '<q:root xmlns:q="urn:v1" xmlns:o="urn:other"><q:a>x</q:a><o:other><o:b>y</o:b></o:other><none xmlns="">z</none></q:root>';
      expect(decodeXml(codec, xml, 'urn:v1')).toEqual({ a: 'x', other: { b: 'y' }, none: 'z' });
    });

    it('refuses a child in an unexpected namespace', () => {
      expect(
        thrown(() => decodeXml(codec, '<root xmlns="urn:v1"><a xmlns="urn:v2">x</a></root>')),
      ).toMatchObject({
        path: '/a',
      });
      expect(
        thrown(() => decodeXml(codec, '<root xmlns="urn:v1"><other><b>y</b></other></root>')),
      ).toMatchObject({ path: '/other' });
    });

    it('refuses a root in another namespace than the call-time one', () => {
      expect(thrown(() => decodeXml(codec, '<root xmlns="urn:v2"/>', 'urn:v1'))).toBeInstanceOf(
        CodecError,
      );
    });

    it('accepts any root namespace when neither schema nor caller gives one', () => {
      expect(decodeXml(codec, '<root xmlns="urn:any"><a>x</a></root>')).toEqual({ a: 'x' });
    });

    it("lets the schema's root namespace win over the call-time one", () => {
      const fixed = codecFor({ ...schema, xml: { name: 'root', namespace: 'urn:fixed' } });
      expect(fixed.encode({}, { namespace: 'urn:v1' })).toBe('<root xmlns="urn:fixed"/>');
      expect(thrown(() => decodeXml(fixed, '<root xmlns="urn:v1"/>', 'urn:v1'))).toBeInstanceOf(
        CodecError,
      );
    });

    it('takes the root name and prefix from the call when given', () => {
      expect(codec.encode({}, { name: 'renamed', namespace: 'urn:v1', prefix: 'v' })).toBe(
        '<v:renamed xmlns:v="urn:v1"/>',
      );
    });
  });

  describe('when the schema uses $ref', () => {
    const shared = {
      $id: 'https://example.test/shared.json',
      $defs: {
        Leaf: { type: 'object', properties: { value: { type: 'integer' } } },
        Name: { type: 'string' },
      },
    };
    const main = {
      $id: 'https://example.test/main.json',
      type: 'object',
      xml: { name: 'main' },
      properties: {
        leaf: { $ref: 'shared.json#/$defs/Leaf' },
        renamed: { $ref: 'shared.json#/$defs/Leaf', xml: { name: 'other' } },
        name: { $ref: 'https://example.test/shared.json#/$defs/Name' },
        tree: { $ref: '#/$defs/Tree' },
      },
      $defs: {
        Tree: {
          type: 'object',
          properties: {
            label: { type: 'string' },
            children: {
              type: 'array',
              xml: { wrapped: true },
              items: { $ref: '#/$defs/Tree', xml: { name: 'node' } },
            },
          },
        },
      },
    };
    const codec = codecFor(main, [shared]);

    it('resolves relative and absolute references against $id, with sibling xml names', () => {
      const value = { leaf: { value: 1 }, renamed: { value: 2 }, name: '007' };
      const xml = codec.encode(value);
      expect(xml).toBe(
        '<main><leaf><value>1</value></leaf><other><value>2</value></other><name>007</name></main>',
      );
      expect(decodeXml(codec, xml)).toEqual(value);
    });

    it('maps a recursive schema both ways', () => {
      const tree = {
        label: 'a',
        children: [
          { label: 'b', children: [] },
          { label: 'c', children: [{ label: 'd' }] },
        ],
      };
      const xml = codec.encode({ tree });
      expect(xml).toBe(
        '<main><tree><label>a</label><children><node><label>b</label><children/></node><node><label>c</label><children><node><label>d</label></node></children></node></children></tree></main>',
      );
      expect(decodeXml(codec, xml)).toEqual({ tree });
    });

    it('compiles a subschema given as { $ref } and takes its xml.name', () => {
      const sub = codecFor(
        { $ref: 'https://example.test/main.json#/$defs/Tree', xml: { name: 'tree' } },
        [main],
      );
      expect(sub.encode({ label: 'x' })).toBe('<tree><label>x</label></tree>');
    });

    it('explains how to compile a subschema that lost its $id', () => {
      const error = thrown(() => codecFor(main.$defs.Tree));
      expect(error).toBeInstanceOf(CodecSchemaError);
      expect(error.message).toContain('pass { $ref:');
    });
  });

  describe('when a value nests deeper than 1000 elements', () => {
    it('refuses it with a CodecError and a short message', () => {
      const codec = codecFor({
        $id: 'https://example.test/deep.json',
        type: 'object',
        xml: { name: 'd' },
        properties: { d: { $ref: '#' } },
      });
      let value: object = {};
      for (let i = 0; i < 1001; i += 1) value = { d: value };
      const error = thrown(() => codec.encode(value));
      expect(error).toBeInstanceOf(CodecError);
      expect((error as CodecError).path).toHaveLength(2 * 1001);
      expect(error.message.length).toBeLessThan(200);
    });
  });

  describe('when the schema uses a construct the codec cannot map', () => {
    it.each([
      [
        'oneOf with objects',
        { oneOf: [{ type: 'object' }, { type: 'object', properties: { a: {} } }] },
      ],
      ['allOf of two objects', { allOf: [{ type: 'object' }, { properties: { a: {} } }] }],
      ['patternProperties', { type: 'object', patternProperties: { '^a': { type: 'string' } } }],
      ['an unresolvable $ref', { $ref: 'https://nowhere.test/x.json' }],
      [
        'text beside elements',
        {
          type: 'object',
          properties: { t: { type: 'string', xml: { nodeType: 'text' } }, e: { type: 'string' } },
        },
      ],
      [
        'an object attribute',
        { type: 'object', properties: { a: { type: 'object', xml: { attribute: true } } } },
      ],
      [
        'a nullable attribute',
        {
          type: 'object',
          properties: { a: { type: ['string', 'null'], xml: { attribute: true } } },
        },
      ],
      ['an unknown xml field', { type: 'object', xml: { wrap: true } }],
      [
        'a property that is not an XML name',
        { type: 'object', properties: { 'a b': { type: 'string' } } },
      ],
      [
        'wrapped on a scalar',
        { type: 'object', properties: { a: { type: 'string', xml: { wrapped: true } } } },
      ],
    ])('throws CodecSchemaError at compile time for %s', (_name, schema) => {
      expect(thrown(() => codecFor({ xml: { name: 'r' }, ...schema }))).toBeInstanceOf(
        CodecSchemaError,
      );
    });

    it('ignores combinators that only validate', () => {
      const codec = codecFor({
        type: 'object',
        xml: { name: 'r' },
        properties: { a: { type: 'string' }, b: { type: 'string' } },
        oneOf: [{ required: ['a'] }, { required: ['b'] }],
      });
      expect(codec.encode({ a: 'x' })).toBe('<r><a>x</a></r>');
    });
  });

  describe('when a schema names a property __proto__ or constructor', () => {
    // A literal { __proto__: ... } would set the prototype, so the schema comes from JSON.
    const schema = JSON.parse(
      '{"type":"object","xml":{"name":"r"},"properties":{"__proto__":{"type":"object","properties":{"polluted":{"type":"string"}}},"constructor":{"type":"string"}}}',
    ) as object;
    const codec = codecFor(schema);
    const element = (local: string, children: XmlNode[]): XmlElement => ({
      ns: '',
      local,
      prefix: '',
      attributes: [],
      children,
      namespaces: new Map(),
    });

    it('decodes into own properties and never sets a prototype', () => {
      const tree = element('r', [
        element('__proto__', [element('polluted', ['yes'])]),
        element('constructor', ['c']),
      ]);
      const decoded = codec.decode(tree) as Record<string, unknown>;
      expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(decoded, '__proto__')).toBe(true);
      expect(decoded.constructor).toBe('c');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('encodes own properties only, never inherited ones', () => {
      expect(codec.encode({})).toBe('<r/>');
      expect(codec.encode(JSON.parse('{"constructor":"c","__proto__":{"polluted":"p"}}'))).toBe(
        '<r><__proto__><polluted>p</polluted></__proto__><constructor>c</constructor></r>',
      );
    });
  });
});
