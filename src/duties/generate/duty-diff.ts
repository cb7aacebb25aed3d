/**
 * Pure: what generation must change so that a plan's tasks match its rules, its assignments and
 * the member register. No database here; GenerateDutiesService loads the inputs and applies the
 * result in one transaction.
 *
 * Desired: one task per (scheduled duty, owing unit); owing units follow the duty's audience:
 * - member units with goals: every unit holding a goal or measure (lead or responsible), with one
 *   item per (goal or measure, role) it holds;
 * - lead units with indicators (monitoring data): units leading goals that carry indicators, one
 *   item per such goal;
 * - the office (report upward): one task without a unit and without items.
 *
 * Against what exists (matched on the duty key):
 * - missing → create;
 * - open and still wanted → due date follows the rule (an extension already granted is kept when
 *   it is later), items follow the holdings (new ones added, dropped ones deactivated, never deleted);
 * - cancelled by generation and wanted again → revived;
 * - open and no longer wanted → cancelled, with the reason; a submission that stands (submitted,
 *   accepted) is never touched: it is reported as kept.
 */

import { type CalendarDate, compareDates } from '../../common/time/calendar-date.util.js';
import type { ScheduledDuty } from '../domain/duty-rules.js';
import type { ScheduledDutyKind } from '../domain/duty-kind.js';
import { isWorkingState, type TaskState } from '../domain/task-lifecycle.js';
import type { ItemRole } from '../entities/task-item.entity.js';

export interface Holding {
  unitId: number;
  /** 'goal:<id>' | 'measure:<id>' */
  targetKey: string;
  goalId: number | null;
  measureId: number | null;
  role: Extract<ItemRole, 'lead' | 'responsible'>;
}

export interface DesiredItem {
  targetKey: string;
  goalId: number | null;
  measureId: number | null;
  role: ItemRole;
}

export interface DesiredTask {
  dutyKey: string;
  kind: ScheduledDutyKind;
  periodKey: string;
  year: number | null;
  unitId: number | null;
  dueOn: CalendarDate;
  items: DesiredItem[];
}

export interface ExistingItem {
  id: number;
  targetKey: string;
  role: string;
  active: boolean;
}

export interface ExistingTask {
  id: number;
  dutyKey: string;
  kind: string;
  periodKey: string;
  unitId: number | null;
  state: TaskState;
  dueOn: CalendarDate;
  originalDueOn: CalendarDate;
  cancelSource: string | null;
  items: ExistingItem[];
}

export interface DueMove {
  taskId: number;
  from: CalendarDate;
  to: CalendarDate;
  /** The rule's date now (the task may keep a later extended date). */
  ruleDueOn: CalendarDate;
}

export type CancelReason = 'duty_no_longer_scheduled' | 'unit_no_longer_holds_goals';

export interface DutyDiff {
  create: DesiredTask[];
  moves: DueMove[];
  cancel: { taskId: number; reason: CancelReason }[];
  revive: { taskId: number; dueOn: CalendarDate }[];
  /** No longer wanted, but a submission stands: left as it is. */
  kept: { taskId: number; reason: CancelReason }[];
  itemsToAdd: { taskId: number; item: DesiredItem }[];
  itemsToDeactivate: number[];
  itemsToReactivate: number[];
  unchanged: number;
}

export function dutyKeyOf(planId: number, kind: string, periodKey: string, unitId: number | null): string {
  return `p${planId}:${kind}:${periodKey}:${unitId === null ? 'office' : `u${unitId}`}`;
}

const itemKey = (i: { targetKey: string; role: string }) => `${i.targetKey}|${i.role}`;

function byTarget(a: DesiredItem, b: DesiredItem): number {
  // goals before measures, then by id, lead before responsible
  const [ka, ia] = a.targetKey.split(':');
  const [kb, ib] = b.targetKey.split(':');
  return ka!.localeCompare(kb!) || Number(ia) - Number(ib) || a.role.localeCompare(b.role);
}

/** The tasks a plan's schedule and holdings call for. */
export function desiredTasks(
  planId: number,
  schedule: readonly ScheduledDuty[],
  holdings: readonly Holding[],
  goalsWithIndicators: ReadonlySet<number>,
): DesiredTask[] {
  const unique = new Map<string, Holding>();
  for (const h of holdings) unique.set(`${h.unitId}|${itemKey(h)}`, h);
  const byUnit = new Map<number, DesiredItem[]>();
  const leadsWithIndicators = new Map<number, DesiredItem[]>();
  for (const h of unique.values()) {
    const item: DesiredItem = { targetKey: h.targetKey, goalId: h.goalId, measureId: h.measureId, role: h.role };
    byUnit.set(h.unitId, [...(byUnit.get(h.unitId) ?? []), item]);
    if (h.role === 'lead' && h.goalId !== null && goalsWithIndicators.has(h.goalId)) {
      leadsWithIndicators.set(h.unitId, [...(leadsWithIndicators.get(h.unitId) ?? []), item]);
    }
  }
  const units = [...byUnit.keys()].sort((a, b) => a - b);
  const leads = [...leadsWithIndicators.keys()].sort((a, b) => a - b);
  const out: DesiredTask[] = [];
  for (const duty of schedule) {
    const base = { kind: duty.kind, periodKey: duty.period, year: duty.year, dueOn: duty.dueOn };
    if (duty.audience === 'office') {
      out.push({ ...base, dutyKey: dutyKeyOf(planId, duty.kind, duty.period, null), unitId: null, items: [] });
      continue;
    }
    const [owners, itemsOf] =
      duty.audience === 'lead_units_with_indicators' ? [leads, leadsWithIndicators] : [units, byUnit];
    for (const unitId of owners) {
      out.push({
        ...base,
        dutyKey: dutyKeyOf(planId, duty.kind, duty.period, unitId),
        unitId,
        items: [...itemsOf.get(unitId)!].sort(byTarget),
      });
    }
  }
  return out;
}

/** What to change so that `existing` matches `desired` (see the file comment). */
export function diffDuties(
  desired: readonly DesiredTask[],
  existing: readonly ExistingTask[],
  scheduledKeys: ReadonlySet<string>,
): DutyDiff {
  const diff: DutyDiff = {
    create: [],
    moves: [],
    cancel: [],
    revive: [],
    kept: [],
    itemsToAdd: [],
    itemsToDeactivate: [],
    itemsToReactivate: [],
    unchanged: 0,
  };
  const existingByKey = new Map(existing.map((t) => [t.dutyKey, t]));
  const wanted = new Set<string>();

  for (const want of desired) {
    wanted.add(want.dutyKey);
    const task = existingByKey.get(want.dutyKey);
    if (!task) {
      diff.create.push(want);
      continue;
    }
    const revive = task.state === 'cancelled' && task.cancelSource === 'generation';
    if (!revive && !isWorkingState(task.state)) {
      diff.unchanged++;
      continue;
    }
    let changed = false;
    if (revive) {
      diff.revive.push({ taskId: task.id, dueOn: want.dueOn });
      changed = true;
    } else if (task.originalDueOn !== want.dueOn) {
      // Follow the rule; a date the office set (extension, manual change) stays when it is later.
      const extended = task.dueOn !== task.originalDueOn;
      const to = extended && compareDates(task.dueOn, want.dueOn) > 0 ? task.dueOn : want.dueOn;
      diff.moves.push({ taskId: task.id, from: task.dueOn, to, ruleDueOn: want.dueOn });
      changed = true;
    }
    const current = new Map(task.items.map((i) => [itemKey(i), i]));
    const target = new Set(want.items.map(itemKey));
    for (const item of want.items) {
      const have = current.get(itemKey(item));
      if (!have) diff.itemsToAdd.push({ taskId: task.id, item });
      else if (!have.active) diff.itemsToReactivate.push(have.id);
      else continue;
      changed = true;
    }
    for (const item of task.items) {
      if (item.active && !target.has(itemKey(item))) {
        diff.itemsToDeactivate.push(item.id);
        changed = true;
      }
    }
    if (!changed) diff.unchanged++;
  }

  for (const task of existing) {
    if (wanted.has(task.dutyKey) || task.state === 'cancelled') continue;
    const reason: CancelReason = scheduledKeys.has(`${task.kind}|${task.periodKey}`)
      ? 'unit_no_longer_holds_goals'
      : 'duty_no_longer_scheduled';
    // Working tasks follow the rules and holdings; a standing submission is kept.
    if (isWorkingState(task.state)) diff.cancel.push({ taskId: task.id, reason });
    else diff.kept.push({ taskId: task.id, reason });
  }
  return diff;
}
