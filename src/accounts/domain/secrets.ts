import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for cookies, API tokens and reset links (URL-safe, 256 bits). */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets are stored only as their SHA-256: a database dump does not log anyone in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A readable random password for first administrators and demo accounts (no look-alike characters). */
export function randomPassword(length = 14): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** API tokens carry a recognisable prefix so that a leaked one can be found in logs and repos. */
export const API_TOKEN_PREFIX = 'lsk_';
