/**
 * Passwords: argon2id hashes through @node-rs/argon2 (its defaults: 19 MiB, 2 passes, 1 lane,
 * the OWASP minimum), the rules a new one must meet, and generated ones for the CLI and the demo.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../../src/protocol/api.js';
import { ApiError } from '../errors.js';

/**
 * The argon2id hash of a password, as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`): argon2id
 * is the library's default algorithm (its `Algorithm` is a const enum, which this build cannot import).
 */
export const hashPassword = (password: string) => hash(password);

/**
 * A hash no password matches in practice, checked when there is no account (or no password), so
 * that a sign-in for an unknown email takes as long as one with a wrong password.
 */
const dummyHash = hashPassword(randomBytes(24).toString('base64url'));

/** Whether `password` is the one `stored` hashes; a null hash matches nothing (after the same work). */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** What is wrong with a new password, or undefined when it meets the rules. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_CHARS || length > PASSWORD_MAX_CHARS) {
    return `a password has at least ${PASSWORD_MIN_CHARS} and at most ${PASSWORD_MAX_CHARS} characters (this one has ${length})`;
  }
  return undefined;
}

/** Throws 400 `password_rejected` (naming the rule) unless the password meets it. */
export function checkPassword(password: string, field = '/password') {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError(400, 'password_rejected', problem, [{ path: field, message: problem }]);
}

/** A new random password: 20 characters of base64url (120 bits). */
export const generatePassword = () => randomBytes(15).toString('base64url');
