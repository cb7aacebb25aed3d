import { describe, it, expect } from '@jest/globals';
import { computeDutySchedule, dutyRulesFromConfig } from '../../domain/duty-rules.js';
import { configDefaults } from '../../../config/config-defaults.js';

const DEFAULT_DUTY_RULES = dutyRulesFromConfig(configDefaults().duties);
import { desiredTasks, diffDuties, dutyKeyOf, type ExistingTask, type Holding } from '../duty-diff.js';

const plan = { periodStart: 2021, periodEnd: 2025, issuedOn: '2023-05-05' };
const schedule = computeDutySchedule(plan, DEFAULT_DUTY_RULES);
const scheduled = new Set(schedule.map((d) => `${d.kind}|${d.period}`));
const hold = (unitId: number, goalId: number, role: 'lead' | 'responsible'): Holding => ({
  unitId,
  targetKey: `goal:${goalId}`,
  goalId,
  measureId: null,
  role,
});

// Unit 1 leads goal 10 (with an indicator) and is responsible for goal 11; unit 2 is responsible for goal 10.
const holdings = [
  hold(1, 10, 'lead'),
  hold(1, 11, 'responsible'),
  hold(2, 10, 'responsible'),
  hold(2, 10, 'responsible'),
];
const withIndicators = new Set([10]);

/** What the database would hold after creating `desired` as is. */
function existingFrom(desired: ReturnType<typeof desiredTasks>): ExistingTask[] {
  let id = 0;
  let itemId = 0;
  return desired.map((d) => ({
    id: ++id,
    dutyKey: d.dutyKey,
    kind: d.kind,
    periodKey: d.periodKey,
    unitId: d.unitId,
    state: 'assigned',
    dueOn: d.dueOn,
    originalDueOn: d.dueOn,
    cancelSource: null,
    items: d.items.map((i) => ({ id: ++itemId, targetKey: i.targetKey, role: i.role, active: true })),
  }));
}

describe('desiredTasks', () => {
  const desired = desiredTasks(7, schedule, holdings, withIndicators);
  const keys = desired.map((d) => d.dutyKey);

  it('one task per duty and owing unit, keyed by plan, kind, period and owner', () => {
    // units 1 and 2 owe implementation plan, 3 annual reports, the final evaluation; unit 1 alone
    // leads a goal with indicators (3 years of monitoring data); the office reports upward 3 times.
    expect(desired).toHaveLength(2 * 5 + 3 + 3);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('p7:implementation_plan:once:u1');
    expect(keys).toContain('p7:monitoring_data:2024:u1');
    expect(keys).not.toContain('p7:monitoring_data:2024:u2');
    expect(keys).toContain('p7:upward_report:2025:office');
    expect(dutyKeyOf(7, 'annual_report', '2023', null)).toBe('p7:annual_report:2023:office');
  });

  it('items: every goal and role the unit holds (duplicates collapsed); monitoring data only the led goals with indicators', () => {
    const find = (key: string) => desired.find((d) => d.dutyKey === key)!;
    expect(find('p7:annual_report:2023:u1').items.map((i) => `${i.targetKey} ${i.role}`)).toEqual([
      'goal:10 lead',
      'goal:11 responsible',
    ]);
    expect(find('p7:annual_report:2023:u2').items.map((i) => `${i.targetKey} ${i.role}`)).toEqual([
      'goal:10 responsible',
    ]);
    expect(find('p7:monitoring_data:2023:u1').items.map((i) => `${i.targetKey} ${i.role}`)).toEqual(['goal:10 lead']);
    expect(find('p7:upward_report:2023:office').items).toEqual([]);
    expect(find('p7:implementation_plan:once:u1').dueOn).toBe('2023-06-05');
  });
});

describe('diffDuties', () => {
  const desired = desiredTasks(7, schedule, holdings, withIndicators);

  it('creates everything on an empty plan, and nothing when run again', () => {
    expect(diffDuties(desired, [], scheduled).create).toHaveLength(desired.length);
    const again = diffDuties(desired, existingFrom(desired), scheduled);
    expect(again).toMatchObject({
      create: [],
      moves: [],
      cancel: [],
      revive: [],
      kept: [],
      itemsToAdd: [],
      itemsToDeactivate: [],
      itemsToReactivate: [],
    });
    expect(again.unchanged).toBe(desired.length);
  });

  it('moves open tasks to the new rule date; a later extension stays, an earlier one yields', () => {
    const existing = existingFrom(desired);
    const annual = existing.filter((t) => t.kind === 'annual_report' && t.periodKey === '2023');
    annual[0]!.dueOn = '2024-03-31'; // extended past the new rule date
    annual[1]!.dueOn = '2024-01-10'; // a date the office set before the new rule date
    const rules = {
      ...DEFAULT_DUTY_RULES,
      annualReport: { enabled: true, dueMonthDay: '02-28', dueYearOffset: 1 as const },
    };
    const next = desiredTasks(7, computeDutySchedule(plan, rules), holdings, withIndicators);
    const diff = diffDuties(next, existing, scheduled);
    const moves = Object.fromEntries(diff.moves.map((m) => [m.taskId, `${m.from}→${m.to} (rule ${m.ruleDueOn})`]));
    expect(moves[annual[0]!.id]).toBe('2024-03-31→2024-03-31 (rule 2024-02-28)');
    expect(moves[annual[1]!.id]).toBe('2024-01-10→2024-02-28 (rule 2024-02-28)');
    expect(diff.moves).toHaveLength(3 * 2);
  });

  it('never touches a standing submission; cancels open tasks that no longer apply; revives those it cancelled', () => {
    const existing = existingFrom(desired);
    const byKey = (k: string) => existing.find((t) => t.dutyKey === k)!;
    byKey('p7:annual_report:2023:u2').state = 'submitted';
    byKey('p7:annual_report:2024:u2').state = 'in_progress';
    // Unit 2 no longer holds anything.
    const next = desiredTasks(
      7,
      schedule,
      holdings.filter((h) => h.unitId !== 2),
      withIndicators,
    );
    const diff = diffDuties(next, existing, scheduled);
    expect(diff.kept).toEqual([{ taskId: byKey('p7:annual_report:2023:u2').id, reason: 'unit_no_longer_holds_goals' }]);
    expect(diff.cancel.map((c) => c.taskId).sort((a, b) => a - b)).toEqual(
      existing
        .filter((t) => t.unitId === 2 && t.state !== 'submitted')
        .map((t) => t.id)
        .sort((a, b) => a - b),
    );
    // Cancelled by generation, wanted again: revived. Cancelled by the office: left alone.
    for (const c of diff.cancel)
      Object.assign(
        existing.find((t) => t.id === c.taskId)!,
        { state: 'cancelled', cancelSource: 'generation' },
      );
    byKey('p7:final_evaluation:final-2025:u2').cancelSource = 'office';
    const back = diffDuties(desired, existing, scheduled);
    expect(back.revive.map((r) => r.taskId)).not.toContain(byKey('p7:final_evaluation:final-2025:u2').id);
    expect(back.revive).toHaveLength(diff.cancel.length - 1);
    expect(back.create).toEqual([]);
  });

  it('a duty the rules drop is cancelled with that reason', () => {
    const existing = existingFrom(desired);
    const noFinal = {
      ...DEFAULT_DUTY_RULES,
      finalEvaluation: { ...DEFAULT_DUTY_RULES.finalEvaluation, enabled: false },
    };
    const s = computeDutySchedule(plan, noFinal);
    const diff = diffDuties(
      desiredTasks(7, s, holdings, withIndicators),
      existing,
      new Set(s.map((d) => `${d.kind}|${d.period}`)),
    );
    expect(diff.cancel.map((c) => c.reason)).toEqual(['duty_no_longer_scheduled', 'duty_no_longer_scheduled']);
  });

  it('items follow the holdings: added, deactivated (never deleted), reactivated', () => {
    const existing = existingFrom(desired);
    const impl1 = existing.find((t) => t.dutyKey === 'p7:implementation_plan:once:u1')!;
    const next = desiredTasks(
      7,
      schedule,
      [hold(1, 10, 'lead'), hold(1, 12, 'lead'), hold(2, 10, 'responsible')],
      withIndicators,
    );
    const diff = diffDuties(next, existing, scheduled);
    expect(diff.itemsToAdd.filter((i) => i.taskId === impl1.id).map((i) => i.item.targetKey)).toEqual(['goal:12']);
    const dropped = impl1.items.find((i) => i.targetKey === 'goal:11')!;
    expect(diff.itemsToDeactivate).toContain(dropped.id);
    dropped.active = false;
    expect(diffDuties(desired, existing, scheduled).itemsToReactivate).toContain(dropped.id);
    // Items of a submitted task are left as they were.
    impl1.state = 'submitted';
    expect(diffDuties(next, existing, scheduled).itemsToAdd.filter((i) => i.taskId === impl1.id)).toEqual([]);
  });
});
