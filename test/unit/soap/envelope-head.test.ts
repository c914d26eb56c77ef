import fc from 'fast-check';
import { headOfDocument } from '../../../src/codec/xml-head';
import { parseXml, type XmlElement } from '../../../src/codec/xml-tree';
import { readEnvelopeHead } from '../../../src/soap/envelope';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const IPS = 'http://www.scene7.com/IpsApi/xsd';
const credentials = (local: string): boolean => local === 'authHeader';
const options = { blocks: credentials, maxChars: 8192, limits: { maxDepth: 64 } };
const AUTH = `<authHeader xmlns="${IPS}"><user>u@example.com</user><password>p</password></authHeader>`;

function envelope(header: string, body = '<op xmlns="urn:op"><a>1</a></op>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP11}"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

/** Elements and non-blank text of an element, as plain data (namespaces resolved). */
function shape(element: XmlElement): unknown {
  return {
    name: `{${element.ns}}${element.local}`,
    attributes: element.attributes.map((a) => `{${a.ns}}${a.local}=${a.value}`),
    children: element.children.map((node) => (typeof node === 'string' ? node : shape(node))),
  };
}

describe('headOfDocument', () => {
  it('keeps the prolog, the Envelope and Header tags and the kept blocks, and closes at the Body', () => {
    const junk = `<junk xmlns="urn:x">${'<a/>'.repeat(50)}</junk>`;
    expect(
      headOfDocument(envelope(`${junk}${AUTH}<x:other xmlns:x="urn:x"/>`), {
        stopAt: 'Body',
        keep: credentials,
        maxChars: 8192,
      }),
    ).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP11}"><s:Header>${AUTH}</s:Header><s:Body/></s:Envelope>`,
    );
  });

  it('keeps the Body start tag with its attributes, made empty', () => {
    const text = `<e:Envelope xmlns:e="${SOAP12}"><b:Body xmlns:b="${SOAP12}" a="x/>y"><op/></b:Body></e:Envelope>`;
    expect(headOfDocument(text, { stopAt: 'Body', keep: credentials, maxChars: 8192 })).toBe(
      `<e:Envelope xmlns:e="${SOAP12}"><b:Body xmlns:b="${SOAP12}" a="x/>y"/></e:Envelope>`,
    );
  });

  it.each([
    ['a comment', `<!-- <s:Body> -->${AUTH}`],
    ['a CDATA section in a skipped block', `<j><![CDATA[</s:Header><s:Body>]]></j>${AUTH}`],
    ['a processing instruction', `<?pi </s:Header><s:Body> ?>${AUTH}`],
    ['an attribute value', `<j a="</s:Header><s:Body>" b='>'/>${AUTH}`],
    ['a deeper element named Body', `<j><s:Body><authHeader/></s:Body></j>${AUTH}`],
    ['text with > in it', `<j>a > b</j>${AUTH}`],
  ])('is not misled by markup-like text in %s', (_case, header) => {
    const head = headOfDocument(envelope(header), {
      stopAt: 'Body',
      keep: credentials,
      maxChars: 8192,
    });
    expect(head).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP11}"><s:Header>${AUTH}</s:Header><s:Body/></s:Envelope>`,
    );
  });

  it.each([
    ['a DOCTYPE', `<!DOCTYPE e [<!ENTITY x "y">]>${envelope(AUTH)}`],
    [
      'no Body before the root ends',
      `<s:Envelope xmlns:s="${SOAP11}"><s:Header>${AUTH}</s:Header></s:Envelope>`,
    ],
    ['an empty root', '<s:Envelope/>'],
    ['a cut document', envelope(AUTH).slice(0, 120)],
    ['an unterminated comment', `<s:Envelope xmlns:s="${SOAP11}"><!-- <s:Body/>`],
    ['a head longer than allowed', envelope(AUTH.repeat(100))],
  ])('gives up on %s', (_case, text) => {
    expect(
      headOfDocument(text, { stopAt: 'Body', keep: credentials, maxChars: 2048 }),
    ).toBeUndefined();
  });

  it('scans 64 KiB of skipped elements in linear time', () => {
    const text = envelope(`<j>${'<a/>'.repeat(16_000)}</j>${AUTH}`);
    const started = process.hrtime.bigint();
    expect(
      headOfDocument(text, { stopAt: 'Body', keep: credentials, maxChars: 8192 }),
    ).toBeDefined();
    // Generous: about 2 ms on a laptop; a full parse of the same text takes tens.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });
});

describe('readEnvelopeHead', () => {
  it('returns the kept header blocks with their namespaces resolved', () => {
    const text = `<s:Envelope xmlns:s="${SOAP11}" xmlns:i="${IPS}"><s:Header><i:authHeader><i:user>u</i:user></i:authHeader><other/></s:Header><s:Body><broken></s:Body></s:Envelope>`;
    const headers = readEnvelopeHead(text, '1.1', options);
    expect(headers?.map((header) => `{${header.ns}}${header.local}`)).toEqual([
      `{${IPS}}authHeader`,
    ]);
  });

  it('returns no blocks for an envelope without a Header', () => {
    expect(
      readEnvelopeHead(`<s:Envelope xmlns:s="${SOAP11}"><s:Body/></s:Envelope>`, '1.1', options),
    ).toEqual([]);
  });

  it.each([
    ['a SOAP 1.2 envelope read as 1.1', `<s:Envelope xmlns:s="${SOAP12}"><s:Body/></s:Envelope>`],
    ['a root that is not an Envelope', `<s:Other xmlns:s="${SOAP11}"><s:Body/></s:Other>`],
    [
      'a Body in another namespace',
      `<s:Envelope xmlns:s="${SOAP11}"><x:Body xmlns:x="urn:x"/></s:Envelope>`,
    ],
    [
      'an undeclared prefix in a kept block',
      `<s:Envelope xmlns:s="${SOAP11}"><s:Header><p:authHeader/></s:Header><s:Body/></s:Envelope>`,
    ],
    ['two Headers', `<s:Envelope xmlns:s="${SOAP11}"><s:Header/><s:Header/><s:Body/></s:Envelope>`],
  ])('cannot tell from %s', (_case, text) => {
    expect(readEnvelopeHead(text, '1.1', options)).toBeUndefined();
  });

  // The invariant the IPS facade relies on: for a well-formed envelope, the head shows exactly
  // the blocks the full parse shows.
  it('agrees with the full parse on generated envelopes', () => {
    const name = fc.constantFrom('authHeader', 'AuthUser', 'Body', 'Header', 'a', 'x:b');
    const text = fc.constantFrom(
      '',
      'plain',
      ' a > b ',
      '&amp;&lt;',
      '<!-- c -->',
      '<![CDATA[</s:Body>]]>',
      '<?pi x?>',
    );
    const attribute = fc.constantFrom('', ' k="v"', ` q='a>b'`, ' z="/"', ' xmlns:x="urn:x"');
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(
          name,
          attribute,
          fc.array(depth > 1 ? fc.oneof(text, element(depth - 1)) : text, { maxLength: 3 }),
        )
        .map(([tag, attrs, children]) =>
          tag.startsWith('x:') && !attrs.includes('xmlns:x')
            ? `<${tag} xmlns:x="urn:x"${attrs}>${children.join('')}</${tag}>`
            : children.length === 0
              ? `<${tag}${attrs}/>`
              : `<${tag}${attrs}>${children.join('')}</${tag}>`,
        ),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(element(3), text), { maxLength: 6 }), (blocks) => {
        const doc = envelope(blocks.join(''));
        const full = parseXml(doc);
        const header = full.children.find(
          (node): node is XmlElement => typeof node !== 'string' && node.local === 'Header',
        );
        const expected = (header?.children ?? [])
          .filter((node): node is XmlElement => typeof node !== 'string' && credentials(node.local))
          .map(shape);
        const head = readEnvelopeHead(doc, '1.1', { ...options, maxChars: 1_000_000 });
        expect(head?.map(shape)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
