import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { localDateOf } from '../../common/time/calendar-date.util.js';
import { Committee } from '../../committees/committee.entity.js';
import { Liaison } from '../../units/liaison.entity.js';
import { Unit } from '../../units/unit.entity.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import type {
  DutyReminders,
  RemindableTask,
  ReminderWindow,
  ReviewTask,
  TaskCondition,
  TaskSnapshot,
} from './remindable-task.js';
import { DUTY_KIND_LABELS } from '../domain/duty-kind.js';
import { Task } from '../entities/task.entity.js';
import { applyTaskCondition } from '../tasks/task-annotations.js';
import { RawColumns } from '../../common/persistence/raw-columns.util.js';
import { WORKING_STATES as WORKING_STATE_LIST } from '../domain/task-lifecycle.js';

/**
 * What the reminders need from the duties module (see remindable-task.ts): tasks a unit still
 * owes (assigned, acknowledged, in progress, returned), with the unit's liaisons and head. Tasks
 * awaiting the office's review and the office's own report upward are not reminded.
 */
@Injectable()
export class DutyRemindersService implements DutyReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async findRemindable(committeeId: number, _today: string, window: ReminderWindow): Promise<RemindableTask[]> {
    if (window.dueDates.length === 0) return [];
    const qb = this.open(committeeId).andWhere('task.dueOn IN (:...dueDates)', { dueDates: window.dueDates });
    return this.load(qb);
  }

  async findOverdue(committeeId: number, dueOnOrBefore: string, also?: TaskCondition): Promise<RemindableTask[]> {
    const qb = this.open(committeeId).andWhere('task.dueOn <= :dueOnOrBefore', { dueOnOrBefore });
    return this.load(applyTaskCondition(qb, also));
  }

  async findAwaitingReview(committeeId: number): Promise<ReviewTask[]> {
    const tasks = await this.dataSource
      .getRepository(Task)
      .createQueryBuilder('task')
      .leftJoinAndSelect('task.unit', 'unit')
      .leftJoin('task.plan', 'plan')
      .addSelect(['plan.id', 'plan.title'])
      .where('task.committeeId = :committeeId', { committeeId })
      .andWhere("task.state = 'submitted'")
      .andWhere('task.unitId IS NOT NULL')
      .orderBy('task.lastSubmittedAt')
      .addOrderBy('task.id')
      .getMany();
    if (tasks.length === 0) return [];
    const committee = await this.dataSource.getRepository(Committee).findOneByOrFail({ id: committeeId });
    const base = this.config.server.publicUrl;
    return tasks.map((t) => ({
      id: t.id,
      title: t.title,
      unitName: t.unit?.name ?? '',
      planTitle: t.plan?.title ?? '',
      dueOn: t.dueOn,
      submittedOn: localDateOf(t.lastSubmittedAt ?? t.submittedAt ?? t.updatedAt, committee.timeZone),
      link: `${base}/tasks/${t.id}`,
    }));
  }

  async findForUrging(
    committeeId: number,
    selection: { taskIds?: number[]; unitIds?: number[] },
    today: string,
  ): Promise<RemindableTask[]> {
    const qb = this.open(committeeId);
    if (selection.taskIds?.length) qb.andWhere({ id: In(selection.taskIds) });
    else if (selection.unitIds?.length)
      qb.andWhere({ unitId: In(selection.unitIds) }).andWhere('task.dueOn <= :today', { today });
    else return [];
    return this.load(qb);
  }

  async snapshots(taskIds: number[]): Promise<TaskSnapshot[]> {
    if (taskIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(Task)
      .find({ where: { id: In(taskIds) }, select: { id: true, state: true, dueOn: true } });
    return rows.map((t) => ({ id: t.id, state: t.state, dueOn: t.dueOn }));
  }

  private open(committeeId: number): SelectQueryBuilder<Task> {
    // Raw columns, not entities: the daily run reads thousands of these (hydration cost more than the query).
    const qb = this.dataSource
      .getRepository(Task)
      .createQueryBuilder('task')
      .select([])
      .leftJoin('task.unit', 'unit')
      .leftJoin('task.plan', 'plan')
      .where('task.committeeId = :committeeId', { committeeId })
      .andWhere('task.unitId IS NOT NULL')
      .andWhere('task.state IN (:...working)', { working: WORKING_STATE_LIST })
      .orderBy('task.dueOn')
      .addOrderBy('task.id');
    const raw = this.raw;
    raw.task.select(qb, 'task');
    raw.unit.select(qb, 'unit');
    raw.plan.select(qb, 'plan');
    return qb;
  }

  private rawColumns?: { task: RawColumns<Task>; unit: RawColumns<Unit>; plan: RawColumns<Plan> };

  private get raw() {
    return (this.rawColumns ??= {
      task: new RawColumns(this.dataSource, Task, 'rt', [
        'id',
        'committeeId',
        'planId',
        'unitId',
        'kind',
        'title',
        'dueOn',
        'state',
        'createdAt',
      ]),
      unit: new RawColumns(this.dataSource, Unit, 'ru', ['name', 'headName', 'headEmail']),
      plan: new RawColumns(this.dataSource, Plan, 'rp', ['title']),
    });
  }

  private async load(qb: SelectQueryBuilder<Task>): Promise<RemindableTask[]> {
    const raw = this.raw;
    const tasks = (await qb.getRawMany<Record<string, unknown>>()).map((row) => ({
      ...raw.task.read(row)!,
      unit: raw.unit.read(row),
      plan: raw.plan.read(row),
    }));
    if (tasks.length === 0) return [];
    const committee = await this.dataSource.getRepository(Committee).findOneByOrFail({ id: tasks[0]!.committeeId });
    const unitIds = [...new Set(tasks.map((t) => t.unitId!))];
    const liaisons = await this.dataSource
      .getRepository(Liaison)
      .find({ where: { unitId: In(unitIds) }, order: { id: 'ASC' } });
    const base = this.config.server.publicUrl;
    return tasks.map((t) => ({
      id: t.id,
      committeeId: t.committeeId,
      title: t.title,
      kindLabel: DUTY_KIND_LABELS[t.kind],
      planId: t.planId ?? 0,
      planTitle: t.plan?.title ?? '',
      unitId: t.unitId!,
      unitName: t.unit?.name ?? '',
      dueOn: t.dueOn,
      state: t.state,
      link: `${base}/tasks/${t.id}`,
      assignedOn: localDateOf(t.createdAt, committee.timeZone),
      liaisons: liaisons
        .filter((l) => l.unitId === t.unitId)
        .map((l) => ({ name: l.name, email: l.email, locale: l.locale })),
      head: t.unit?.headEmail ? { name: t.unit.headName, email: t.unit.headEmail } : null,
    }));
  }
}
