import { describe, it, expect } from '@jest/globals';
import { isCurrentMember } from '../membership.js';

const unit = (isMember: boolean, memberSince: string | null, memberUntil: string | null) => ({
  isMember,
  memberSince,
  memberUntil,
});

describe('isCurrentMember', () => {
  it('a member without dates is always current; a non-member never, whatever its dates', () => {
    expect(isCurrentMember(unit(true, null, null), '2025-06-30')).toBe(true);
    expect(isCurrentMember(unit(false, null, null), '2025-06-30')).toBe(false);
    expect(isCurrentMember(unit(false, '2020-01-01', '2030-12-31'), '2025-06-30')).toBe(false);
  });

  it('membership not yet started: current from memberSince on (inclusive)', () => {
    const u = unit(true, '2025-07-01', null);
    expect(isCurrentMember(u, '2025-06-30')).toBe(false);
    expect(isCurrentMember(u, '2025-07-01')).toBe(true);
    expect(isCurrentMember(u, '2026-01-01')).toBe(true);
  });

  it('membership ended: current up to memberUntil (inclusive)', () => {
    const u = unit(true, null, '2025-06-29');
    expect(isCurrentMember(u, '2025-06-28')).toBe(true);
    expect(isCurrentMember(u, '2025-06-29')).toBe(true);
    expect(isCurrentMember(u, '2025-06-30')).toBe(false);
  });

  it('both ends: a one-day membership', () => {
    const u = unit(true, '2025-06-30', '2025-06-30');
    expect(isCurrentMember(u, '2025-06-29')).toBe(false);
    expect(isCurrentMember(u, '2025-06-30')).toBe(true);
    expect(isCurrentMember(u, '2025-07-01')).toBe(false);
  });

  it('compares calendar dates across month and year ends', () => {
    expect(isCurrentMember(unit(true, '2024-12-31', '2025-01-01'), '2025-01-01')).toBe(true);
    expect(isCurrentMember(unit(true, '2024-12-31', '2025-01-01'), '2024-12-30')).toBe(false);
  });
});
