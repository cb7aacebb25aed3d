import type { Locale } from '../api/types.js';
import type { ChangeCounts, PlanChanges } from '../../../src/plans/import/import-preview.types.js';

const OUTCOME: Record<PlanChanges['outcome'], Record<Locale, { preview: string; done: string }>> = {
  created: { 'zh-CN': { preview: '新建规划', done: '已新建' }, en: { preview: 'new plan', done: 'created' } },
  updated: {
    'zh-CN': { preview: '更新已有规划', done: '已更新' },
    en: { preview: 'updates the plan', done: 'updated' },
  },
  unchanged: {
    'zh-CN': { preview: '与已导入的内容相同', done: '无变化' },
    en: { preview: 'same as imported before', done: 'unchanged' },
  },
};

const PARTS: Array<[keyof ChangeCounts, Record<Locale, string>]> = [
  ['areas', { 'zh-CN': '领域', en: 'areas' }],
  ['goals', { 'zh-CN': '目标', en: 'goals' }],
  ['measures', { 'zh-CN': '措施', en: 'measures' }],
  ['assignments', { 'zh-CN': '单位分工', en: 'unit assignments' }],
  ['indicators', { 'zh-CN': '指标', en: 'indicators' }],
];

/** What an import does to a plan, in words: before (preview) or after (done) the commit. */
export function outcomeLabel(outcome: PlanChanges['outcome'], locale: Locale, when: 'preview' | 'done'): string {
  return OUTCOME[outcome][locale][when];
}

/**
 * A re-import's changes in one line ("新增 目标 2、措施 1；修改 目标 3；删除 指标 1"), only the
 * non-zero counts; empty when nothing changes or the plan is new (its counts say it all).
 */
export function changeSummary(changes: PlanChanges, locale: Locale): string {
  if (changes.outcome !== 'updated') return '';
  const zh = locale === 'zh-CN';
  const groups: Array<[string, ChangeCounts, boolean]> = [
    [zh ? '新增' : 'added', changes.added, false],
    [zh ? '修改' : 'changed', changes.updated, changes.updated.plan > 0],
    [zh ? '删除' : 'removed', changes.removed, false],
  ];
  const out: string[] = [];
  for (const [verb, counts, planDetails] of groups) {
    const parts = PARTS.filter(([k]) => counts[k] > 0).map(([k, l]) => `${l[locale]} ${counts[k]}`);
    if (planDetails) parts.unshift(zh ? '规划信息' : 'plan details');
    if (parts.length) out.push(`${verb} ${parts.join(zh ? '、' : ', ')}`);
  }
  return out.join(zh ? '；' : '; ');
}
