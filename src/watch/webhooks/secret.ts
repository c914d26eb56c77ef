import { WebhookConfigError } from './errors';

/** The Standard Webhooks secret prefix; what follows it is the base64 of the HMAC key. */
export const SECRET_PREFIX = 'whsec_';
/** Key size bounds of the Standard Webhooks specification, in decoded bytes. */
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;

// Canonical standard base64 (RFC 4648 section 4): padded, no whitespace, no base64url letters.
// Buffer.from(x, 'base64') skips anything it does not know, so a typo would silently give a
// shorter key (openai-node PR 1887): the text is checked before it is decoded.
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why `secret` is not a usable Standard Webhooks secret, or undefined when it is. The reason
 * never quotes the secret.
 */
function secretProblem(secret: unknown): string | undefined {
  if (typeof secret !== 'string') return 'is not a string';
  if (!secret.startsWith(SECRET_PREFIX)) return `does not start with "${SECRET_PREFIX}"`;
  const text = secret.slice(SECRET_PREFIX.length);
  if (!STRICT_BASE64.test(text)) {
    return `is not "${SECRET_PREFIX}" followed by standard, padded base64`;
  }
  const key = Buffer.from(text, 'base64');
  // Non-zero bits in the last character's unused part decode, but are not canonical base64.
  if (key.toString('base64') !== text) return 'is not canonical base64';
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    return `decodes to ${key.length} bytes (${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} allowed)`;
  }
  return undefined;
}

/**
 * Checks an endpoint's secret or secrets (current first, then the previous ones during a
 * rotation) and answers one problem line per bad one; never quotes a secret.
 */
export function webhookSecretProblems(
  endpoint: string,
  secrets: string | readonly string[],
): string[] {
  const list: readonly unknown[] = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) return [`webhook "${endpoint}": secret: at least one secret is needed`];
  const problems: string[] = [];
  list.forEach((secret, index) => {
    const problem = secretProblem(secret);
    const which = list.length === 1 ? 'secret' : `secret[${index}]`;
    if (problem !== undefined) problems.push(`webhook "${endpoint}": ${which} ${problem}`);
  });
  return problems;
}

/**
 * Decodes an endpoint's secret or secrets into HMAC keys, in the given order; throws
 * WebhookConfigError (naming the endpoint, never quoting a secret) unless every one is
 * `whsec_` + strict base64 of 24 to 64 bytes.
 */
export function parseWebhookSecrets(
  endpoint: string,
  secrets: string | readonly string[],
): readonly Buffer[] {
  const problems = webhookSecretProblems(endpoint, secrets);
  if (problems.length > 0) throw new WebhookConfigError(problems);
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  return list.map((secret) => Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64'));
}
