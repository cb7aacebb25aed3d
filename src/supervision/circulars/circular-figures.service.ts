import { Injectable } from '@nestjs/common';
import { BadRequestError } from '../../common/errors/app-error.js';
import { OFFICE_ACTOR } from '../../access/actor.js';
import { TaskQueryService } from '../../duties/tasks/task-query.service.js';
import { PlansService } from '../../plans/plans.service.js';
import { RatesService } from '../rates/rates.service.js';

export interface CircularFiguresQuery {
  /** Must be today: the rates are computed on the clock's today. */
  asOf: string;
  planId?: number;
}

/** One member unit's line in a 通报. */
export interface CircularUnitFigures {
  unitName: string;
  /** Open overdue duties of the unit. */
  overdueCount: number;
  /** Fractions 0–1; null when nothing was due yet. */
  onTimeRate: number | null;
  completionRate: number | null;
}

/** What a 通报 is built from: the supervision figures of every member unit as of a day. */
export interface CircularFigures {
  asOf: string;
  units: CircularUnitFigures[];
  /** What the figures cover, e.g. a plan title; shown in the notice. */
  scope?: string;
}

/**
 * The 通报's figures (the notifications module renders and sends it): every member unit's open
 * overdue duties, on-time and completion rates as of today. A circular "as of" another day is
 * refused rather than mislabelled.
 */
@Injectable()
export class CircularFiguresService {
  constructor(
    private readonly rates: RatesService,
    private readonly tasks: TaskQueryService,
    private readonly plans: PlansService,
  ) {}

  async figures(committeeId: number, query: CircularFiguresQuery): Promise<CircularFigures> {
    const ctx = await this.tasks.context(OFFICE_ACTOR, committeeId);
    if (query.asOf !== ctx.today) {
      throw new BadRequestError(
        'VALIDATION_FAILED',
        `a circular can only give today's figures (${ctx.today}); asOf ${query.asOf} is not today`,
        {
          fields: [{ field: 'asOf', problems: [`must be today, ${ctx.today}, or left out`] }],
        },
      );
    }
    const ranking = await this.rates.ranking(OFFICE_ACTOR, {
      committeeId,
      ...(query.planId ? { planId: query.planId } : {}),
    });
    const scope = query.planId ? (await this.plans.getPlan(query.planId)).title : undefined;
    return {
      asOf: ctx.today,
      ...(scope ? { scope } : {}),
      units: ranking.map((u) => ({
        unitName: u.name,
        overdueCount: u.overdueOpen,
        onTimeRate: u.onTimeRate,
        completionRate: u.completionRate,
      })),
    };
  }
}
