/**
 * Regression: "The SOAP user check skips the password digest when the user name is wrong."
 * `sameSecret(user) && sameSecret(password)` short-circuited, so a wrong user name cost one
 * digest comparison less than a right one, and timing told which names exist. The check now
 * does the same work whatever is wrong. Observed through node:crypto itself (every digest and
 * every constant-time comparison the check makes), not through the check's own code.
 */
import nodeCrypto from 'node:crypto';
import { createUserCheck } from '../../src/server/middleware/auth';

const USERS = [
  { user: 'legacy-client@example.com', password: 'legacy-client-password' },
  { user: 'studio@northwind.example.com', password: 'northwind-studio-password' },
];

afterEach(() => jest.restoreAllMocks());

/** Runs one check and returns its verdict and the crypto work it did. */
function measure(user: string, password: string): [boolean, number, number] {
  const check = createUserCheck(USERS);
  const hashes = jest.spyOn(nodeCrypto, 'createHash');
  const comparisons = jest.spyOn(nodeCrypto, 'timingSafeEqual');
  try {
    return [check(user, password), hashes.mock.calls.length, comparisons.mock.calls.length];
  } finally {
    jest.restoreAllMocks();
  }
}

describe('createUserCheck', () => {
  it('accepts each configured user with their password and refuses everything else', () => {
    expect(measure(USERS[0]!.user, USERS[0]!.password)[0]).toBe(true);
    expect(measure(USERS[1]!.user, USERS[1]!.password)[0]).toBe(true);
    expect(measure(USERS[0]!.user, USERS[1]!.password)[0]).toBe(false);
    expect(measure('nobody@example.com', USERS[0]!.password)[0]).toBe(false);
    expect(measure(USERS[0]!.user, '')[0]).toBe(false);
    expect(measure('', '')[0]).toBe(false);
  });

  it('compares user and password digests of every user, whichever part is wrong', () => {
    const right = measure(USERS[1]!.user, USERS[1]!.password);
    const wrongUser = measure('nobody@example.com', USERS[1]!.password);
    const wrongPassword = measure(USERS[1]!.user, 'not-the-password');
    const bothWrong = measure('nobody@example.com', 'not-the-password');
    // Two constant-time comparisons (user, password) per configured user, every time.
    expect(right.slice(1)).toEqual([expect.any(Number), USERS.length * 2]);
    expect(wrongUser.slice(1)).toEqual(right.slice(1));
    expect(wrongPassword.slice(1)).toEqual(right.slice(1));
    expect(bothWrong.slice(1)).toEqual(right.slice(1));
  });
});
