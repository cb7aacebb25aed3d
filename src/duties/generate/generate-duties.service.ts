import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { localDateOf } from '../../common/time/calendar-date.util.js';
import { inTransactionOrDryRun } from '../../common/persistence/dry-run.util.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { ConflictError } from '../../common/errors/app-error.js';
import { PlansService } from '../../plans/plans.service.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import { assertOffice, assertSameCommittee, committeeOf, type Actor } from '../../access/actor.js';
import { DutyRulesService } from '../rules/duty-rules.service.js';
import { TaskDecisionHooks, type TaskDecision } from '../lifecycle/task-decision-hooks.js';
import { diffDuties, type DutyDiff, type ExistingTask } from './duty-diff.js';
import { loadGenerationInput } from './generation-input.js';
import { applyDutyDiff, type AppliedDiff } from './apply-duty-diff.js';
import { generationReport, type GenerationReport } from './generation-report.js';

export type { GeneratedTaskRef, GenerationReport } from './generation-report.js';
export { taskTitle } from './apply-duty-diff.js';

/**
 * Turns a plan into tasks: idempotent and incremental (see duty-diff.ts for the rules).
 * One transaction per plan: load (generation-input), diff (duty-diff), apply (apply-duty-diff),
 * tell the units, report (generation-report). A dry run does all of it and rolls back.
 */
@Injectable()
export class GenerateDutiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly committees: CommitteesService,
    private readonly rules: DutyRulesService,
    private readonly decisions: TaskDecisionHooks,
  ) {}

  /** Every active plan of a committee (default: the installation's), or one plan. */
  async generate(
    options: { planId?: number; committeeId?: number; dryRun?: boolean },
    actor: Actor,
  ): Promise<GenerationReport[]> {
    assertOffice(actor, 'generate duties');
    if (options.planId !== undefined) return [await this.generatePlan(options.planId, actor, options.dryRun ?? false)];
    const committee = await this.committees.resolve(committeeOf(actor, options.committeeId));
    const plans = await this.dataSource
      .getRepository(Plan)
      .find({ where: { committeeId: committee.id, status: 'active' }, order: { id: 'ASC' } });
    // Refuse before writing anything rather than generate some plans and guess for others.
    const undated = plans.filter((p) => p.issuedOn === null);
    if (undated.length) throw issueDateMissing(undated);
    const reports: GenerationReport[] = [];
    for (const plan of plans) reports.push(await this.generatePlan(plan.id, actor, options.dryRun ?? false));
    return reports;
  }

  async generatePlan(planId: number, actor: Actor, dryRun = false): Promise<GenerationReport> {
    return inTransactionOrDryRun(this.dataSource, dryRun, (em) => this.run(em, planId, actor, dryRun));
  }

  private async run(em: EntityManager, planId: number, actor: Actor, dryRun: boolean): Promise<GenerationReport> {
    const plan = await this.plans.getPlan(planId, em);
    assertSameCommittee(actor, plan.committeeId, 'Plan', planId);
    // Every deadline of the first years counts from the issue date: without it, generation would
    // skip the implementation plan and make reports on years before the plan existed, already overdue.
    if (plan.issuedOn === null) throw issueDateMissing([plan]);
    const committee = await this.committees.get(plan.committeeId);
    const now = this.clock.now();
    const explanation = this.rules.explain(plan, await this.rules.effective(plan, em));
    const input = await loadGenerationInput(em, plan, localDateOf(now, committee.timeZone), explanation);
    const diff = diffDuties(
      input.desired,
      input.existing,
      new Set(explanation.duties.map((d) => `${d.kind}|${d.period}`)),
    );
    const existing = new Map(input.existing.map((t) => [t.id, t]));
    const applied = await applyDutyDiff(em, { plan, actor, now, existing }, diff);
    await this.tellUnits(em, diff, applied, existing, now);
    return generationReport(plan, dryRun, input, diff, applied, explanation.skipped);
  }

  /**
   * A regeneration that changes a unit's duties tells the unit, like the office's own decisions
   * (notifications/decisions): a moved deadline (once per task and new date), a cancelled duty, a
   * new or revived one. The first generation of a plan tells no one: it is the plan's task
   * division, which the office issues itself, and would otherwise send every unit dozens of mails.
   */
  private async tellUnits(
    em: EntityManager,
    diff: DutyDiff,
    applied: AppliedDiff,
    existing: ReadonlyMap<number, ExistingTask>,
    at: Date,
  ): Promise<void> {
    if (existing.size === 0) return;
    const ofUnit = (taskId: number) => existing.get(taskId)?.unitId != null;
    const decisions: TaskDecision[] = [];
    for (const want of diff.create) {
      const taskId = applied.created.get(want.dutyKey);
      if (taskId !== undefined && want.unitId !== null)
        decisions.push({ kind: 'assigned', taskId, key: `assign:${taskId}`, dueOn: want.dueOn, at });
    }
    for (const r of diff.revive) {
      if (ofUnit(r.taskId))
        decisions.push({
          kind: 'assigned',
          taskId: r.taskId,
          key: `revive:${r.taskId}:${at.getTime()}`,
          dueOn: r.dueOn,
          at,
        });
    }
    for (const m of diff.moves) {
      // A later date the office granted stays: the unit's deadline has not moved, nothing to tell.
      if (m.to !== m.from && ofUnit(m.taskId)) {
        decisions.push({
          kind: 'due_changed',
          taskId: m.taskId,
          key: `regenerate-due:${m.taskId}:${m.to}`,
          dueOn: m.to,
          previousDueOn: m.from,
          reason: null,
          at,
        });
      }
    }
    for (const c of diff.cancel) {
      const task = existing.get(c.taskId)!;
      if (task.unitId !== null)
        decisions.push({
          kind: 'cancelled',
          taskId: c.taskId,
          key: `regenerate-cancel:${c.taskId}:${at.getTime()}`,
          dueOn: task.dueOn,
          at,
        });
    }
    for (const decision of decisions) await this.decisions.emit(em, decision);
  }
}

function issueDateMissing(plans: Pick<Plan, 'id' | 'title'>[]): ConflictError {
  const names = plans.map((p) => `plan ${p.id} ${p.title}`).join(', ');
  return new ConflictError(
    'ISSUE_DATE_MISSING',
    `${names}: no issue date (颁布日期); set the issue date first (PATCH /api/plans/:id with issuedOn), then generate`,
    {
      plans: plans.map((p) => ({ planId: p.id, title: p.title })),
    },
  );
}
