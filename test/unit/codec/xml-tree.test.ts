import {
  parseXml,
  XmlParseError,
  type XmlElement,
  type XmlParseErrorReason,
} from '../../../src/codec/xml-tree';

function reasonOf(text: string, limits?: Parameters<typeof parseXml>[1]): XmlParseErrorReason {
  try {
    parseXml(text, limits);
  } catch (error) {
    if (error instanceof XmlParseError) return error.reason;
    throw error;
  }
  throw new Error('expected parseXml to throw');
}

function firstElement(element: XmlElement): XmlElement {
  const found = element.children.find((node): node is XmlElement => typeof node !== 'string');
  if (found === undefined) throw new Error('no child element');
  return found;
}

describe('parseXml', () => {
  describe('when the document is well-formed', () => {
    it('resolves names, keeps text verbatim and merges CDATA into text', () => {
      const root = parseXml(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- lead -->' +
          '<r xmlns="urn:a" xmlns:p="urn:p"><p:b p:x="1" y="2">  00123 <![CDATA[<&amp;>]]> tail </p:b><c/></r>',
      );
      expect(root).toMatchObject({ ns: 'urn:a', local: 'r', prefix: '', attributes: [] });
      const b = firstElement(root);
      expect(b).toMatchObject({ ns: 'urn:p', local: 'b', prefix: 'p' });
      expect(b.attributes).toEqual([
        { ns: 'urn:p', local: 'x', prefix: 'p', value: '1' },
        { ns: '', local: 'y', prefix: '', value: '2' },
      ]);
      expect(b.children).toEqual(['  00123 <&amp;> tail ']);
      expect(root.children[1]).toMatchObject({ ns: 'urn:a', local: 'c', children: [] });
    });

    it('records the namespaces in scope, with xml always bound', () => {
      const root = parseXml('<r xmlns="urn:a"><s xmlns=""><t xmlns:q="urn:q"/></s></r>');
      const t = firstElement(firstElement(root));
      expect(t.ns).toBe('');
      expect([...t.namespaces]).toEqual([
        ['xml', 'http://www.w3.org/XML/1998/namespace'],
        ['q', 'urn:q'],
      ]);
      expect(root.namespaces.get('')).toBe('urn:a');
    });

    it('decodes predefined entities and numeric character references', () => {
      const root = parseXml('<r a="&lt;&#x41;&#66;&quot;&apos;">&amp;&#x1F600;&#9;&gt;</r>');
      expect(root.attributes[0]?.value).toBe('<AB"\'');
      expect(root.children).toEqual(['&\u{1F600}\t>']);
    });

    it('normalises literal whitespace in attributes but keeps referenced whitespace', () => {
      const root = parseXml('<r a="x\ty\nz" b="1&#10;2&#13;3&#9;4"/>');
      expect(root.attributes.map((a) => a.value)).toEqual(['x y z', '1\n2\r3\t4']);
    });

    it('turns CR LF and lone CR into LF in text', () => {
      expect(parseXml('<r>a\r\nb\rc</r>').children).toEqual(['a\nb\nc']);
    });

    it('drops comments and keeps text on both sides of them as one piece', () => {
      expect(parseXml('<r>a<!-- x -->b</r>').children).toEqual(['ab']);
    });

    it('accepts a byte order mark and whitespace or comments after the root', () => {
      expect(parseXml('\uFEFF<r/>\n<!-- end -->\n').local).toBe('r');
    });

    it('excludes xmlns declarations from attributes', () => {
      expect(parseXml('<p:r xmlns:p="urn:p" xmlns="urn:d" a="1"/>').attributes).toEqual([
        { ns: '', local: 'a', prefix: '', value: '1' },
      ]);
    });

    it('resolves the predefined xml prefix', () => {
      expect(parseXml('<r xml:lang="en"/>').attributes[0]).toMatchObject({
        ns: 'http://www.w3.org/XML/1998/namespace',
        local: 'lang',
      });
    });
  });

  describe('when the document is larger than maxBytes', () => {
    it("refuses it with 'size', counting UTF-8 bytes", () => {
      expect(reasonOf('<r>ééé</r>', { maxBytes: 12 })).toBe('size');
      expect(parseXml('<r>ééé</r>', { maxBytes: 13 }).children).toEqual(['ééé']);
    });
  });

  describe('when the document carries a DTD', () => {
    it("refuses a billion-laughs document with 'dtd'", () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
      expect(reasonOf(laughs)).toBe('dtd');
    });

    it("refuses an external entity declaration with 'dtd'", () => {
      expect(reasonOf('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')).toBe(
        'dtd',
      );
    });

    it('accepts the same text inside CDATA and comments', () => {
      const root = parseXml('<r><!-- <!DOCTYPE x> --><![CDATA[<!DOCTYPE x><!ENTITY y "z">]]></r>');
      expect(root.children).toEqual(['<!DOCTYPE x><!ENTITY y "z">']);
    });
  });

  describe('when the document is not well-formed', () => {
    it.each([
      ['an unclosed tag', '<a><b></a>'],
      ['a missing end tag', '<a><b>'],
      ['two roots', '<a/><b/>'],
      ['two roots after an end tag', '<a></a><b></b>'],
      ['text after a self-closing root', '<a/>text'],
      ['text after the root', '<a></a>text'],
      ['text before the root', 'text<a/>'],
      ["'--' in a comment", '<a><!-- x -- y --></a>'],
      ['an unterminated comment', '<a><!-- x </a>'],
      ['an unknown entity', '<a>&nbsp;</a>'],
      ['a bare ampersand in text', '<a>fish & chips</a>'],
      ['a bare ampersand in an attribute', '<a b="x & y"/>'],
      ['a < in an attribute', '<a b="x < y"/>'],
      ['a reference to U+0000', '<a>&#0;</a>'],
      ['a reference beyond Unicode', '<a>&#x110000;</a>'],
      ['a raw control character', '<a>\u0001</a>'],
      ["']]>' in text", '<a>]]></a>'],
      ['a repeated attribute', '<a x="1" x="2"/>'],
      ['an attribute without value', '<a x/>'],
      ['an empty document', ''],
    ])("refuses %s with 'malformed'", (_name, text) => {
      expect(reasonOf(text)).toBe('malformed');
    });

    it('does not echo a large input in its message', () => {
      try {
        parseXml('<a>'.repeat(50_000));
        throw new Error('expected a failure');
      } catch (error) {
        expect(error).toBeInstanceOf(XmlParseError);
        expect((error as Error).message.length).toBeLessThan(300);
      }
    });
  });

  describe('when the document nests too deeply', () => {
    it("refuses depth maxDepth + 1 with 'depth' and accepts maxDepth", () => {
      const nest = (n: number, leaf: string): string =>
        '<a>'.repeat(n - 1) + leaf + '</a>'.repeat(n - 1);
      expect(reasonOf(nest(5, '<b/>'), { maxDepth: 4 })).toBe('depth');
      expect(reasonOf(nest(5, '<b></b>'), { maxDepth: 4 })).toBe('depth');
      expect(parseXml(nest(4, '<b/>'), { maxDepth: 4 }).local).toBe('a');
    });

    it('refuses 100k closed levels quickly without overflowing the stack', () => {
      const text = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
      expect(reasonOf(text, { maxBytes: 10_000_000 })).toBe('depth');
    });

    it('refuses a maxDepth the recursive tree build could not honour', () => {
      expect(() => parseXml('<a/>', { maxDepth: 100_000 })).toThrow(RangeError);
      expect(
        parseXml(`${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}`, { maxDepth: 1000 }).local,
      ).toBe('a');
    });

    it('refuses 100k unclosed levels without overflowing the stack', () => {
      expect(['malformed', 'depth']).toContain(reasonOf('<a>'.repeat(100_000)));
    });
  });

  describe('when a name is reserved in JavaScript', () => {
    it.each([
      ['a __proto__ element', '<r><__proto__><polluted>1</polluted></__proto__></r>'],
      ['a constructor element', '<r><constructor><prototype>1</prototype></constructor></r>'],
      ['a prototype element', '<r><prototype/></r>'],
      ['a __proto__ attribute', '<r __proto__="1"/>'],
      ['a toString element', '<r><toString/></r>'],
      ['a hasOwnProperty attribute', '<r hasOwnProperty="1"/>'],
    ])("refuses %s with 'reserved-name' and pollutes nothing", (_name, text) => {
      expect(reasonOf(text)).toBe('reserved-name');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('when namespaces are misused', () => {
    it.each([
      ['an undeclared element prefix', '<p:r/>'],
      ['an undeclared attribute prefix', '<r p:a="1"/>'],
      ['a prefix undeclared with xmlns:p=""', '<r xmlns:p="urn:p"><p:a xmlns:p=""/></r>'],
      ['two colons in a name', '<a:b:c xmlns:a="urn:a"/>'],
      ['the xml prefix rebound', '<r xmlns:xml="urn:x"/>'],
      ['the same expanded attribute twice', '<r xmlns:a="urn:x" xmlns:b="urn:x" a:k="1" b:k="2"/>'],
    ])("refuses %s with 'namespace'", (_name, text) => {
      expect(reasonOf(text)).toBe('namespace');
    });

    it('applies the default namespace to elements but not to unprefixed attributes', () => {
      const root = parseXml('<r xmlns="urn:d" a="1"/>');
      expect(root.ns).toBe('urn:d');
      expect(root.attributes[0]?.ns).toBe('');
    });
  });

  describe('when the document has 100k sibling elements (about 1 MB)', () => {
    it('keeps them all in order', () => {
      const text = `<r>${'<i>v</i>'.repeat(100_000)}</r>`;
      const root = parseXml(text, { maxBytes: 2_000_000 });
      expect(root.children).toHaveLength(100_000);
    });
  });
});
