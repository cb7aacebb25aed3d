import { ROLES, type Role } from '../../access/permissions.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, login: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim().toLowerCase() === login.trim().toLowerCase()) return 'the password must not be the login';
  if (new Set(password).size < 4) return 'the password must use at least 4 different characters';
  return null;
}

/** Logins compare case-insensitively (e-mail addresses), without surrounding spaces. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** A login is an e-mail address or a short name: letters, digits, . _ - @ (no spaces, no control characters). */
export function loginProblem(login: string): string | null {
  const value = normalizeLogin(login);
  if (value.length < 2 || value.length > 200) return 'the login must have 2 to 200 characters';
  if (!/^[\p{L}\p{N}._@+-]+$/u.test(value)) return 'the login may hold letters, digits and . _ @ + - only';
  return null;
}

/** A unit liaison belongs to exactly one unit; office roles to none. */
export function unitProblem(role: Role, unitId: number | null | undefined): string | null {
  if (!ROLES.includes(role)) return `unknown role ${String(role)}`;
  if (role === 'unit_liaison' && !unitId) return 'a unit_liaison needs the unit it acts for (unitId)';
  if (role !== 'unit_liaison' && unitId) return `a ${role} belongs to the office, not to a unit`;
  return null;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** After a failed login: the new failure count, and until when the account is locked (if it now is). */
export function afterFailedLogin(
  failures: number,
  now: Date,
  policy: LockoutPolicy,
): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  if (next >= policy.maxFailures)
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  return { failures: next, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}
