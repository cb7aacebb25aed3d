import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { BadRequestError, VersionConflictError } from '../../common/errors/app-error.js';
import { PlansService } from '../../plans/plans.service.js';
import type { Plan } from '../../plans/entities/plan.entity.js';
import {
  DUTY_RULE_SECTIONS,
  dutyRulesFromConfig,
  explainDutySchedule,
  validateDutyRuleSettings,
  type DutyRuleSettings,
  type DutyRuleSettingsPatch,
  type DutyScheduleExplanation,
} from '../domain/duty-rules.js';
import { DutyRuleSet } from '../entities/duty-rule-set.entity.js';
import { assertOffice, type Actor, assertSameCommittee } from '../../access/actor.js';

export interface DutyRulesView {
  planId: number;
  /** From config/ (duties: …): what a plan gets unless the office changes it. */
  defaults: DutyRuleSettings;
  /** What the office changed for this plan. */
  overrides: DutyRuleSettingsPatch;
  /** defaults + overrides: what generation uses. */
  effective: DutyRuleSettings;
  /** The dated duties the effective rules give this plan, and those left out with why. */
  schedule: DutyScheduleExplanation;
  /** Send it back with a change; 0 while the plan has no overrides. */
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** Per-plan duty rules: defaults from config/, overrides stored per plan. */
@Injectable()
export class DutyRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plans: PlansService,
  ) {}

  /** The configuration's duties section as rules (config/default.yaml, or the installation's overrides). */
  defaults(): DutyRuleSettings {
    return dutyRulesFromConfig(this.config.duties);
  }

  merge(overrides: DutyRuleSettingsPatch): DutyRuleSettings {
    const base = this.defaults();
    const out = {} as Record<string, unknown>;
    for (const key of DUTY_RULE_SECTIONS) out[key] = { ...base[key], ...(overrides[key] ?? {}) };
    return out as unknown as DutyRuleSettings;
  }

  async effective(plan: Plan, em: EntityManager = this.dataSource.manager): Promise<DutyRuleSettings> {
    const row = await em.findOneBy(DutyRuleSet, { planId: plan.id });
    return this.merge(row?.overrides ?? {});
  }

  async view(planId: number, actor: Actor): Promise<DutyRulesView> {
    const plan = await this.plans.getPlan(planId);
    assertSameCommittee(actor, plan.committeeId, 'Plan', planId, 'read');
    const row = await this.dataSource.getRepository(DutyRuleSet).findOneBy({ planId });
    const overrides = row?.overrides ?? {};
    const effective = this.merge(overrides);
    return {
      planId,
      defaults: this.defaults(),
      overrides,
      effective,
      schedule: this.explain(plan, effective),
      version: row?.version ?? 0,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  }

  explain(
    plan: Pick<Plan, 'periodStart' | 'periodEnd' | 'issuedOn' | 'midtermInText'>,
    rules: DutyRuleSettings,
  ): DutyScheduleExplanation {
    const problems = validateDutyRuleSettings(rules, plan);
    if (problems.length) throw invalidRules(problems);
    return explainDutySchedule(
      {
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        issuedOn: plan.issuedOn,
        midtermInText: plan.midtermInText,
      },
      rules,
    );
  }

  /** Replaces the plan's overrides (send {} to go back to the defaults). Generation is a separate step. */
  async replace(planId: number, overrides: unknown, version: number, actor: Actor): Promise<DutyRulesView> {
    assertOffice(actor, 'change duty rules');
    const patch = checkPatchShape(overrides);
    await this.dataSource.transaction(async (em) => {
      const plan = await this.plans.getPlan(planId, em);
      assertSameCommittee(actor, plan.committeeId, 'Plan', planId);
      this.explain(plan, this.merge(patch));
      const row = await em.findOneBy(DutyRuleSet, { planId });
      const current = row?.version ?? 0;
      if (version !== current) throw new VersionConflictError('Duty rules of plan', planId, version, current);
      if (row) {
        const result = await em
          .createQueryBuilder()
          .update(DutyRuleSet)
          .set({ overrides: patch, updatedBy: actor.name })
          .where('id = :id AND version = :version', { id: row.id, version })
          .execute();
        if (!result.affected) throw new VersionConflictError('Duty rules of plan', planId, version, current + 1);
      } else {
        await em.insert(DutyRuleSet, { planId, overrides: patch, updatedBy: actor.name });
      }
    });
    return this.view(planId, actor);
  }
}

function invalidRules(problems: string[]): BadRequestError {
  return new BadRequestError('INVALID_DUTY_RULES', `invalid duty rules: ${problems.join('; ')}`, {
    fields: problems.map((p) => ({ field: `overrides.${p.split(':')[0]}`, problems: [p] })),
  });
}

const SECTION_KEYS: Record<keyof DutyRuleSettings, string[]> = {
  implementationPlan: ['enabled', 'monthsAfterIssue'],
  annualReport: ['enabled', 'dueMonthDay', 'dueYearOffset'],
  monitoringData: ['enabled', 'dueMonthDay', 'dueYearOffset'],
  midtermEvaluation: ['enabled', 'year', 'dueMonthDay', 'dueYearOffset'],
  finalEvaluation: ['enabled', 'dueMonthDay', 'dueYearOffset'],
  upwardReport: ['enabled', 'dueMonthDay', 'dueYearOffset'],
};

/** Only known sections and keys (a misspelt key would otherwise be silently ignored). */
function checkPatchShape(value: unknown): DutyRuleSettingsPatch {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidRules(['overrides: must be an object of sections']);
  for (const [section, body] of Object.entries(value)) {
    const keys = SECTION_KEYS[section as keyof DutyRuleSettings];
    if (!keys) {
      problems.push(`${section}: unknown section (allowed: ${DUTY_RULE_SECTIONS.join(', ')})`);
      continue;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      problems.push(`${section}: ${JSON.stringify(body)} is not allowed (allowed: an object)`);
      continue;
    }
    for (const key of Object.keys(body))
      if (!keys.includes(key)) problems.push(`${section}.${key}: unknown setting (allowed: ${keys.join(', ')})`);
  }
  if (problems.length) throw invalidRules(problems);
  return value as DutyRuleSettingsPatch;
}
