import { describe, expect, it } from 'vitest';
import {
  ALL_MEMBERS,
  assignmentBody,
  assignmentLabel,
  hasLead,
  optionMatches,
  unitOptions,
  type AssignmentLike,
  type UnitLike,
} from '../assignments.js';

const units: UnitLike[] = [
  { id: 1, name: '自治县卫生健康局', aliases: [{ alias: '县卫健局' }] },
  { id: 2, name: '自治县妇联' },
  { id: 3, name: '自治县教育局', aliases: [{ alias: 'Education Bureau' }] },
];
const lead = (id: number, unitId: number): AssignmentLike => ({
  id,
  role: 'lead',
  allMembers: false,
  unit: { id: unitId, name: units.find((u) => u.id === unitId)!.name },
});
const responsible = (id: number, unitId: number | null): AssignmentLike => ({
  id,
  role: 'responsible',
  allMembers: unitId === null,
  unit: unitId === null ? null : { id: unitId, name: units.find((u) => u.id === unitId)!.name },
});

describe('unitOptions', () => {
  it('offers for lead every unit not already leading, without 各成员单位', () => {
    const options = unitOptions(units, [lead(10, 1), responsible(11, 2)], 'lead', 'zh-CN');
    expect(options.map((o) => o.value).sort()).toEqual([2, 3]);
    expect(options.some((o) => o.value === ALL_MEMBERS)).toBe(false);
  });

  it('offers for responsible 各成员单位 first, then the units not yet responsible (a lead may also be responsible)', () => {
    const options = unitOptions(units, [lead(10, 1), responsible(11, 2)], 'responsible', 'zh-CN');
    expect(options[0]).toMatchObject({ value: ALL_MEMBERS, label: '各成员单位' });
    expect(
      options
        .slice(1)
        .map((o) => o.value)
        .sort(),
    ).toEqual([1, 3]);
  });

  it('leaves 各成员单位 out once the goal has it, and labels it in English for English users', () => {
    expect(unitOptions(units, [responsible(12, null)], 'responsible', 'zh-CN').map((o) => o.value)).not.toContain(
      ALL_MEMBERS,
    );
    expect(unitOptions(units, [], 'responsible', 'en')[0].label).toBe('all member units');
  });

  it('offers nothing when every unit already has the role', () => {
    expect(unitOptions(units, [lead(1, 1), lead(2, 2), lead(3, 3)], 'lead', 'zh-CN')).toEqual([]);
  });

  it('sorts units by their Chinese name and does not reorder the caller’s list', () => {
    const input = [...units];
    const labels = unitOptions(input, [], 'lead', 'zh-CN').map((o) => o.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('zh-CN').compare));
    expect(input).toEqual(units);
  });
});

describe('optionMatches', () => {
  const [health, , education] = unitOptions(units, [], 'lead', 'zh-CN').sort(
    (a, b) => Number(a.value) - Number(b.value),
  );
  it('matches part of the name or of an alias, ignoring case and outer spaces', () => {
    expect(optionMatches('卫生', health)).toBe(true);
    expect(optionMatches('县卫健局', health)).toBe(true);
    expect(optionMatches(' education ', education)).toBe(true);
    expect(optionMatches('妇联', health)).toBe(false);
    expect(optionMatches('', health)).toBe(true);
    expect(optionMatches('x', undefined)).toBe(false);
  });
  it('finds 各成员单位 by its Chinese name in either language', () => {
    const all = unitOptions(units, [], 'responsible', 'en')[0];
    expect(optionMatches('成员', all)).toBe(true);
    expect(optionMatches('member', all)).toBe(true);
  });
});

describe('assignmentBody', () => {
  it('sends a unit id or allMembers, never both', () => {
    expect(assignmentBody(7, 'lead', 3)).toEqual({ goalId: 7, role: 'lead', unitId: 3 });
    expect(assignmentBody(7, 'responsible', ALL_MEMBERS)).toEqual({
      goalId: 7,
      role: 'responsible',
      allMembers: true,
    });
  });
});

describe('hasLead and labels', () => {
  it('a goal with only responsible units has no lead', () => {
    expect(hasLead([responsible(1, 2), responsible(2, null)])).toBe(false);
    expect(hasLead([responsible(1, 2), lead(2, 1)])).toBe(true);
    expect(hasLead([])).toBe(false);
  });
  it('names 各成员单位 and units', () => {
    expect(assignmentLabel(responsible(1, null), 'zh-CN')).toBe('各成员单位');
    expect(assignmentLabel(lead(1, 2), 'en')).toBe('自治县妇联');
  });
});
