import { committeeOfficeName } from '../common/i18n/labels.js';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { BadRequestError } from '../common/errors/app-error.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { daysBetween } from '../common/time/calendar-date.util.js';
import { TaskQueryService } from '../duties/tasks/task-query.service.js';
import { EscalationStore } from '../notifications/escalation/escalation.store.js';
import { PlansService } from '../plans/plans.service.js';
import { UnitsService } from '../units/units.service.js';
import {
  formatNoticeNumber,
  noticeDocx,
  noticeFileName,
  replyByOf,
  type NoticeLevel,
} from './documents/notice.document.js';
import { NoticeNumbersService } from './notices/notice-numbers.service.js';
import { DOCX_TYPE, type ReportFile } from './report-file.js';

export interface NoticeReport extends ReportFile {
  number: string;
}

/** 催办通知书 / 督办通知书 for one late task of a unit, numbered once and kept. */
@Injectable()
export class NoticeReportService {
  constructor(
    private readonly tasks: TaskQueryService,
    private readonly escalations: EscalationStore,
    private readonly numbers: NoticeNumbersService,
    private readonly units: UnitsService,
    private readonly plans: PlansService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async notice(actor: Actor, query: { taskId: number; level: NoticeLevel; replyBy?: string }): Promise<NoticeReport> {
    // 404 for a task the actor may not see: a liaison gets only its own unit's notices.
    const task = await this.tasks.get(query.taskId, actor);
    const ctx = await this.tasks.context(actor, task.committeeId);
    if (task.unitId === null)
      throw new BadRequestError('VALIDATION_FAILED', 'the task is the office’s own: notices go to units', {
        fields: [{ field: 'task', problems: ['a unit’s task'] }],
      });
    const s = this.tasks.status(task, ctx);
    if (s.status !== 'overdue') {
      throw new BadRequestError(
        'VALIDATION_FAILED',
        `task ${task.id} is not late (${s.status}): a notice is for a late task`,
        { fields: [{ field: 'task', problems: ['must be overdue'] }] },
      );
    }
    if (query.replyBy !== undefined && query.replyBy <= ctx.today) {
      throw new BadRequestError('VALIDATION_FAILED', 'replyBy must be after today', {
        fields: [{ field: 'replyBy', problems: [`after ${ctx.today}`] }],
      });
    }
    const [unit, plan, history] = await Promise.all([
      this.units.get(task.unitId),
      task.planId ? this.plans.getPlan(task.planId) : Promise.resolve(null),
      this.escalations.histories([{ id: task.id, dueOn: task.dueOn }]),
    ]);
    const kept = await this.numbers.numberFor(
      { committeeId: task.committeeId, taskId: task.id, unitId: task.unitId, dueOn: task.dueOn, level: query.level },
      ctx.today,
      this.clock.now(),
    );
    const number = formatNoticeNumber(kept.year, kept.seq);
    const input = {
      level: query.level,
      number,
      committeeName: ctx.committee.name,
      officeName: committeeOfficeName(ctx.committee.name, 'zh-CN') ?? '',
      unitName: unit.name,
      headName: unit.headName,
      planTitle: plan?.title ?? null,
      taskId: task.id,
      taskTitle: task.title,
      dueOn: task.dueOn,
      originalDueOn: task.originalDueOn,
      daysLate: Math.max(1, daysBetween(task.dueOn, kept.issuedOn)),
      // The notice keeps the date it was first issued, so regenerating it prints the same day.
      issuedOn: kept.issuedOn,
      urgedOn: history.get(task.id)?.urgedOn ?? null,
      replyBy: replyByOf(query.level, kept.issuedOn, query.replyBy),
    };
    return { fileName: noticeFileName(input), contentType: DOCX_TYPE, body: await noticeDocx(input), number };
  }
}
