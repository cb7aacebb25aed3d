import { describe, expect, it } from 'vitest';
import { changeSummary, outcomeLabel } from '../import-summary.js';
import type { PlanChanges } from '../../../../src/plans/import/import-preview.types.js';

const zero = { areas: 0, goals: 0, measures: 0, assignments: 0, indicators: 0 };
const changes = (over: Partial<PlanChanges>): PlanChanges => ({
  outcome: 'updated',
  planId: 3,
  added: zero,
  updated: { ...zero, plan: 0 },
  removed: zero,
  ...over,
});

describe('import summary', () => {
  it('says the outcome in the reader’s language, never the code', () => {
    expect(outcomeLabel('created', 'zh-CN', 'done')).toBe('已新建');
    expect(outcomeLabel('unchanged', 'zh-CN', 'preview')).toBe('与已导入的内容相同');
    expect(outcomeLabel('updated', 'en', 'done')).toBe('updated');
  });

  it('lists only the non-zero changes of a re-import', () => {
    const c = changes({
      added: { ...zero, goals: 2, measures: 1 },
      updated: { ...zero, goals: 3, plan: 1 },
      removed: { ...zero, indicators: 1 },
    });
    expect(changeSummary(c, 'zh-CN')).toBe('新增 目标 2、措施 1；修改 规划信息、目标 3；删除 指标 1');
    expect(changeSummary(c, 'en')).toBe(
      'added goals 2, measures 1; changed plan details, goals 3; removed indicators 1',
    );
  });

  it('is empty for a new or unchanged plan', () => {
    expect(changeSummary(changes({ outcome: 'created', added: { ...zero, goals: 9 } }), 'zh-CN')).toBe('');
    expect(changeSummary(changes({ outcome: 'unchanged' }), 'zh-CN')).toBe('');
  });
});
