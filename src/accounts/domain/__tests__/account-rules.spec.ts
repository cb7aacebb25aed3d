import { describe, expect, it } from '@jest/globals';
import {
  afterFailedLogin,
  isLocked,
  loginProblem,
  normalizeLogin,
  passwordProblem,
  unitProblem,
} from '../account-rules.js';
import { hashSecret, newSecret, randomPassword, sameSecret } from '../secrets.js';

describe('account rules', () => {
  it('refuses short, login-equal and monotonous passwords', () => {
    expect(passwordProblem('short', 'wang')).toBe('the password must have at least 10 characters');
    expect(passwordProblem('Wang.Fang@Example.cn', 'wang.fang@example.cn')).toBe('the password must not be the login');
    expect(passwordProblem('aaaaaaaaaaab', 'wang')).toBe('the password must use at least 4 different characters');
    expect(passwordProblem('x'.repeat(201), 'wang')).toBe('the password may have at most 200 characters');
    expect(passwordProblem('correct horse battery', 'wang')).toBeNull();
  });

  it('normalises and checks logins', () => {
    expect(normalizeLogin('  Liaison@Example.GOV.cn ')).toBe('liaison@example.gov.cn');
    expect(loginProblem('office')).toBeNull();
    expect(loginProblem('王芳')).toBeNull();
    expect(loginProblem('a b')).toBe('the login may hold letters, digits and . _ @ + - only');
    expect(loginProblem('a\nb')).toBe('the login may hold letters, digits and . _ @ + - only');
    expect(loginProblem('x')).toBe('the login must have 2 to 200 characters');
  });

  it('ties liaisons to a unit and office roles to none', () => {
    expect(unitProblem('unit_liaison', null)).toBe('a unit_liaison needs the unit it acts for (unitId)');
    expect(unitProblem('office_staff', 3)).toBe('a office_staff belongs to the office, not to a unit');
    expect(unitProblem('unit_liaison', 3)).toBeNull();
    expect(unitProblem('viewer', null)).toBeNull();
  });

  it('locks an account at the fifth failure for the configured minutes, then lets it try again', () => {
    const now = new Date('2024-02-05T01:00:00Z');
    const policy = { maxFailures: 5, lockMinutes: 15 };
    let state = { failures: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 4; i++) {
      state = afterFailedLogin(state.failures, now, policy);
      expect(state).toEqual({ failures: i, lockedUntil: null });
    }
    state = afterFailedLogin(state.failures, now, policy);
    expect(state).toEqual({ failures: 0, lockedUntil: new Date('2024-02-05T01:15:00Z') });
    expect(isLocked(state.lockedUntil, new Date('2024-02-05T01:14:59Z'))).toBe(true);
    expect(isLocked(state.lockedUntil, new Date('2024-02-05T01:15:00Z'))).toBe(false);
  });

  it('makes distinct secrets and compares hashes in constant time', () => {
    const a = newSecret('lsk_');
    expect(a).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(newSecret());
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(randomPassword()).toMatch(/^[a-zA-Z2-9]{14}$/);
  });
});
