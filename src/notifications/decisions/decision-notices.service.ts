import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { localDateOf } from '../../common/time/calendar-date.util.js';
import { Committee } from '../../committees/committee.entity.js';
import { Liaison } from '../../units/liaison.entity.js';
import { Task } from '../../duties/entities/task.entity.js';
import {
  TaskDecisionHooks,
  type TaskDecision,
  type TaskDecisionListener,
} from '../../duties/lifecycle/task-decision-hooks.js';
import { normalizeLocale } from '../domain/locale.js';
import { committeeOfficeName } from '../../common/i18n/labels.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { OutboxMessageInput } from '../outbox/outbox.types.js';
import { renderDecisionNotice } from '../templates/render-decision.template.js';

/**
 * Tells a unit's liaisons of the office's decisions on its tasks (交办, new deadline, returned,
 * accepted, extension approved or rejected): one e-mail per liaison in the liaison's language,
 * queued in the transaction of the decision, keyed by the decision so it is sent once.
 */
@Injectable()
export class DecisionNoticesService implements TaskDecisionListener, OnModuleInit {
  constructor(
    private readonly hooks: TaskDecisionHooks,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onDecision(em: EntityManager, decision: TaskDecision): Promise<void> {
    const task = await em.findOne(Task, { where: { id: decision.taskId }, relations: { unit: true } });
    if (!task || task.unitId === null) return;
    const liaisons = await em.find(Liaison, { where: { unitId: task.unitId }, order: { id: 'ASC' } });
    if (liaisons.length === 0) return;
    const committee = await em.findOneByOrFail(Committee, { id: task.committeeId });
    const today = localDateOf(decision.at, committee.timeZone);
    const seen = new Set<string>();
    const messages: OutboxMessageInput[] = [];
    for (const liaison of liaisons) {
      const email = liaison.email?.trim();
      if (!email || seen.has(email.toLowerCase())) continue;
      seen.add(email.toLowerCase());
      const locale = normalizeLocale(liaison.locale);
      const rendered = renderDecisionNotice({
        locale,
        kind: decision.kind,
        today,
        unitName: task.unit?.name ?? '',
        title: task.title,
        dueOn: decision.dueOn,
        previousDueOn: decision.previousDueOn,
        reason: decision.reason,
        link: `${this.config.server.publicUrl}/tasks/${task.id}`,
        officeName: committeeOfficeName(committee.name, locale),
      });
      messages.push({
        idempotencyKey: `decision:${decision.key}:${email.toLowerCase()}`,
        kind: 'decision',
        committeeId: committee.id,
        to: { email, name: liaison.name, locale },
        ...rendered,
      });
    }
    await this.outbox.enqueue(messages, em);
  }
}
