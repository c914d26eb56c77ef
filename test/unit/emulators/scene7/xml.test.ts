import { parseXml, XmlSyntaxError } from '../../../../src/emulators/scene7/xml';

describe('parseXml', () => {
  describe('when elements use prefixes and default namespaces', () => {
    it('resolves every namespace', () => {
      const root = parseXml('<a:x xmlns:a="urn:a"><y xmlns="urn:b"><z/></y><a:w xmlns=""/></a:x>');
      expect(root).toMatchObject({ namespace: 'urn:a', localName: 'x' });
      expect(root.children.map((c) => [c.namespace, c.localName])).toEqual([
        ['urn:b', 'y'],
        ['urn:a', 'w'],
      ]);
      expect(root.children[0]?.children[0]?.namespace).toBe('urn:b');
    });
  });

  describe('when text holds entities and CDATA', () => {
    it('decodes the predefined entities and character references only', () => {
      const root = parseXml('<x>a &amp; &lt;b&gt; &#65;&#x42; <![CDATA[&amp;<]]></x>');
      expect(root.text).toBe('a & <b> AB &amp;<');
    });
  });

  describe('when the document is not acceptable', () => {
    it.each([
      ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'],
      ['mismatched tags', '<x><y></x>'],
      ['an undeclared entity', '<x>&nbsp;</x>'],
      ['an unbound prefix', '<p:x/>'],
      ['two roots', '<x/><y/>'],
      ['a prototype-polluting name', '<x><__proto__>1</__proto__></x>'],
      ['nothing', ''],
    ])('throws XmlSyntaxError for %s', (_case, text) => {
      expect(() => parseXml(text)).toThrow(XmlSyntaxError);
    });
  });
});
