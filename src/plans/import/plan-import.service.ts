import { importWarningMessage, localizeWarnings } from '../../common/i18n/import-warnings.js';
import type { Locale } from '../../common/i18n/locale.js';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import { officeLimits, type AppConfig } from '../../config/app-config.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BadRequestError } from '../../common/errors/app-error.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { UnitsService } from '../../units/units.service.js';
import { Plan } from '../entities/plan.entity.js';
import { Area } from '../entities/area.entity.js';
import { Goal } from '../entities/goal.entity.js';
import { Measure } from '../entities/measure.entity.js';
import { Indicator } from '../entities/indicator.entity.js';
import { Assignment, type AssignmentRole } from '../entities/assignment.entity.js';
import { planPeriodProblem } from '../plan-period.rule.js';
import { PlansService } from '../plans.service.js';
import { decodePlanBytes } from './decode-text.util.js';
import { isPlanImportError } from './import-error.js';
import {
  countUnitSlots,
  parsePlanText,
  type ParsedDocument,
  type ParsedGoal,
  type ParsedPlan,
} from './plan-text.parser.js';
import { importWarning, type ImportWarning } from '../../common/i18n/import-warnings.js';

import type { ParsedIndicator } from './indicator.js';
import { guessUnitKind } from './unit-kind.util.js';
import { inTransactionOrDryRun } from '../../common/persistence/dry-run.util.js';
import {
  zeroCounts,
  type ImportPreview,
  type PlanChanges,
  type PreviewPlan,
  type PreviewUnitName,
} from './import-preview.types.js';

export interface ImportRequest {
  /** The uploaded file, or text already decoded. */
  bytes?: Uint8Array;
  text?: string;
  fileName?: string;
  committeeId?: number;
  /** Unknown name → an existing unit (the name is then kept as that unit's alias). */
  mapping?: Record<string, number>;
  /** Unknown names to create as new units; true creates every unknown one. */
  acceptNewUnits?: boolean | string[];
  dryRun: boolean;
}

type Resolved = Map<string, PreviewUnitName>;

/**
 * Plan import: text → parsed plans → (preview | one-transaction commit). A preview runs the very
 * same writes and rolls them back, so what it reports is exactly what a commit would change.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    private readonly plans: PlansService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Decodes and parses; bad input becomes a 400 with the reason, nothing written. */
  async read(request: Pick<ImportRequest, 'bytes' | 'text' | 'fileName'>): Promise<ParsedDocument> {
    try {
      const text =
        request.text ??
        (await decodePlanBytes(request.bytes ?? new Uint8Array(), request.fileName, officeLimits(this.config)));
      return parsePlanText(text);
    } catch (error) {
      if (isPlanImportError(error)) throw new BadRequestError(error.code, error.message, error.details);
      throw error;
    }
  }

  async run(request: ImportRequest): Promise<ImportPreview> {
    const doc = await this.read(request);
    const committee = await this.committees.resolveForWrite(request.committeeId);
    // A plan needs its period: never create one as 0–0. The preview lists the error with its line.
    const errors = doc.plans
      .filter((p) => p.periodStart === 0 || p.periodEnd === 0)
      .map((p) => importWarning(p.line, 'NO_PERIOD', { form: 'error', title: p.title }));
    if (!request.dryRun && errors.length > 0)
      throw new BadRequestError(
        'NO_PERIOD',
        importWarningMessage('NO_PERIOD', errors[0].params, 'en') ?? errors[0].message,
        { line: errors[0].line, errors },
      );
    for (const plan of doc.plans) {
      if (plan.periodStart === 0) continue;
      const problem = planPeriodProblem(plan.periodStart, plan.periodEnd);
      if (problem) throw new BadRequestError('INVALID_PERIOD', `line ${plan.line}: ${problem}`, { line: plan.line });
    }
    const resolved = await this.resolveNames(committee.id, doc, request);
    const unknown = [...resolved.values()].filter((u) => u.status === 'unknown');
    const warnings: ImportWarning[] = [
      ...doc.warnings,
      ...unknown.map((u) => importWarning(u.lines[0], 'UNKNOWN_UNIT', { name: u.name, lines: u.lines.join(', ') })),
    ].sort((a, b) => a.line - b.line);
    if (!request.dryRun && unknown.length > 0) {
      throw new BadRequestError(
        'UNKNOWN_UNITS',
        `${unknown.length} unit name(s) are not in the register: ${unknown.map((u) => `${u.name} (line ${u.lines[0]})`).join(', ')}; map them or accept them as new units`,
        { units: unknown.map(({ name, lines }) => ({ name, lines })) },
      );
    }
    return inTransactionOrDryRun(this.dataSource, request.dryRun, async (em) => {
      const unitIds = await this.writeUnits(em, committee.id, resolved);
      const previews: PreviewPlan[] = [];
      for (const plan of doc.plans) previews.push(await this.upsertPlan(em, committee.id, plan, unitIds, warnings));
      warnings.sort((a, b) => a.line - b.line);
      if (request.dryRun) {
        // Ids handed out inside the rolled-back transaction do not exist afterwards.
        for (const plan of previews) if (plan.changes.outcome === 'created') plan.changes.planId = null;
        for (const unit of resolved.values()) if (unit.status === 'new') unit.unitId = null;
      }
      return { dryRun: request.dryRun, plans: previews, units: [...resolved.values()], warnings, errors };
    });
  }

  private async resolveNames(committeeId: number, doc: ParsedDocument, request: ImportRequest): Promise<Resolved> {
    const index = await this.units.nameIndex(committeeId);
    const mapping = request.mapping ?? {};
    const mappedIds = [...new Set(Object.values(mapping))];
    const mappedUnits = new Map(
      (await this.units.findByIds(mappedIds)).filter((u) => u.committeeId === committeeId).map((u) => [u.id, u]),
    );
    const badTargets = Object.entries(mapping).filter(([, id]) => !mappedUnits.has(id));
    if (badTargets.length) {
      throw new BadRequestError(
        'UNKNOWN_UNIT',
        `mapping points at units that do not exist: ${badTargets.map(([n, id]) => `${n} → ${id}`).join(', ')}`,
      );
    }
    const accept = request.acceptNewUnits;
    const resolved: Resolved = new Map();
    for (const plan of doc.plans) {
      for (const goal of plan.areas.flatMap((a) => a.goals)) {
        for (const name of [...goal.leadUnits, ...goal.responsibleUnits]) {
          const entry = resolved.get(name);
          if (entry) {
            if (!entry.lines.includes(goal.line)) entry.lines.push(goal.line);
            continue;
          }
          const known = index.get(name);
          const mapped = mapping[name] !== undefined ? mappedUnits.get(mapping[name]) : undefined;
          const isNew = accept === true || (Array.isArray(accept) && accept.includes(name));
          const unit = known ?? mapped;
          resolved.set(name, {
            name,
            status: known ? 'known' : mapped ? 'mapped' : isNew ? 'new' : 'unknown',
            unitId: unit?.id ?? null,
            unitName: unit?.name ?? (isNew ? name : null),
            lines: [goal.line],
          });
        }
      }
    }
    return resolved;
  }

  /** Creates accepted new units and records mapped names as aliases; returns name → unit id. */
  private async writeUnits(em: EntityManager, committeeId: number, resolved: Resolved): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const entry of resolved.values()) {
      // Through the units module: its name rule refuses a name another unit holds meanwhile.
      if (entry.status === 'new') {
        const unit = await this.units.create(
          { committeeId, name: entry.name, kind: guessUnitKind(entry.name), isMember: true },
          em,
        );
        entry.unitId = unit.id;
      } else if (entry.status === 'mapped') {
        await this.units.ensureAlias(em, entry.unitId!, entry.name);
      }
      if (entry.unitId !== null) ids.set(entry.name, entry.unitId);
    }
    return ids;
  }

  private async upsertPlan(
    em: EntityManager,
    committeeId: number,
    parsed: ParsedPlan,
    unitIds: Map<string, number>,
    warnings: ImportWarning[],
  ): Promise<PreviewPlan> {
    const areas = dedupe(parsed, warnings);
    const existing = (await em.find(Plan, { where: { committeeId } })).find((p) => sameTitle(p.title, parsed.title));
    const changes: PlanChanges = {
      outcome: 'unchanged',
      planId: existing?.id ?? null,
      added: zeroCounts(),
      updated: { ...zeroCounts(), plan: 0 },
      removed: zeroCounts(),
    };
    let plan: Plan;
    if (!existing) {
      plan = await em.save(
        em.create(Plan, {
          committeeId,
          title: parsed.title.slice(0, 300),
          kind: parsed.kind,
          periodStart: parsed.periodStart,
          periodEnd: parsed.periodEnd,
          issuedOn: parsed.issuedOn,
          documentNumber: parsed.documentNumber?.slice(0, 100) ?? null,
          status: 'active',
          midtermInText: parsed.midtermEvaluation,
        }),
      );
      changes.outcome = 'created';
      changes.planId = plan.id;
    } else {
      plan = existing;
      const fields = {
        kind: parsed.kind,
        periodStart: parsed.periodStart,
        periodEnd: parsed.periodEnd,
        issuedOn: parsed.issuedOn,
        documentNumber: parsed.documentNumber?.slice(0, 100) ?? null,
        midtermInText: parsed.midtermEvaluation,
      };
      const differs = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => plan[k] !== fields[k]);
      if (differs.length) {
        // Keep the office's own issue date and number when the text does not state them.
        const update = Object.fromEntries(differs.filter((k) => fields[k] !== null).map((k) => [k, fields[k]]));
        if (Object.keys(update).length) {
          await em.update(Plan, { id: plan.id }, { ...update, version: plan.version + 1 });
          changes.updated.plan = 1;
        }
      }
    }
    if (!(parsed.issuedOn ?? plan.issuedOn)) {
      // Deadlines count from the issue date; generation refuses a plan without one (409 ISSUE_DATE_MISSING).
      warnings.push(importWarning(parsed.line, 'NO_ISSUE_DATE', { title: parsed.title }));
    }
    await this.syncTree(em, plan.id, areas, unitIds, changes);
    if (existing && changes.outcome !== 'created') {
      const total = (c: object) => Object.values(c).reduce((s: number, n) => s + (n as number), 0);
      changes.outcome =
        total(changes.added) + total(changes.updated) + total(changes.removed) > 0 ? 'updated' : 'unchanged';
    }
    const goals = areas.flatMap((a) => a.goals);
    const slots = countUnitSlots(goals);
    return {
      title: parsed.title,
      kind: parsed.kind,
      periodStart: parsed.periodStart,
      periodEnd: parsed.periodEnd,
      issuedOn: parsed.issuedOn,
      documentNumber: parsed.documentNumber,
      line: parsed.line,
      midtermEvaluation: parsed.midtermEvaluation,
      language: parsed.language,
      areas: areas.map((a) => ({
        number: a.number,
        name: a.name,
        line: a.line,
        goals: a.goals.map((g) => ({
          number: g.number,
          ...(g.printedNumber !== undefined ? { printedNumber: g.printedNumber } : {}),
          text: g.text,
          line: g.line,
          leadUnits: g.leadUnits,
          responsibleUnits: g.responsibleUnits,
          allMembersLead: g.allMembersLead,
          allMembersResponsible: g.allMembersResponsible,
          indicators: g.indicators,
        })),
        measures: a.measures.map((m) => ({
          number: m.number,
          ...(m.printedNumber !== undefined ? { printedNumber: m.printedNumber } : {}),
          text: m.text,
          line: m.line,
        })),
      })),
      counts: {
        areas: areas.length,
        goals: goals.length,
        measures: areas.reduce((n, a) => n + a.measures.length, 0),
        leadSlots: slots.lead,
        responsibleSlots: slots.responsible,
        goalsWithoutLead: goals.filter((g) => g.leadUnits.length === 0 && !g.allMembersLead).length,
      },
      changes,
    };
  }

  /** Brings the stored areas, goals, measures, indicators and assignments in line with the text. */
  private async syncTree(
    em: EntityManager,
    planId: number,
    areas: ParsedPlan['areas'],
    unitIds: Map<string, number>,
    changes: PlanChanges,
  ): Promise<void> {
    const storedAreas = await em.find(Area, { where: { planId } });
    const storedGoals = await em.find(Goal, { where: { planId }, relations: { indicators: true } });
    const storedMeasures = await em.find(Measure, { where: { planId } });
    const storedAssignments = await em.find(Assignment, { where: { planId } });

    const keepAreaIds = new Set<number>();
    for (const parsedArea of areas) {
      let area = storedAreas.find((a) => a.number === parsedArea.number);
      if (!area) {
        area = await em.save(
          em.create(Area, {
            planId,
            number: parsedArea.number,
            name: parsedArea.name.slice(0, 200),
            sourceLine: parsedArea.line,
          }),
        );
        changes.added.areas++;
      } else if (area.name !== parsedArea.name.slice(0, 200) || area.sourceLine !== parsedArea.line) {
        await em.update(Area, { id: area.id }, { name: parsedArea.name.slice(0, 200), sourceLine: parsedArea.line });
        changes.updated.areas++;
      }
      keepAreaIds.add(area.id);

      const keepGoalIds = new Set<number>();
      for (const parsedGoal of parsedArea.goals) {
        let goal = storedGoals.find((g) => g.areaId === area.id && g.number === parsedGoal.number);
        if (!goal) {
          goal = await em.save(
            em.create(Goal, {
              planId,
              areaId: area.id,
              number: parsedGoal.number,
              text: parsedGoal.text,
              sourceLine: parsedGoal.line,
            }),
          );
          goal.indicators = [];
          changes.added.goals++;
        } else if (goal.text !== parsedGoal.text || goal.sourceLine !== parsedGoal.line) {
          await em.update(Goal, { id: goal.id }, { text: parsedGoal.text, sourceLine: parsedGoal.line });
          changes.updated.goals++;
        }
        keepGoalIds.add(goal.id);
        await this.syncIndicators(em, goal, parsedGoal.indicators, changes);
        await this.syncAssignments(em, planId, goal.id, parsedGoal, unitIds, storedAssignments, changes);
      }
      const dropGoals = storedGoals.filter((g) => g.areaId === area.id && !keepGoalIds.has(g.id)).map((g) => g.id);
      if (dropGoals.length) {
        changes.removed.assignments += (await em.delete(Assignment, { goalId: In(dropGoals) })).affected ?? 0;
        await em.delete(Goal, { id: In(dropGoals) });
        changes.removed.goals += dropGoals.length;
      }

      const keepMeasureIds = new Set<number>();
      for (const parsedMeasure of parsedArea.measures) {
        const measure = storedMeasures.find((m) => m.areaId === area.id && m.number === parsedMeasure.number);
        if (!measure) {
          const saved = await em.save(
            em.create(Measure, {
              planId,
              areaId: area.id,
              number: parsedMeasure.number,
              text: parsedMeasure.text,
              sourceLine: parsedMeasure.line,
            }),
          );
          keepMeasureIds.add(saved.id);
          changes.added.measures++;
          continue;
        }
        if (measure.text !== parsedMeasure.text || measure.sourceLine !== parsedMeasure.line) {
          await em.update(Measure, { id: measure.id }, { text: parsedMeasure.text, sourceLine: parsedMeasure.line });
          changes.updated.measures++;
        }
        keepMeasureIds.add(measure.id);
      }
      // Measures carry no units in the texts; assignments made by hand stay with a kept measure.
      const dropMeasures = storedMeasures
        .filter((m) => m.areaId === area.id && !keepMeasureIds.has(m.id))
        .map((m) => m.id);
      if (dropMeasures.length) {
        changes.removed.assignments += (await em.delete(Assignment, { measureId: In(dropMeasures) })).affected ?? 0;
        await em.delete(Measure, { id: In(dropMeasures) });
        changes.removed.measures += dropMeasures.length;
      }
    }
    const dropAreas = storedAreas.filter((a) => !keepAreaIds.has(a.id));
    for (const area of dropAreas) {
      const goalIds = storedGoals.filter((g) => g.areaId === area.id).map((g) => g.id);
      const measureIds = storedMeasures.filter((m) => m.areaId === area.id).map((m) => m.id);
      if (goalIds.length)
        changes.removed.assignments += (await em.delete(Assignment, { goalId: In(goalIds) })).affected ?? 0;
      if (measureIds.length)
        changes.removed.assignments += (await em.delete(Assignment, { measureId: In(measureIds) })).affected ?? 0;
      changes.removed.goals += goalIds.length;
      changes.removed.measures += measureIds.length;
      await em.delete(Area, { id: area.id });
      changes.removed.areas++;
    }
  }

  private async syncIndicators(
    em: EntityManager,
    goal: Goal,
    parsed: ParsedIndicator[],
    changes: PlanChanges,
  ): Promise<void> {
    const want = parsed.map((i, position) => ({
      position,
      phrase: i.phrase.slice(0, 500),
      name: i.name?.slice(0, 200) ?? null,
      comparator: i.comparator,
      value: i.value ?? null,
      unit: i.unit ?? null,
      baselineYear: i.baselineYear ?? null,
      direction: i.direction ?? null,
    }));
    const have = (goal.indicators ?? [])
      .sort((a, b) => a.position - b.position)
      .map(({ position, phrase, name, comparator, value, unit, baselineYear, direction }) => ({
        position,
        phrase,
        name,
        comparator,
        value,
        unit,
        baselineYear,
        direction,
      }));
    if (JSON.stringify(want) === JSON.stringify(have)) return;
    if (have.length) {
      await em.delete(Indicator, { goalId: goal.id });
      changes.removed.indicators += have.length;
    }
    if (want.length) {
      await em.save(want.map((w) => em.create(Indicator, { ...w, goalId: goal.id })));
      changes.added.indicators += want.length;
    }
  }

  private async syncAssignments(
    em: EntityManager,
    planId: number,
    goalId: number,
    parsed: ParsedGoal,
    unitIds: Map<string, number>,
    stored: Assignment[],
    changes: PlanChanges,
  ): Promise<void> {
    // Only annotated goals own their units in the text; others are assigned by hand or spreadsheet.
    if (!parsed.annotated) return;
    const want = wantedAssignments(parsed, (name) => unitIds.get(name));
    const { added, removed } = await this.plans.syncTargetAssignments(
      em,
      planId,
      { goalId, measureId: null },
      want,
      stored,
    );
    changes.added.assignments += added;
    changes.removed.assignments += removed;
  }
}

/** The assignments a goal's units call for; names without a unit (still unknown) are left out. */
export function wantedAssignments(
  units: { leadUnits: string[]; responsibleUnits: string[]; allMembersLead: boolean; allMembersResponsible: boolean },
  idOf: (name: string) => number | undefined,
): { unitId: number | null; role: AssignmentRole }[] {
  const want: { unitId: number | null; role: AssignmentRole }[] = [];
  const put = (unitId: number | undefined | null, role: AssignmentRole) => {
    if (unitId !== undefined) want.push({ unitId, role });
  };
  units.leadUnits.forEach((n) => put(idOf(n), 'lead'));
  if (units.allMembersLead) put(null, 'lead');
  units.responsibleUnits.forEach((n) => put(idOf(n), 'responsible'));
  if (units.allMembersResponsible) put(null, 'responsible');
  return want;
}

/** Titles match across re-imports whatever the spacing and bracket widths. */
function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\s+/g, '')
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/[—–－-]/g, '-');
  return norm(a) === norm(b);
}

/** The database keeps one goal (or measure) per printed number in an area: later duplicates are warned and skipped. */
function dedupe(plan: ParsedPlan, warnings: ImportWarning[]): ParsedPlan['areas'] {
  const seenAreas = new Set<number>();
  const out: ParsedPlan['areas'] = [];
  for (const area of plan.areas) {
    if (seenAreas.has(area.number)) {
      warnings.push(importWarning(area.line, 'SKIPPED_DUPLICATE', { what: 'area', area: area.number }));
      continue;
    }
    seenAreas.add(area.number);
    const goalNumbers = new Set<number>();
    const measureNumbers = new Set<number>();
    const goals = area.goals.filter((g) => {
      if (goalNumbers.has(g.number)) {
        warnings.push(
          importWarning(g.line, 'SKIPPED_DUPLICATE', { what: 'goal', number: g.number, area: area.number }),
        );
        return false;
      }
      return (goalNumbers.add(g.number), true);
    });
    const measures = area.measures.filter((m) => {
      if (measureNumbers.has(m.number)) {
        warnings.push(
          importWarning(m.line, 'SKIPPED_DUPLICATE', { what: 'measure', number: m.number, area: area.number }),
        );
        return false;
      }
      return (measureNumbers.add(m.number), true);
    });
    out.push({ ...area, goals, measures });
  }
  return out;
}

/** The preview with its warnings and errors said in `locale` (rendered from code + params). */
export function previewInLanguage(preview: ImportPreview, locale: Locale): ImportPreview {
  return {
    ...preview,
    warnings: localizeWarnings(preview.warnings, locale),
    errors: localizeWarnings(preview.errors, locale),
  };
}
