import { describe, expect, it } from 'vitest';
import { escalationColor, escalationFilterOptions, escalationQuery, escalationText } from '../escalation.js';

describe('escalation from the server', () => {
  it('labels the step actually taken with its day, in the user language', () => {
    expect(escalationText({ level: 'urge', on: '2024-02-08' }, 'zh-CN')).toBe('催办 2024-02-08');
    expect(escalationText({ level: 'supervise', on: '2024-02-20' }, 'zh-CN')).toBe('督办 2024-02-20');
    expect(escalationText({ level: 'urge', on: '2024-02-08' }, 'en')).toBe('Urged 2024-02-08');
    expect(escalationText(null, 'zh-CN')).toBeNull();
    expect(escalationText(undefined, 'en')).toBeNull();
  });
  it('colours 督办 red and 催办 orange', () => {
    expect(escalationColor({ level: 'supervise', on: '2024-02-20' })).toBe('red');
    expect(escalationColor({ level: 'urge', on: '2024-02-08' })).toBe('orange');
  });
  it('offers 全部/未催办/已催办/已督办 and sends only a real level to the API', () => {
    expect(escalationFilterOptions('zh-CN').map((o) => o.label)).toEqual(['全部', '未催办', '已催办', '已督办']);
    expect(escalationFilterOptions('en').map((o) => o.value)).toEqual(['all', 'none', 'urge', 'supervise']);
    expect(escalationQuery('all')).toBeUndefined();
    expect(escalationQuery(null)).toBeUndefined();
    expect(escalationQuery('sent')).toBeUndefined();
    expect(escalationQuery('none')).toBe('none');
    expect(escalationQuery('supervise')).toBe('supervise');
  });
});
