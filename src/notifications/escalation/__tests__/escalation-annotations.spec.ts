import { describe, expect, it } from '@jest/globals';
import { escalationMark } from '../escalation-annotations.js';

describe('escalationMark: the highest step actually taken', () => {
  it('is null without a step, or when every step was withdrawn', () => {
    expect(escalationMark(undefined)).toBeNull();
    expect(escalationMark({})).toBeNull();
    expect(escalationMark({ withdrawn: { urge: '2025-03-03' } })).toBeNull();
  });
  it('is the 催办 with its day, and the 督办 once taken', () => {
    expect(escalationMark({ urgedOn: '2025-03-05' })).toEqual({ level: 'urge', on: '2025-03-05' });
    expect(escalationMark({ urgedOn: '2025-03-05', supervisedOn: '2025-03-10' })).toEqual({
      level: 'supervise',
      on: '2025-03-10',
    });
  });
  it('ignores a withdrawn 督办 and keeps the 催办 that stands', () => {
    expect(escalationMark({ urgedOn: '2025-03-05', withdrawn: { supervise: '2025-03-10' } })).toEqual({
      level: 'urge',
      on: '2025-03-05',
    });
  });
});
