import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysLate, dueLabel, formatInstant, percent } from '../dates.js';
import { initialLocale, translate } from '../i18n.js';
import { taskHeading, untouchedItems } from '../task-rules.js';

describe('dates', () => {
  it("shows an instant on the committee's wall clock, not UTC's", () => {
    expect(formatInstant('2024-02-05T01:30:45.000Z', 'Asia/Shanghai')).toBe('2024-02-05 09:30');
    expect(formatInstant('2024-02-04T20:05:00.000Z', 'Asia/Shanghai', true)).toBe('2024-02-05 04:05:00');
    // Midnight is 00, not 24; another zone, another wall clock.
    expect(formatInstant('2024-02-04T16:00:00.000Z', 'Asia/Shanghai')).toBe('2024-02-05 00:00');
    expect(formatInstant('2024-02-04T16:00:00.000Z', 'Asia/Urumqi')).toBe('2024-02-04 22:00');
    expect(formatInstant(null, 'Asia/Shanghai')).toBe('');
    expect(formatInstant('not a date', 'Asia/Shanghai')).toBe('not a date');
  });
  it('counts calendar days across month ends and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-01-31', '2024-01-31')).toBe(0);
    expect(daysBetween('2024-02-05', '2023-06-05')).toBe(-245);
  });
  it('adds days', () => {
    expect(addDays('2024-02-05', 60)).toBe('2024-04-05');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
  it('days late is never negative', () => {
    expect(daysLate('2023-06-05', '2024-02-05')).toBe(245);
    expect(daysLate('2024-06-05', '2024-02-05')).toBe(0);
  });
  it('labels days left or late in each language', () => {
    expect(dueLabel({ daysLeft: null, daysLate: 245 }, 'zh-CN')).toBe('逾期 245 天');
    expect(dueLabel({ daysLeft: null, daysLate: 1 }, 'en')).toBe('1 day late');
    expect(dueLabel({ daysLeft: 3, daysLate: null }, 'zh-CN')).toBe('还剩 3 天');
    expect(dueLabel({ daysLeft: 1, daysLate: null }, 'en')).toBe('1 day left');
    expect(dueLabel({ daysLeft: 0, daysLate: null }, 'zh-CN')).toBe('今天到期');
    expect(dueLabel({ daysLeft: null, daysLate: null }, 'en')).toBe('');
  });
  it('formats rates, with a dash when nothing is expected yet', () => {
    expect(percent(0.8333)).toBe('83.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });
});

describe('language', () => {
  it('prefers the stored choice, then the browser, then Chinese', () => {
    expect(initialLocale('en', ['zh-CN'])).toBe('en');
    expect(initialLocale(null, ['en-GB', 'zh'])).toBe('en');
    expect(initialLocale(null, ['fr-FR'])).toBe('zh-CN');
    expect(initialLocale('xx', [])).toBe('zh-CN');
  });
  it('fills in variables', () => {
    expect(translate('zh-CN', 'locked', { s: 30 })).toBe('尝试次数过多，请 30 秒后再试');
    expect(translate('en', 'locked', { s: 30 })).toBe('Too many attempts; try again in 30 s');
  });
});

describe('submit warning', () => {
  const item = (
    over: Partial<{
      active: boolean;
      progress: string;
      narrative: string | null;
      indicators: Array<{ reported: number | null }>;
    }>,
  ) => ({ active: true, progress: 'not_started', narrative: null, indicators: [], ...over });
  it('counts only active items with no progress, narrative or value', () => {
    const items = [
      item({}),
      item({ progress: 'on_track' }),
      item({ narrative: '  ' }),
      item({ narrative: '已完成' }),
      item({ indicators: [{ reported: 0 }] }),
      item({ active: false }),
      item({ indicators: [{ reported: null }] }),
    ];
    expect(untouchedItems(items)).toEqual([items[0], items[2], items[6]]);
  });
});

describe('task heading', () => {
  it('adds the year only to a yearly task whose title does not name it', () => {
    expect(taskHeading({ title: '年度报告（2023年）', periodKey: '2023', year: 2023 })).toBe('年度报告（2023年）');
    expect(taskHeading({ title: '年度监测数据', periodKey: '2023', year: 2023 })).toBe('年度监测数据 · 2023');
    expect(taskHeading({ title: '实施方案', periodKey: 'once', year: 2021 })).toBe('实施方案');
    expect(taskHeading({ title: '交办事项', periodKey: 'once', year: null })).toBe('交办事项');
  });
});
