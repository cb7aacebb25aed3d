import { describe, it, expect } from '@jest/globals';
import { SYSTEM_REASONS, systemReasonCode, systemReasonText, TASK_EVENT_LABELS } from '../task-event-actions.js';
import { TASK_ACTIONS } from '../task-lifecycle.js';

describe('task history words', () => {
  it('names every lifecycle action, in both languages', () => {
    for (const action of TASK_ACTIONS) {
      expect(TASK_EVENT_LABELS[action]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(TASK_EVENT_LABELS[action].en).toMatch(/^[A-Z]/);
    }
  });

  it('says every system reason in Chinese and records its English sentence', () => {
    for (const code of Object.keys(SYSTEM_REASONS) as Array<keyof typeof SYSTEM_REASONS>) {
      expect(SYSTEM_REASONS[code]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(systemReasonText(code)).toBe(SYSTEM_REASONS[code].en);
    }
  });

  describe('systemReasonCode', () => {
    it('takes the code the event kept', () => {
      expect(
        systemReasonCode({ reason: systemReasonText('units_merged'), details: { reasonCode: 'units_merged' } }),
      ).toBe('units_merged');
    });
    it('recognises a row written before codes were kept by its sentence', () => {
      expect(systemReasonCode({ reason: 'the duty rules give a new date', details: { dueOn: '2024-01-31' } })).toBe(
        'rules_new_date',
      );
      expect(
        systemReasonCode({
          reason: 'no longer applies: the unit no longer holds goals that call for it',
          details: null,
        }),
      ).toBe('unit_no_longer_holds_goals');
    });
    it("leaves a person's reason alone, and an unknown code", () => {
      expect(systemReasonCode({ reason: '请补充指标数据来源', details: null })).toBeNull();
      expect(systemReasonCode({ reason: null, details: null })).toBeNull();
      expect(systemReasonCode({ reason: '数据未齐', details: { reasonCode: 'toString' } })).toBeNull();
      expect(systemReasonCode({ reason: '数据未齐', details: { reasonCode: 'made_up' } })).toBeNull();
    });
  });
});
