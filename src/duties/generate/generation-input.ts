import { IsNull, Not, type EntityManager } from 'typeorm';
import { Plan } from '../../plans/entities/plan.entity.js';
import { Area } from '../../plans/entities/area.entity.js';
import { Goal } from '../../plans/entities/goal.entity.js';
import { Indicator } from '../../plans/entities/indicator.entity.js';
import { Assignment } from '../../plans/entities/assignment.entity.js';
import { Unit } from '../../units/unit.entity.js';
import { isCurrentMember } from '../../units/domain/membership.js';
import type { DutyScheduleExplanation } from '../domain/duty-rules.js';
import { Task } from '../entities/task.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { desiredTasks, type DesiredTask, type ExistingTask, type Holding } from './duty-diff.js';

/** What generation reads for one plan, inside its transaction: the plan's holdings and the tasks it has. */
export interface GenerationInput {
  assignments: Pick<Assignment, 'id' | 'goalId' | 'measureId' | 'unitId' | 'allMembers' | 'role' | 'targetKey'>[];
  goals: Pick<Goal, 'id' | 'areaId' | 'number' | 'text'>[];
  areas: Pick<Area, 'id' | 'number' | 'name'>[];
  units: Pick<Unit, 'id' | 'name'>[];
  desired: DesiredTask[];
  existing: (ExistingTask & { year: number })[];
}

export async function loadGenerationInput(
  em: EntityManager,
  plan: Plan,
  today: string,
  explanation: DutyScheduleExplanation,
): Promise<GenerationInput> {
  const planId = plan.id;
  const [assignments, goals, areas, indicatorGoals, units] = await Promise.all([
    em.find(Assignment, {
      where: { planId },
      select: { id: true, goalId: true, measureId: true, unitId: true, allMembers: true, role: true, targetKey: true },
    }),
    em.find(Goal, { where: { planId }, select: { id: true, areaId: true, number: true, text: true } }),
    em.find(Area, { where: { planId }, select: { id: true, number: true, name: true } }),
    em
      .createQueryBuilder(Indicator, 'ind')
      .innerJoin(Goal, 'g', 'g.id = ind.goalId')
      .where('g.planId = :planId', { planId })
      .select('DISTINCT ind.goalId', 'goalId')
      .getRawMany<{ goalId: number }>(),
    em.find(Unit, {
      where: { committeeId: plan.committeeId },
      select: { id: true, name: true, isMember: true, memberSince: true, memberUntil: true },
    }),
  ]);
  const members = units.filter((u) => isCurrentMember(u, today));
  const holdings: Holding[] = [];
  for (const a of assignments) {
    const owners = a.allMembers ? members.map((m) => m.id) : a.unitId !== null ? [a.unitId] : [];
    for (const unitId of owners)
      holdings.push({ unitId, targetKey: a.targetKey, goalId: a.goalId, measureId: a.measureId, role: a.role });
  }
  const desired = desiredTasks(
    planId,
    explanation.duties,
    holdings,
    new Set(indicatorGoals.map((r) => Number(r.goalId))),
  );
  return { assignments, goals, areas, units, desired, existing: await existingTasks(em, planId) };
}

/** The plan's generated tasks (those with a duty key) with their items. */
async function existingTasks(em: EntityManager, planId: number): Promise<(ExistingTask & { year: number })[]> {
  const tasks = await em.find(Task, {
    where: { planId, dutyKey: Not(IsNull()) },
    select: {
      id: true,
      dutyKey: true,
      kind: true,
      periodKey: true,
      year: true,
      unitId: true,
      state: true,
      dueOn: true,
      originalDueOn: true,
      cancelSource: true,
    },
  });
  const items = tasks.length
    ? await em
        .createQueryBuilder(TaskItem, 'i')
        .innerJoin(Task, 't', 't.id = i.taskId')
        .where('t.planId = :planId AND t.dutyKey IS NOT NULL', { planId })
        .select([
          'i.id AS id',
          'i.taskId AS taskId',
          'i.targetKey AS targetKey',
          'i.role AS role',
          'i.active AS active',
        ])
        .getRawMany<{ id: number; taskId: number; targetKey: string; role: string; active: number | boolean }>()
    : [];
  const byTask = new Map<number, ExistingTask['items']>();
  for (const i of items) {
    const list = byTask.get(Number(i.taskId)) ?? [];
    list.push({ id: Number(i.id), targetKey: i.targetKey, role: i.role, active: Boolean(Number(i.active)) });
    byTask.set(Number(i.taskId), list);
  }
  return tasks.map((t) => ({ ...t, dutyKey: t.dutyKey!, items: byTask.get(t.id) ?? [] }));
}
