import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error';
import { admitCaller } from '../../request/admission';
import { localsOf } from '../../request/context';

/** Secrets are compared as SHA-256 digests in constant time, so lengths do not leak. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks a user and password against configured users in constant time: every user's name and
 * password are compared, whichever is wrong, so timing reveals neither which names exist nor
 * whether the name or the password was the wrong part.
 */
export function createUserCheck(
  users: ReadonlyArray<{ readonly user: string; readonly password: string }>,
) {
  // The configured side's digests are made once; the caller's are made on every check.
  const known = users.map((entry) => ({
    user: digest(entry.user),
    password: digest(entry.password),
  }));
  return (user: string, password: string): boolean => {
    const userDigest = digest(user);
    const passwordDigest = digest(password);
    let ok = false;
    for (const entry of known) {
      // Both comparisons always run: `&&` would skip the password's when the name is wrong.
      const sameUser = timingSafeEqual(entry.user, userDigest);
      const samePassword = timingSafeEqual(entry.password, passwordDigest);
      ok = (sameUser && samePassword) || ok;
    }
    return ok;
  };
}

/**
 * Requires `Authorization: Bearer <key>` with a configured API key on every route it guards:
 * none -> GW_ERR_UNAUTHENTICATED, a wrong one -> GW_ERR_BAD_CREDENTIALS (both 401). A valid key
 * is then admitted (request/admission.ts: in-flight caps, rate limit, source scope) before the
 * route runs.
 */
export function requireApiKey(keys: ReadonlyArray<{ readonly id: string; readonly key: string }>) {
  const known = keys.map((entry) => ({ id: entry.id, key: digest(entry.key) }));
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization');
    const match = header === undefined ? null : /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (match === null) {
      next(
        new GatewayError(
          'GW_ERR_UNAUTHENTICATED',
          'Send an API key as "Authorization: Bearer <key>".',
        ),
      );
      return;
    }
    const presented = digest(match[1] as string);
    let holder: string | undefined;
    // Every key is compared, whichever matches: timing does not tell which one did.
    for (const entry of known) if (timingSafeEqual(entry.key, presented)) holder = entry.id;
    if (holder === undefined) {
      next(new GatewayError('GW_ERR_BAD_CREDENTIALS', 'The API key is not valid.'));
      return;
    }
    localsOf(res).caller = `key:${holder}`;
    admitCaller(res, { apiKey: holder }).then(() => next(), next);
  };
}
