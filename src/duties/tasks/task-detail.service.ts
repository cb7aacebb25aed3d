import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Area } from '../../plans/entities/area.entity.js';
import { Goal } from '../../plans/entities/goal.entity.js';
import { Measure } from '../../plans/entities/measure.entity.js';
import { Indicator } from '../../plans/entities/indicator.entity.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import { Unit } from '../../units/unit.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { TaskEvent } from '../entities/task-event.entity.js';
import { ExtensionRequest } from '../entities/extension-request.entity.js';
import { Attachment } from '../entities/attachment.entity.js';
import { IndicatorValue } from '../entities/indicator-value.entity.js';
import type { Actor } from '../../access/actor.js';
import { TaskQueryService, reviewFlagsOf, type TaskView } from './task-query.service.js';
import { systemReasonCode, type SystemReason } from '../domain/task-event-actions.js';

export interface TaskItemView extends TaskItem {
  target: {
    type: 'goal' | 'measure';
    id: number;
    number: number;
    text: string;
    areaNumber: number;
    areaName: string;
  } | null;
  indicators: (Pick<
    Indicator,
    'id' | 'name' | 'phrase' | 'comparator' | 'value' | 'unit' | 'baselineYear' | 'direction'
  > & { reported: number | null; assessment: string | null; note: string | null })[];
}

export type TaskDetail = TaskView & {
  unit: Pick<Unit, 'id' | 'name'> | null;
  plan: Pick<Plan, 'id' | 'title'> | null;
  items: TaskItemView[];
  /** The history; reasonCode names a reason the service gave itself (words in /duties/meta `reasons`). */
  events: Array<TaskEvent & { reasonCode: SystemReason | null }>;
  extensionRequests: ExtensionRequest[];
  attachments: Attachment[];
};

/** One task with everything a unit or the office reads on its page. */
@Injectable()
export class TaskDetailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskQueryService,
  ) {}

  async detail(taskId: number, actor: Actor): Promise<TaskDetail> {
    const task = await this.tasks.get(taskId, actor, undefined, 'read');
    const ctx = await this.tasks.context(actor, task.committeeId);
    const m = this.dataSource.manager;
    const [unit, plan, items, events, extensionRequests, attachments] = await Promise.all([
      task.unitId ? m.findOne(Unit, { where: { id: task.unitId }, select: { id: true, name: true } }) : null,
      task.planId ? m.findOne(Plan, { where: { id: task.planId }, select: { id: true, title: true } }) : null,
      m.find(TaskItem, { where: { taskId }, order: { id: 'ASC' } }),
      m.find(TaskEvent, { where: { taskId }, order: { id: 'ASC' } }),
      m.find(ExtensionRequest, { where: { taskId }, order: { id: 'ASC' } }),
      m.find(Attachment, { where: { taskId }, order: { id: 'ASC' } }),
    ]);
    const goalIds = items.flatMap((i) => (i.goalId ? [i.goalId] : []));
    const measureIds = items.flatMap((i) => (i.measureId ? [i.measureId] : []));
    const [goals, measures, indicators, values] = await Promise.all([
      goalIds.length ? m.find(Goal, { where: { id: In(goalIds) } }) : [],
      measureIds.length ? m.find(Measure, { where: { id: In(measureIds) } }) : [],
      goalIds.length ? m.find(Indicator, { where: { goalId: In(goalIds) }, order: { position: 'ASC' } }) : [],
      items.length ? m.find(IndicatorValue, { where: { itemId: In(items.map((i) => i.id)) } }) : [],
    ]);
    const areaIds = [...new Set([...goals, ...measures].map((x) => x.areaId))];
    const areas = new Map(
      (areaIds.length ? await m.find(Area, { where: { id: In(areaIds) } }) : []).map((a) => [a.id, a]),
    );
    const goalById = new Map(goals.map((g) => [g.id, g]));
    const measureById = new Map(measures.map((x) => [x.id, x]));
    const itemViews: TaskItemView[] = items.map((item) => {
      const g = item.goalId ? goalById.get(item.goalId) : undefined;
      const ms = item.measureId ? measureById.get(item.measureId) : undefined;
      const target = g ?? ms;
      const area = target ? areas.get(target.areaId) : undefined;
      return {
        ...item,
        target: target
          ? {
              type: g ? 'goal' : 'measure',
              id: target.id,
              number: target.number,
              text: target.text,
              areaNumber: area?.number ?? 0,
              areaName: area?.name ?? '',
            }
          : null,
        indicators: indicators
          .filter((ind) => g && ind.goalId === g.id)
          .map((ind) => ({
            id: ind.id,
            name: ind.name,
            phrase: ind.phrase,
            comparator: ind.comparator,
            value: ind.value,
            unit: ind.unit,
            baselineYear: ind.baselineYear,
            direction: ind.direction,
            ...reportedOf(values.find((v) => v.itemId === item.id && v.indicatorId === ind.id)),
          })),
      };
    });
    const view = this.tasks.view(task, ctx, actor);
    const active = items.filter((i) => i.active);
    const [touched, escalations] = await Promise.all([
      this.tasks.touchedTasks([task.id]),
      this.tasks.escalations([task]),
    ]);
    const empty = !touched.has(task.id);
    return {
      ...view,
      itemCounts: { total: active.length, done: active.filter((i) => i.progress === 'done').length },
      empty,
      reviewFlags: reviewFlagsOf(task, empty),
      escalation: escalations.get(task.id) ?? null,
      unit,
      plan,
      items: itemViews,
      events: events.map((e) => ({ ...e, reasonCode: systemReasonCode(e) })),
      extensionRequests,
      attachments,
    };
  }
}

function reportedOf(v: IndicatorValue | undefined): {
  reported: number | null;
  assessment: string | null;
  note: string | null;
} {
  return { reported: v?.value ?? null, assessment: v?.assessment ?? null, note: v?.note ?? null };
}
