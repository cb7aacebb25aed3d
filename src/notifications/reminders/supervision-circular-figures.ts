import { Injectable } from '@nestjs/common';
import { BadRequestError } from '../../common/errors/app-error.js';
import { OFFICE_ACTOR } from '../../access/actor.js';
import { TaskQueryService } from '../../duties/tasks/task-query.service.js';
import { PlansService } from '../../plans/plans.service.js';
import { RatesService } from '../../supervision/rates/rates.service.js';
import type { CircularFigures, CircularFiguresQuery, CircularFiguresSource } from './circular-figures-source.js';

/**
 * The 通报's figures from the supervision module: every member unit's open overdue duties,
 * on-time and completion rates as of today (the rates are computed on the clock's today; a
 * circular "as of" another day is refused rather than mislabelled).
 */
@Injectable()
export class SupervisionCircularFigures implements CircularFiguresSource {
  constructor(
    private readonly rates: RatesService,
    private readonly tasks: TaskQueryService,
    private readonly plans: PlansService,
  ) {}

  async figures(committeeId: number, query: CircularFiguresQuery): Promise<CircularFigures> {
    const ctx = await this.tasks.context(OFFICE_ACTOR, committeeId);
    if (query.asOf !== ctx.today) {
      throw new BadRequestError('VALIDATION_FAILED', `a circular can only give today's figures (${ctx.today}); asOf ${query.asOf} is not today`, {
        fields: [{ field: 'asOf', problems: [`must be today, ${ctx.today}, or left out`] }],
      });
    }
    const ranking = await this.rates.ranking(OFFICE_ACTOR, { committeeId, ...(query.planId ? { planId: query.planId } : {}) });
    const scope = query.planId ? (await this.plans.getPlan(query.planId)).title : undefined;
    return {
      asOf: ctx.today,
      ...(scope ? { scope } : {}),
      units: ranking.map((u) => ({ unitName: u.name, overdueCount: u.overdueOpen, onTimeRate: u.onTimeRate, completionRate: u.completionRate })),
    };
  }
}
