import { describe, it, expect } from '@jest/globals';
import {
  DUTY_KIND_AUDIENCE,
  DUTY_KIND_LABELS,
  DUTY_KIND_RECIPIENT,
  DUTY_KINDS,
  dutyKindLabel,
  isDutyKind,
} from '../duty-kind.js';

describe('duty kinds', () => {
  it('has the seven kinds, each labelled in both languages', () => {
    expect([...DUTY_KINDS]).toEqual([
      'implementation_plan',
      'annual_report',
      'monitoring_data',
      'midterm_evaluation',
      'final_evaluation',
      'upward_report',
      'ad_hoc',
    ]);
    for (const kind of DUTY_KINDS) {
      expect(DUTY_KIND_LABELS[kind]['zh-CN'].length).toBeGreaterThan(0);
      expect(DUTY_KIND_LABELS[kind].en.length).toBeGreaterThan(0);
    }
  });

  it('labels', () => {
    expect(dutyKindLabel('implementation_plan')).toBe('实施方案');
    expect(dutyKindLabel('monitoring_data', 'en')).toBe('Annual monitoring data');
    expect(dutyKindLabel('ad_hoc')).toBe('交办事项');
    expect(dutyKindLabel('annual_report')).toContain('规划落实情况和下一年工作安排');
  });

  it('audience and recipient of scheduled kinds', () => {
    expect(DUTY_KIND_AUDIENCE.monitoring_data).toBe('lead_units_with_indicators');
    expect(DUTY_KIND_RECIPIENT.monitoring_data).toBe('statistics_bureau');
    expect(DUTY_KIND_AUDIENCE.upward_report).toBe('office');
    expect(DUTY_KIND_RECIPIENT.upward_report).toBe('upper_committee');
    expect(DUTY_KIND_RECIPIENT.implementation_plan).toBe('committee_office');
  });

  it('isDutyKind', () => {
    expect(isDutyKind('final_evaluation')).toBe(true);
    expect(isDutyKind('annual')).toBe(false);
    expect(isDutyKind(undefined)).toBe(false);
  });

  it('tables are frozen', () => {
    expect(Object.isFrozen(DUTY_KIND_LABELS)).toBe(true);
    expect(Object.isFrozen(DUTY_KIND_LABELS.ad_hoc)).toBe(true);
  });
});
