import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { WebhookConfigError } from '../../../../src/watch/webhooks/errors';
import { parseWebhookSecrets, webhookSecretProblems } from '../../../../src/watch/webhooks/secret';

const secretOf = (bytes: Buffer): string => `whsec_${bytes.toString('base64')}`;
const KEY = Buffer.from('4d79a1c3f0e2b5a6978d0c1e2f3a4b5c6d7e8f9012345678', 'hex'); // 24 bytes

function rejection(secrets: string | string[]): WebhookConfigError {
  try {
    parseWebhookSecrets('ops-alerts', secrets);
  } catch (error) {
    if (error instanceof WebhookConfigError) return error;
    throw error;
  }
  throw new Error('the secret was accepted');
}

describe('parseWebhookSecrets', () => {
  it('decodes whsec_ + base64 into the key bytes (not the text), for 24 to 64 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 64 }), (bytes) => {
        const [key] = parseWebhookSecrets('ops-alerts', secretOf(Buffer.from(bytes)));
        expect(key).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('keeps a rotation list in order: current first, then the previous ones', () => {
    const previous = randomBytes(32);
    expect(parseWebhookSecrets('ops-alerts', [secretOf(KEY), secretOf(previous)])).toEqual([
      KEY,
      previous,
    ]);
  });

  it.each([
    ['no whsec_ prefix', KEY.toString('base64')],
    ['the prefix in capitals', `WHSEC_${KEY.toString('base64')}`],
    [
      'base64url letters',
      `whsec_${Buffer.from('fb' + 'ff'.repeat(23), 'hex').toString('base64url')}`,
    ],
    [
      'a space inside',
      `whsec_${KEY.toString('base64').slice(0, 10)} ${KEY.toString('base64').slice(10)}`,
    ],
    ['a trailing newline', `${secretOf(KEY)}\n`],
    [
      'a typo character',
      `whsec_${KEY.toString('base64').slice(0, 20)}!${KEY.toString('base64').slice(21)}`,
    ],
    ['missing padding', `whsec_${randomBytes(25).toString('base64').replace(/=+$/, '')}`],
    [
      'non-canonical last bits',
      `whsec_${randomBytes(25).toString('base64').replace(/.==$/, 'B==')}`,
    ],
    ['garbage', 'whsec_not base64 at all, obviously'],
    ['too short (23 bytes)', secretOf(randomBytes(23))],
    ['too short (1 byte, as a lenient decoder reads a typo)', secretOf(randomBytes(1))],
    ['empty after the prefix', 'whsec_'],
    ['too long (65 bytes)', secretOf(randomBytes(65))],
  ])('refuses %s, naming the endpoint and never quoting the secret', (_case, secret) => {
    const error = rejection(secret);
    expect(error.message).toContain('webhook "ops-alerts": secret');
    const body = secret.slice('whsec_'.length).trim();
    if (body.length >= 4) expect(error.message).not.toContain(body.slice(0, 8));
    expect(error.message).not.toContain(secret);
  });

  it('refuses an empty rotation list', () => {
    expect(rejection([]).message).toContain('at least one secret');
  });

  it('names which entry of a rotation list is bad, and only that one', () => {
    const bad = secretOf(randomBytes(8));
    expect(webhookSecretProblems('ops-alerts', [secretOf(KEY), bad])).toEqual([
      'webhook "ops-alerts": secret[1] decodes to 8 bytes (24 to 64 allowed)',
    ]);
  });

  it('never quotes a secret in any message, whatever the secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12 }), (text) => {
        for (const problem of webhookSecretProblems('ops-alerts', [`whsec_${text}`, text])) {
          expect(problem).not.toContain(text);
        }
      }),
    );
  });
});
