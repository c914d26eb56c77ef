import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { parseWebhookSecrets } from '../../../../src/watch/webhooks/secret';
import { signatureHeader, verifySignature } from '../../../../src/watch/webhooks/sign';

const CURRENT = `whsec_${randomBytes(32).toString('base64')}`;
const PREVIOUS = `whsec_${randomBytes(24).toString('base64')}`;
const OTHER = `whsec_${randomBytes(32).toString('base64')}`;
const [currentKey, previousKey] = parseWebhookSecrets('ops', [CURRENT, PREVIOUS]);
const [otherKey] = parseWebhookSecrets('ops', OTHER);
const ID = '8f14e45fceea167a5a36dedd4bea2543';
const body = Buffer.from('{"specversion":"1.0","data":{"message":"Grüße, \\u2028 and é"}}');

function headersFor(signature: string, seconds: number): Record<string, string> {
  return {
    'webhook-id': ID,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signature,
  };
}
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('signatureHeader', () => {
  it('verifies with the standardwebhooks package (Webhook.verify), over the exact body bytes', () => {
    const seconds = nowSeconds();
    const header = signatureHeader([currentKey!], ID, seconds, body);
    expect(header).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(CURRENT).verify(body, headersFor(header, seconds))).toEqual(
      JSON.parse(body.toString()),
    );
  });

  it('equals the standardwebhooks package signature for any id, time and body', () => {
    const reference = new Webhook(CURRENT);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-f0-9]{1,64}$/),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        fc.string({ unit: 'grapheme' }),
        (id, seconds, text) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(signatureHeader([currentKey!], id, seconds, bytes)).toBe(
            reference.sign(id, new Date(seconds * 1000), text),
          );
        },
      ),
    );
  });

  it('gives one v1 entry per key during a rotation, and either secret verifies', () => {
    const seconds = nowSeconds();
    const header = signatureHeader([currentKey!, previousKey!], ID, seconds, body);
    expect(header.split(' ')).toHaveLength(2);
    for (const secret of [CURRENT, PREVIOUS]) {
      expect(() => new Webhook(secret).verify(body, headersFor(header, seconds))).not.toThrow();
    }
    expect(verifySignature([previousKey!], body, headersFor(header, seconds))).toEqual({
      valid: true,
    });
  });

  it('does not verify under another key', () => {
    const seconds = nowSeconds();
    const header = signatureHeader([currentKey!], ID, seconds, body);
    expect(() => new Webhook(OTHER).verify(body, headersFor(header, seconds))).toThrow(
      WebhookVerificationError,
    );
    expect(verifySignature([otherKey!], body, headersFor(header, seconds))).toEqual({
      valid: false,
      reason: 'no-match',
    });
  });

  it('is keyed with the decoded secret bytes, not the whsec_ text (Standard Webhooks #234)', () => {
    const seconds = nowSeconds();
    const wrong = signatureHeader([Buffer.from(CURRENT)], ID, seconds, body);
    expect(() => new Webhook(CURRENT).verify(body, headersFor(wrong, seconds))).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses an id with a "." (it would make the signed content ambiguous)', () => {
    expect(() => signatureHeader([currentKey!], 'a.b', 1, body)).toThrow(/without "\."/);
  });
});

describe('verifySignature', () => {
  const seconds = 1_780_000_000;
  const header = signatureHeader([currentKey!], ID, seconds, body);

  it('accepts within ±5 minutes of the receiver clock and refuses outside', () => {
    const check = (now: number) =>
      verifySignature([currentKey!], body, headersFor(header, seconds), { nowSeconds: now });
    expect(check(seconds + 300)).toEqual({ valid: true });
    expect(check(seconds - 300)).toEqual({ valid: true });
    expect(check(seconds + 301)).toEqual({ valid: false, reason: 'too-old' });
    expect(check(seconds - 301)).toEqual({ valid: false, reason: 'too-new' });
  });

  it('refuses a body changed by one byte, or re-serialized', () => {
    const changed = Buffer.from(body);
    const at = changed.length - 2;
    changed[at] = changed[at]! ^ 1;
    const options = { nowSeconds: seconds };
    expect(verifySignature([currentKey!], changed, headersFor(header, seconds), options)).toEqual({
      valid: false,
      reason: 'no-match',
    });
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(
      verifySignature([currentKey!], reserialized, headersFor(header, seconds), options).valid,
    ).toBe(false);
  });

  it('refuses missing headers and a timestamp that is not whole seconds', () => {
    expect(verifySignature([currentKey!], body, { 'webhook-id': ID })).toEqual({
      valid: false,
      reason: 'missing-headers',
    });
    const headers = { ...headersFor(header, seconds), 'webhook-timestamp': `${seconds}.5` };
    expect(verifySignature([currentKey!], body, headers, { nowSeconds: seconds })).toEqual({
      valid: false,
      reason: 'bad-headers',
    });
  });

  it('reads header names in any case and skips entries of other versions', () => {
    const headers = {
      'Webhook-Id': ID,
      'WEBHOOK-TIMESTAMP': String(seconds),
      'Webhook-Signature': `v1a,${randomBytes(64).toString('base64')} ${header}`,
    };
    expect(verifySignature([currentKey!], body, headers, { nowSeconds: seconds })).toEqual({
      valid: true,
    });
  });
});
