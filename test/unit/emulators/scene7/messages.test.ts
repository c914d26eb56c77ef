import {
  MESSAGE_KEYS,
  MESSAGE_LANGUAGES,
  messageTemplate,
  renderLogMessage,
  resolveLocale,
} from '../../../../src/emulators/scene7/messages';

describe('renderLogMessage', () => {
  const asset = { asset: 'ApiTestCo/blakexslttest.jpg' };

  describe('when the locale is English', () => {
    it("reproduces Adobe's example texts", () => {
      expect(renderLogMessage('UploadSuccess', asset, 'en-US')).toBe(
        'ApiTestCo/blakexslttest.jpg was processed into IPS',
      );
      expect(renderLogMessage('FileUpdated', asset, 'en')).toBe(
        'ApiTestCo/blakexslttest.jpg was processed into IPS.',
      );
    });
  });

  describe('when the locale has its own table', () => {
    it.each([
      ['de-DE', 'ApiTestCo/blakexslttest.jpg wurde in IPS verarbeitet'],
      ['fr_CA', 'ApiTestCo/blakexslttest.jpg a été traité dans IPS'],
      ['JA', 'ApiTestCo/blakexslttest.jpg は IPS で処理されました'],
    ])('renders %s by its language', (locale, expected) => {
      expect(renderLogMessage('UploadSuccess', asset, locale)).toBe(expected);
    });
  });

  describe('when the language has no table', () => {
    it('falls back to English', () => {
      expect(renderLogMessage('UploadSuccess', asset, 'pt-BR')).toBe(
        'ApiTestCo/blakexslttest.jpg was processed into IPS',
      );
    });
  });

  describe('when the key is unknown', () => {
    it('returns the key itself', () => {
      expect(renderLogMessage('SomethingNew', {}, 'de')).toBe('SomethingNew');
    });
  });

  describe('when an argument is missing', () => {
    it('leaves the placeholder visible', () => {
      expect(renderLogMessage('aux.fontNotEmbedded', {}, 'en')).toBe('Font {font} is not embedded');
    });
  });
});

describe('message templates', () => {
  it.each(MESSAGE_LANGUAGES.filter((l) => l !== 'en'))(
    'translate every key into %s',
    (language) => {
      for (const key of MESSAGE_KEYS) {
        const template = messageTemplate(language, key);
        expect(template).toBeDefined();
        const placeholders = (text: string | undefined) => (text?.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(template)).toEqual(placeholders(messageTemplate('en', key)));
      }
    },
  );

  it('has at least en, de, fr and ja', () => {
    expect(MESSAGE_LANGUAGES).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'ja']));
  });
});

describe('resolveLocale', () => {
  describe('when authHeader/locale is set', () => {
    it('wins over Accept-Language', () => {
      expect(resolveLocale('ja-JP', 'de-DE')).toBe('ja-JP');
    });
  });

  describe('when only Accept-Language is set', () => {
    it('takes the tag with the highest q', () => {
      expect(resolveLocale(null, 'en;q=0.4, fr-CA;q=0.9, de;q=0.8')).toBe('fr-CA');
      expect(resolveLocale(null, '*, de;q=0')).toBe('en-US');
    });
  });

  describe('when neither is set', () => {
    it('uses en-US', () => {
      expect(resolveLocale(null)).toBe('en-US');
      expect(resolveLocale('  ', undefined)).toBe('en-US');
    });
  });
});
