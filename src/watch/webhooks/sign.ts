import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a receiver lets `webhook-timestamp` stray from its clock: the reference libraries' 5 min. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

// The id and timestamp are joined with '.', so neither may hold one (Standard Webhooks spec).
const SAFE_ID = /^[^.\s]{1,256}$/;

function hmac(key: Uint8Array, id: string, timestampSeconds: number, body: Uint8Array): Buffer {
  return createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.`, 'utf8')
    .update(body)
    .digest();
}

/**
 * The Standard Webhooks `webhook-signature` value: one `v1,<base64 HMAC-SHA256>` entry per key
 * (current and previous secrets during a rotation), space-separated, over
 * `<id>.<timestamp>.` and the exact body bytes, keyed with the decoded secret bytes.
 */
export function signatureHeader(
  keys: readonly Uint8Array[],
  id: string,
  timestampSeconds: number,
  body: Uint8Array,
): string {
  if (keys.length === 0) throw new Error('signatureHeader needs at least one key.');
  if (!SAFE_ID.test(id))
    throw new Error('A webhook id must be 1-256 characters without "." or spaces.');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new Error('A webhook timestamp must be whole non-negative seconds.');
  }
  return keys
    .map((key) => `v1,${hmac(key, id, timestampSeconds, body).toString('base64')}`)
    .join(' ');
}

/** Why a delivery failed verification; `valid` when one `v1` entry matches one key in time. */
export type VerifyResult =
  | { readonly valid: true }
  | {
      readonly valid: false;
      readonly reason: 'missing-headers' | 'bad-headers' | 'too-old' | 'too-new' | 'no-match';
    };

export interface VerifyOptions {
  /** The receiver's clock, Unix seconds (default: now). */
  readonly nowSeconds?: number;
  readonly toleranceSeconds?: number;
}

function headerValue(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  name: string,
): string | undefined {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

/**
 * Verifies a Standard Webhooks delivery as a receiver would: the timestamp within the tolerance
 * (default ±5 min), then any `v1` entry equal, in constant time, to the HMAC under any key.
 * For our tests and for receivers written in TypeScript; `keys` come from parseWebhookSecrets.
 */
export function verifySignature(
  keys: readonly Uint8Array[],
  body: Uint8Array,
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  options: VerifyOptions = {},
): VerifyResult {
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signature = headerValue(headers, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signature === undefined) {
    return { valid: false, reason: 'missing-headers' };
  }
  if (!/^\d{1,15}$/.test(timestamp) || !SAFE_ID.test(id)) {
    return { valid: false, reason: 'bad-headers' };
  }
  const seconds = Number(timestamp);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (now - seconds > tolerance) return { valid: false, reason: 'too-old' };
  if (seconds - now > tolerance) return { valid: false, reason: 'too-new' };
  const expected = keys.map((key) => hmac(key, id, seconds, body));
  const offered = signature
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  // Every pair is compared (no early exit), each comparison in constant time.
  let match = false;
  for (const mac of expected) {
    for (const candidate of offered) {
      if (candidate.length === mac.length && timingSafeEqual(candidate, mac)) match = true;
    }
  }
  return match ? { valid: true } : { valid: false, reason: 'no-match' };
}
