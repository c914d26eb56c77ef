import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError } from '../../errors/gateway-error';
import { localsOf } from '../../request/context';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares secrets in constant time (digests first, so lengths do not leak). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Checks a user and password against configured users; every user is compared so timing does
 * not reveal which names exist.
 */
export function createUserCheck(
  users: ReadonlyArray<{ readonly user: string; readonly password: string }>,
) {
  return (user: string, password: string): boolean => {
    let ok = false;
    for (const entry of users) {
      const match = sameSecret(entry.user, user) && sameSecret(entry.password, password);
      ok = ok || match;
    }
    return ok;
  };
}

/**
 * Requires `Authorization: Bearer <key>` with a configured API key on every route it guards:
 * none -> GW_ERR_UNAUTHENTICATED, a wrong one -> GW_ERR_BAD_CREDENTIALS (both 401).
 */
export function requireApiKey(keys: ReadonlyArray<{ readonly id: string; readonly key: string }>) {
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
    const presented = match[1] as string;
    let holder: string | undefined;
    for (const entry of keys) if (sameSecret(entry.key, presented)) holder = entry.id;
    if (holder === undefined) {
      next(new GatewayError('GW_ERR_BAD_CREDENTIALS', 'The API key is not valid.'));
      return;
    }
    localsOf(res).caller = `key:${holder}`;
    next();
  };
}
