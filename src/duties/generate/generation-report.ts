import { yearOf } from '../../common/time/calendar-date.util.js';
import type { Plan } from '../../plans/entities/plan.entity.js';
import type { SkippedDuty } from '../domain/duty-rules.js';
import type { AppliedDiff } from './apply-duty-diff.js';
import type { CancelReason, DutyDiff } from './duty-diff.js';
import type { GenerationInput } from './generation-input.js';

export interface GeneratedTaskRef {
  taskId: number | null;
  kind: string;
  periodKey: string;
  year: number;
  unitId: number | null;
  unitName: string;
  dueOn: string;
}

export interface GenerationReport {
  planId: number;
  planTitle: string;
  dryRun: boolean;
  added: (GeneratedTaskRef & { items: number })[];
  moved: (GeneratedTaskRef & { from: string; to: string; ruleDueOn: string })[];
  cancelled: (GeneratedTaskRef & { reason: CancelReason })[];
  revived: GeneratedTaskRef[];
  /** No longer applies, but a submission stands: left as it was. */
  keptSubmitted: (GeneratedTaskRef & { reason: CancelReason })[];
  items: { added: number; deactivated: number; reactivated: number };
  unchanged: number;
  /** Goals nobody leads: they still need an owner (the office should assign one). */
  goalsWithoutLead: { goalId: number; areaNumber: number; areaName: string; goalNumber: number; text: string }[];
  /** Duties the rules leave out for this plan, and why. */
  skipped: SkippedDuty[];
}

/** What a generation did (or, in a dry run, would do), task by task. */
export function generationReport(
  plan: Pick<Plan, 'id' | 'title'>,
  dryRun: boolean,
  input: GenerationInput,
  diff: DutyDiff,
  applied: AppliedDiff,
  skipped: SkippedDuty[],
): GenerationReport {
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const byId = new Map(input.existing.map((t) => [t.id, t]));
  const ref = (t: {
    id?: number;
    kind: string;
    periodKey: string;
    unitId: number | null;
    dueOn: string;
    year?: number | null;
  }): GeneratedTaskRef => ({
    taskId: t.id ?? null,
    kind: t.kind,
    periodKey: t.periodKey,
    year: t.year ?? yearOf(t.dueOn),
    unitId: t.unitId,
    unitName: t.unitId === null ? 'office' : (unitName.get(t.unitId) ?? `unit ${t.unitId}`),
    dueOn: t.dueOn,
  });
  const existingRef = (id: number) => ref(byId.get(id)!);

  const areaOf = new Map(input.areas.map((a) => [a.id, a]));
  const led = new Set(input.assignments.filter((a) => a.role === 'lead' && a.goalId !== null).map((a) => a.goalId));
  const goalsWithoutLead = input.goals
    .filter((g) => !led.has(g.id))
    .map((g) => ({
      goalId: g.id,
      areaNumber: areaOf.get(g.areaId)?.number ?? 0,
      areaName: areaOf.get(g.areaId)?.name ?? '',
      goalNumber: g.number,
      text: g.text,
    }))
    .sort((a, b) => a.areaNumber - b.areaNumber || a.goalNumber - b.goalNumber);

  return {
    planId: plan.id,
    planTitle: plan.title,
    dryRun,
    added: diff.create.map((t) => ({ ...ref({ ...t, id: applied.created.get(t.dutyKey) }), items: t.items.length })),
    moved: diff.moves.map((m) => ({ ...existingRef(m.taskId), from: m.from, to: m.to, ruleDueOn: m.ruleDueOn })),
    cancelled: diff.cancel.map((c) => ({ ...existingRef(c.taskId), reason: c.reason })),
    revived: diff.revive.map((r) => ({ ...existingRef(r.taskId), dueOn: r.dueOn })),
    keptSubmitted: diff.kept.map((k) => ({ ...existingRef(k.taskId), reason: k.reason })),
    items: {
      added: applied.itemsAdded,
      deactivated: diff.itemsToDeactivate.length,
      reactivated: diff.itemsToReactivate.length,
    },
    unchanged: diff.unchanged,
    goalsWithoutLead,
    skipped,
  };
}
