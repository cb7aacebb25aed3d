import { describe, expect, it } from 'vitest';
import {
  assessmentOptions,
  indicatorControl,
  indicatorPatch,
  reportedText,
  targetText,
  unitLabel,
  type IndicatorLike,
} from '../indicators.js';
import { untouchedItems } from '../task-rules.js';

const rate: IndicatorLike = {
  id: 2,
  name: '孕产妇死亡率',
  comparator: 'lte',
  value: 12,
  unit: 'per_100k',
  reported: null,
  assessment: null,
  note: null,
};
const trend: IndicatorLike = {
  id: 1,
  name: '妇女健康水平',
  comparator: 'qualitative',
  value: null,
  unit: null,
  reported: null,
  assessment: null,
  note: null,
};

describe('indicator controls', () => {
  it('asks a number for every quantitative target and an assessment only for a qualitative one', () => {
    for (const comparator of ['lte', 'gte', 'about', 'eq', 'change_from_baseline', 'yearly_change'])
      expect(indicatorControl({ comparator })).toBe('number');
    expect(indicatorControl({ comparator: 'qualitative' })).toBe('assessment');
  });

  it('names units and targets in the user’s language', () => {
    expect(unitLabel('per_100k', 'zh-CN')).toBe('/10万');
    expect(unitLabel('per_100k', 'en')).toBe('per 100,000');
    expect(unitLabel('%', 'zh-CN')).toBe('%');
    expect(unitLabel(null, 'zh-CN')).toBe('');
    expect(unitLabel('strange', 'en')).toBe('strange');
    expect(targetText(rate, 'zh-CN')).toBe('目标 ≤12 /10万');
    expect(targetText({ ...rate, comparator: 'gte', value: 95, unit: '%' }, 'en')).toBe('target ≥95 %');
    expect(targetText(trend, 'zh-CN')).toBe('定性');
    expect(assessmentOptions('zh-CN').map((o) => o.label)).toEqual(['达到', '基本达到', '未达到']);
    expect(assessmentOptions('en').map((o) => o.value)).toEqual(['met', 'largely_met', 'not_met']);
  });

  it('shows what was reported: a value with its unit, an assessment with its note', () => {
    expect(reportedText(rate, 'zh-CN')).toBe('');
    expect(reportedText({ ...rate, reported: 10.5 }, 'zh-CN')).toBe('10.5 /10万');
    expect(reportedText({ ...trend, assessment: 'largely_met', note: '筛查覆盖率提高' }, 'zh-CN')).toBe(
      '基本达到（筛查覆盖率提高）',
    );
    expect(reportedText({ ...trend, assessment: 'not_met' }, 'en')).toBe('not met');
    expect(reportedText({ ...trend, assessment: 'met', reported: 3 }, 'en')).toBe('met · 3');
  });

  it('sends a number for a quantitative target, never an assessment', () => {
    expect(indicatorPatch(rate, { value: 11 })).toEqual({ indicatorId: 2, value: 11 });
    expect(indicatorPatch(rate, { value: null })).toBeNull(); // nothing reported, nothing to clear
    expect(indicatorPatch({ ...rate, reported: 11 }, { value: 11 })).toBeNull();
    expect(indicatorPatch({ ...rate, reported: 11 }, { value: null })).toEqual({ indicatorId: 2, value: null });
  });

  it('sends an assessment with its note for a qualitative target, keeping a value reported before', () => {
    expect(indicatorPatch(trend, { assessment: 'met', note: ' 全县筛查 ' })).toEqual({
      indicatorId: 1,
      value: null,
      assessment: 'met',
      note: '全县筛查',
    });
    expect(indicatorPatch({ ...trend, reported: 3 }, { assessment: 'not_met' })).toEqual({
      indicatorId: 1,
      value: 3,
      assessment: 'not_met',
      note: null,
    });
    const assessed = { ...trend, assessment: 'met', note: '全县筛查' };
    expect(indicatorPatch(assessed, { note: '全县筛查' })).toBeNull();
    expect(indicatorPatch(assessed, { note: '' })).toEqual({
      indicatorId: 1,
      value: null,
      assessment: 'met',
      note: null,
    });
    // Clearing the assessment drops its note with it.
    expect(indicatorPatch(assessed, { assessment: null })).toEqual({
      indicatorId: 1,
      value: null,
      assessment: null,
      note: null,
    });
    // A note alone changes nothing the service keeps until an assessment is chosen.
    expect(indicatorPatch(trend, { note: '说明' })).toEqual({
      indicatorId: 1,
      value: null,
      assessment: null,
      note: null,
    });
  });

  it('counts an assessed item as touched before submitting', () => {
    const item = { active: true, progress: 'not_started', narrative: null };
    const items = [
      { ...item, indicators: [{ reported: null, assessment: null }] },
      { ...item, indicators: [{ reported: null, assessment: 'met' }] },
    ];
    expect(untouchedItems(items)).toEqual([items[0]]);
  });
});
