import { describe, expect, it } from '@jest/globals';
import { stepWithdrawn } from '../escalation.store.js';
import { escalationIdempotencyKey, escalationKeyPrefix } from '../../domain/reminder-policy.js';

const prefix = escalationKeyPrefix(7, '2025-02-26', 'urge');
const key = (email: string, reissuedOn?: string) =>
  escalationIdempotencyKey(7, '2025-02-26', 'urge', email, reissuedOn);

describe('stepWithdrawn', () => {
  it('is withdrawn only when every notice of the step was cancelled', () => {
    expect(
      stepWithdrawn(prefix, '2025-03-03', [
        { key: key('a@x.cn'), status: 'cancelled' },
        { key: key('b@x.cn'), status: 'cancelled' },
      ]),
    ).toBe(true);
    expect(
      stepWithdrawn(prefix, '2025-03-03', [
        { key: key('a@x.cn'), status: 'cancelled' },
        { key: key('b@x.cn'), status: 'sent' },
      ]),
    ).toBe(false);
    expect(stepWithdrawn(prefix, '2025-03-03', [{ key: key('a@x.cn'), status: 'queued' }])).toBe(false);
    expect(stepWithdrawn(prefix, '2025-03-03', [{ key: key('a@x.cn'), status: 'failed' }])).toBe(false);
  });

  it('counts a step whose notices are not in the outbox (never claims a re-send)', () => {
    expect(stepWithdrawn(prefix, '2025-03-03', [])).toBe(false);
  });

  it('judges a re-issued step by its own dated notices, not the cancelled first ones', () => {
    const messages = [
      { key: key('a@x.cn'), status: 'cancelled' },
      { key: key('a@x.cn', '2025-03-05'), status: 'sent' },
    ];
    expect(stepWithdrawn(prefix, '2025-03-05', messages)).toBe(false);
    expect(
      stepWithdrawn(prefix, '2025-03-05', [
        { key: key('a@x.cn'), status: 'sent' },
        { key: key('a@x.cn', '2025-03-05'), status: 'cancelled' },
      ]),
    ).toBe(true);
  });

  it('keeps the first issue key as before and dates a re-issue', () => {
    expect(key(' Zhang@Example.org ')).toBe('escalation:7:2025-02-26:urge:zhang@example.org');
    expect(key('zhang@example.org', '2025-03-05')).toBe('escalation:7:2025-02-26:urge:2025-03-05:zhang@example.org');
  });
});
