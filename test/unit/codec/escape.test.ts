import {
  CodecError,
  escapeAttribute,
  escapeText,
  replaceForbiddenXmlChars,
} from '../../../src/codec';

describe('escapeText', () => {
  describe('when text has markup characters', () => {
    it('escapes & < > and CR, and leaves quotes, tabs and LF alone', () => {
      expect(escapeText('a&b<c>d]]>e"f\'g\r\n\th')).toBe('a&amp;b&lt;c&gt;d]]&gt;e"f\'g&#13;\n\th');
    });
  });

  describe('when text has none', () => {
    it('returns it unchanged, astral characters included', () => {
      expect(escapeText('plain \u{1F600} é')).toBe('plain \u{1F600} é');
    });
  });

  describe('when text has a character XML cannot carry', () => {
    it('throws CodecError with the given path', () => {
      expect(() => escapeText('a\u0000', '/x')).toThrow(CodecError);
      expect(() => escapeText('\uDC00')).toThrow(CodecError);
    });
  });
});

describe('escapeAttribute', () => {
  describe('when a value has quotes and whitespace', () => {
    it('escapes quotes and every whitespace a parser would normalise', () => {
      expect(escapeAttribute('"a"\t<b>\r\n&')).toBe('&quot;a&quot;&#9;&lt;b&gt;&#13;&#10;&amp;');
    });
  });
});

describe('replaceForbiddenXmlChars', () => {
  describe('when free text has control characters or lone surrogates', () => {
    it('replaces them and keeps tab, LF, CR and surrogate pairs', () => {
      expect(replaceForbiddenXmlChars('a\u0001b\uD800c\t\n\r\u{1F600}\uFFFF')).toBe(
        'a\uFFFDb\uFFFDc\t\n\r\u{1F600}\uFFFD',
      );
    });
  });
});
