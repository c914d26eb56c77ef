import { randomBytes } from 'node:crypto';

/** A bearer token the emulator issued. */
export interface IssuedToken {
  /** 1 for the first token issued, then 2, 3, ... (tests tell tokens apart by it). */
  readonly serial: number;
  readonly clientId: string;
  /** Tenant id (GUID) the token was issued for. */
  readonly tenant: string;
  expiresAt: number;
}

/** Why a bearer token was refused. */
export type TokenRefusal = 'missing' | 'unknown' | 'expired';

const PRUNE_ABOVE = 1000;

/**
 * The tokens the OAuth endpoint issued. Tokens are opaque random strings (clients must treat
 * Entra's JWTs as opaque anyway) that expire `ttlSeconds` after issue by the injected clock.
 */
export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #now: () => number;
  readonly #ttlSeconds: number;
  #serial = 0;

  constructor(now: () => number, ttlSeconds: number) {
    this.#now = now;
    this.#ttlSeconds = ttlSeconds;
  }

  /** Lifetime of new tokens, the token answer's `expires_in`. */
  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  /** Issues a token for a client of a tenant. */
  issue(clientId: string, tenant: string): string {
    if (this.#tokens.size > PRUNE_ABOVE) this.#prune();
    this.#serial += 1;
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, {
      serial: this.#serial,
      clientId,
      tenant,
      expiresAt: this.#now() + this.#ttlSeconds * 1000,
    });
    return token;
  }

  /** The token an Authorization header carries, valid or not; undefined when not one of ours. */
  lookup(authorization: string | undefined): IssuedToken | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match === null ? undefined : this.#tokens.get(match[1] as string);
  }

  /** Checks an Authorization header: the valid token, or why it is refused. */
  check(authorization: string | undefined): IssuedToken | TokenRefusal {
    if (authorization === undefined || authorization.trim() === '') return 'missing';
    const token = this.lookup(authorization);
    if (token === undefined) return 'unknown';
    return this.#now() >= token.expiresAt ? 'expired' : token;
  }

  /** Expires every token issued so far. */
  expireAll(): void {
    for (const token of this.#tokens.values()) token.expiresAt = Number.NEGATIVE_INFINITY;
  }

  #prune(): void {
    const now = this.#now();
    for (const [key, token] of this.#tokens) if (now >= token.expiresAt) this.#tokens.delete(key);
  }
}
