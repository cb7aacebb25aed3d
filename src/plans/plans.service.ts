import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors/app-error.js';
import { LIKE_ESCAPE, likePattern, paginate } from '../common/pagination/paginate.util.js';
import type { Page } from '../common/pagination/list-query.dto.js';
import { updateWithVersion } from '../common/persistence/optimistic-update.util.js';
import { uniqueViolation } from '../database/db-errors.util.js';
import { CommitteesService } from '../committees/committees.service.js';
import { UnitsService } from '../units/units.service.js';
import type { Unit } from '../units/unit.entity.js';
import { UnitReferencesRegistry } from '../units/unit-references.registry.js';
import { Plan } from './entities/plan.entity.js';
import { Area } from './entities/area.entity.js';
import { Goal } from './entities/goal.entity.js';
import { Measure } from './entities/measure.entity.js';
import { Indicator } from './entities/indicator.entity.js';
import { Assignment, assigneeKeyOf, targetKeyOf, type AssignmentRole } from './entities/assignment.entity.js';
import { validatePlanPeriod } from './plan-period.rule.js';
import type {
  AreaInputDto,
  CreateAssignmentDto,
  CreatePlanDto,
  GoalInputDto,
  ListAssignmentsQueryDto,
  ListPlansQueryDto,
  MeasureInputDto,
  UpdateAreaDto,
  UpdateItemDto,
  UpdatePlanDto,
} from './plan.dto.js';

const PLAN_SORTABLE = {
  id: 'plan.id',
  title: 'plan.title',
  periodStart: 'plan.periodStart',
  periodEnd: 'plan.periodEnd',
  issuedOn: 'plan.issuedOn',
  createdAt: 'plan.createdAt',
};
const ASSIGNMENT_SORTABLE = { id: 'a.id', role: 'a.role', unitId: 'a.unitId', goalId: 'a.goalId' };

/**
 * GET /api/plans/:id as it is sent (the web app reads this type): relations loaded are required,
 * those not loaded are left out.
 */
type PlanTreeAssignment = Omit<Assignment, 'goal' | 'measure' | 'unit'> & { unit: Unit | null };
type PlanTreeGoal = Omit<Goal, 'area' | 'indicators'> & {
  indicators: Omit<Indicator, 'goal'>[];
  assignments: PlanTreeAssignment[];
};
type PlanTreeMeasure = Omit<Measure, 'area'> & { assignments: PlanTreeAssignment[] };
export type PlanTreeArea = Omit<Area, 'plan' | 'goals' | 'measures'> & {
  goals: PlanTreeGoal[];
  measures: PlanTreeMeasure[];
};
export type PlanTree = Omit<Plan, 'committee' | 'areas'> & { areas: PlanTreeArea[] };

/** Plans with their areas, goals, measures, indicators and unit assignments. */
@Injectable()
export class PlansService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    private readonly unitReferences: UnitReferencesRegistry,
  ) {}

  onModuleInit(): void {
    this.unitReferences.register({
      name: 'assignments',
      find: async (em, unitId, limit) => {
        const rows = await em
          .createQueryBuilder(Assignment, 'a')
          .leftJoin(Plan, 'p', 'p.id = a.planId')
          .leftJoin(Goal, 'g', 'g.id = a.goalId')
          .leftJoin(Measure, 'm', 'm.id = a.measureId')
          .leftJoin(Area, 'ar', 'ar.id = COALESCE(g.areaId, m.areaId)')
          .select([
            'a.id AS id',
            'a.role AS role',
            'p.id AS planId',
            'p.title AS planTitle',
            'ar.number AS areaNumber',
            'g.number AS goalNumber',
            'm.number AS measureNumber',
          ])
          .where('a.unitId = :unitId', { unitId })
          .orderBy('a.id')
          .limit(limit)
          .getRawMany<{
            id: number;
            role: string;
            planId: number;
            planTitle: string;
            areaNumber: number;
            goalNumber: number | null;
            measureNumber: number | null;
          }>();
        return rows.map((r) => ({
          kind: 'assignment',
          assignmentId: Number(r.id),
          planId: Number(r.planId),
          role: r.role,
          description: `${r.planTitle}: area ${r.areaNumber}, ${r.goalNumber !== null ? `goal ${r.goalNumber}` : `measure ${r.measureNumber}`} (${r.role})`,
        }));
      },
      reassign: async (em, fromUnitId, toUnitId) => {
        // Where both units hold the same role on the same goal, the kept unit's row stays.
        const clashing = await em
          .createQueryBuilder(Assignment, 'a')
          .select('a.id', 'id')
          .where('a.unitId = :from', { from: fromUnitId })
          .andWhere(
            'EXISTS (SELECT 1 FROM assignment b WHERE b.unit_id = :to AND b.target_key = a.target_key AND b.role = a.role)',
            { to: toUnitId },
          )
          .getRawMany<{ id: number }>();
        if (clashing.length) await em.delete(Assignment, { id: In(clashing.map((r) => Number(r.id))) });
        const moved = await em.update(
          Assignment,
          { unitId: fromUnitId },
          { unitId: toUnitId, assigneeKey: `unit:${toUnitId}` },
        );
        return clashing.length + (moved.affected ?? 0);
      },
    });
  }

  async list(query: ListPlansQueryDto): Promise<Page<Plan>> {
    const committee = await this.committees.resolve(query.committeeId);
    const qb = this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .where('plan.committeeId = :cid', { cid: committee.id });
    if (query.kind) qb.andWhere('plan.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('plan.status = :status', { status: query.status });
    if (query.year) qb.andWhere('plan.periodStart <= :year AND plan.periodEnd >= :year', { year: query.year });
    if (query.q) qb.andWhere(`plan.title LIKE :q ${LIKE_ESCAPE}`, { q: likePattern(query.q) });
    return paginate(qb, query, PLAN_SORTABLE, '-periodStart');
  }

  async getPlan(id: number, em: EntityManager = this.dataSource.manager): Promise<Plan> {
    const plan = await em.findOneBy(Plan, { id });
    if (!plan) throw new NotFoundError('Plan', id);
    return plan;
  }

  /** The committee a plan or one of its parts belongs to (404 when there is none): for the caller's access check. */
  async committeeOfPart(kind: 'Plan' | 'Area' | 'Goal' | 'Measure', id: number): Promise<number> {
    const qb =
      kind === 'Plan'
        ? this.dataSource.createQueryBuilder(Plan, 'plan').where('plan.id = :id', { id })
        : this.dataSource
            .createQueryBuilder({ Area, Goal, Measure }[kind], 'part')
            .innerJoin(Plan, 'plan', 'plan.id = part.planId')
            .where('part.id = :id', { id });
    const row = await qb.select('plan.committeeId', 'committeeId').getRawOne<{ committeeId: number }>();
    if (!row) throw new NotFoundError(kind, id);
    return Number(row.committeeId);
  }

  /** The whole plan: areas → goals (indicators, assignments) and measures (assignments). */
  async getTree(id: number, em: EntityManager = this.dataSource.manager): Promise<PlanTree> {
    const plan = await this.getPlan(id, em);
    const areas = await em.find(Area, { where: { planId: id }, order: { number: 'ASC' } });
    const goals = await em.find(Goal, {
      where: { planId: id },
      relations: { indicators: true },
      order: { number: 'ASC', indicators: { position: 'ASC' } },
    });
    const measures = await em.find(Measure, { where: { planId: id }, order: { number: 'ASC' } });
    const assignments = await em.find(Assignment, {
      where: { planId: id },
      relations: { unit: true },
      order: { id: 'ASC' },
    });
    const byTarget = new Map<string, Assignment[]>();
    for (const a of assignments) byTarget.set(a.targetKey, [...(byTarget.get(a.targetKey) ?? []), a]);
    return {
      ...plan,
      areas: areas.map((area) => ({
        ...area,
        goals: goals
          .filter((g) => g.areaId === area.id)
          .map((g) => ({ ...g, assignments: byTarget.get(`goal:${g.id}`) ?? [] })),
        measures: measures
          .filter((m) => m.areaId === area.id)
          .map((m) => ({ ...m, assignments: byTarget.get(`measure:${m.id}`) ?? [] })),
      })),
    } as PlanTree;
  }

  async create(dto: CreatePlanDto): Promise<PlanTree> {
    const committee = await this.committees.resolveForWrite(dto.committeeId);
    validatePlanPeriod(dto.periodStart, dto.periodEnd);
    const id = await this.dataSource.transaction(async (em) => {
      const plan = await em.save(
        em.create(Plan, {
          committeeId: committee.id,
          title: dto.title,
          kind: dto.kind,
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd,
          issuedOn: dto.issuedOn ?? null,
          documentNumber: dto.documentNumber ?? null,
          status: dto.status ?? 'active',
        }),
      );
      await this.assertUnitsOfCommittee(em, committee.id, collectUnitIds(dto.areas ?? []));
      this.assertUniqueNumbers(dto.areas ?? []);
      for (const area of dto.areas ?? []) await this.writeArea(em, plan.id, area);
      return plan.id;
    });
    return this.getTree(id);
  }

  async update(id: number, dto: UpdatePlanDto): Promise<Plan> {
    return this.dataSource.transaction(async (em) => {
      const plan = await this.getPlan(id, em);
      const { version, ...changes } = dto;
      validatePlanPeriod(changes.periodStart ?? plan.periodStart, changes.periodEnd ?? plan.periodEnd);
      await updateWithVersion(em, Plan, 'Plan', id, version, changes);
      return this.getPlan(id, em);
    });
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.getPlan(id, em);
      // Assignments reference goals and measures; delete them first so every engine agrees.
      await em.delete(Assignment, { planId: id });
      await em.delete(Plan, { id });
    });
  }

  async addArea(planId: number, dto: AreaInputDto): Promise<PlanTree> {
    await this.dataSource.transaction(async (em) => {
      const plan = await this.getPlan(planId, em);
      await this.assertUnitsOfCommittee(em, plan.committeeId, collectUnitIds([dto]));
      this.assertUniqueNumbers([dto]);
      await this.guardUnique(
        () => this.writeArea(em, planId, dto),
        `area ${dto.number} already exists in plan ${planId}`,
      );
    });
    return this.getTree(planId);
  }

  async updateArea(id: number, dto: UpdateAreaDto): Promise<Area> {
    const repo = this.dataSource.getRepository(Area);
    const area = await repo.findOneBy({ id });
    if (!area) throw new NotFoundError('Area', id);
    Object.assign(area, dto);
    return this.guardUnique(() => repo.save(area), `area number ${dto.number} is already used in this plan`);
  }

  async removeArea(id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const area = await em.findOneBy(Area, { id });
      if (!area) throw new NotFoundError('Area', id);
      const goalIds = (await em.find(Goal, { where: { areaId: id }, select: { id: true } })).map((g) => g.id);
      const measureIds = (await em.find(Measure, { where: { areaId: id }, select: { id: true } })).map((m) => m.id);
      if (goalIds.length) await em.delete(Assignment, { goalId: In(goalIds) });
      if (measureIds.length) await em.delete(Assignment, { measureId: In(measureIds) });
      await em.delete(Area, { id });
    });
  }

  async addGoal(areaId: number, dto: GoalInputDto): Promise<Goal & { assignments: Assignment[] }> {
    const goalId = await this.dataSource.transaction(async (em) => {
      const area = await em.findOneBy(Area, { id: areaId });
      if (!area) throw new NotFoundError('Area', areaId);
      const plan = await this.getPlan(area.planId, em);
      await this.assertUnitsOfCommittee(em, plan.committeeId, unitIdsOf(dto));
      return this.guardUnique(
        () => this.writeGoal(em, area, dto),
        `goal ${dto.number} already exists in area ${areaId}`,
      );
    });
    return this.getGoal(goalId);
  }

  async getGoal(id: number): Promise<Goal & { assignments: Assignment[] }> {
    const goal = await this.dataSource.getRepository(Goal).findOne({ where: { id }, relations: { indicators: true } });
    if (!goal) throw new NotFoundError('Goal', id);
    const assignments = await this.dataSource
      .getRepository(Assignment)
      .find({ where: { goalId: id }, relations: { unit: true }, order: { id: 'ASC' } });
    return { ...goal, assignments };
  }

  async updateGoal(id: number, dto: UpdateItemDto): Promise<Goal & { assignments: Assignment[] }> {
    const repo = this.dataSource.getRepository(Goal);
    const goal = await repo.findOneBy({ id });
    if (!goal) throw new NotFoundError('Goal', id);
    Object.assign(goal, dto);
    await this.guardUnique(() => repo.save(goal), `goal number ${dto.number} is already used in this area`);
    return this.getGoal(id);
  }

  async removeGoal(id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Goal, { id }))) throw new NotFoundError('Goal', id);
      await em.delete(Assignment, { goalId: id });
      await em.delete(Goal, { id });
    });
  }

  async addMeasure(areaId: number, dto: MeasureInputDto): Promise<Measure> {
    return this.dataSource.transaction(async (em) => {
      const area = await em.findOneBy(Area, { id: areaId });
      if (!area) throw new NotFoundError('Area', areaId);
      const plan = await this.getPlan(area.planId, em);
      await this.assertUnitsOfCommittee(em, plan.committeeId, unitIdsOf(dto));
      const id = await this.guardUnique(
        () => this.writeMeasure(em, area, dto),
        `measure ${dto.number} already exists in area ${areaId}`,
      );
      return em.findOneByOrFail(Measure, { id });
    });
  }

  async updateMeasure(id: number, dto: UpdateItemDto): Promise<Measure> {
    const repo = this.dataSource.getRepository(Measure);
    const measure = await repo.findOneBy({ id });
    if (!measure) throw new NotFoundError('Measure', id);
    Object.assign(measure, dto);
    return this.guardUnique(() => repo.save(measure), `measure number ${dto.number} is already used in this area`);
  }

  async removeMeasure(id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Measure, { id }))) throw new NotFoundError('Measure', id);
      await em.delete(Assignment, { measureId: id });
      await em.delete(Measure, { id });
    });
  }

  async listAssignments(planId: number, query: ListAssignmentsQueryDto): Promise<Page<Assignment>> {
    await this.getPlan(planId);
    const qb = this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.unit', 'unit')
      .where('a.planId = :planId', { planId });
    if (query.unitId) qb.andWhere('a.unitId = :unitId', { unitId: query.unitId });
    if (query.role) qb.andWhere('a.role = :role', { role: query.role });
    if (query.goalId) qb.andWhere('a.goalId = :goalId', { goalId: query.goalId });
    return paginate(qb, query, ASSIGNMENT_SORTABLE, 'id');
  }

  /** assertAccess receives the plan's committee before anything is written (the caller's committee check). */
  async addAssignment(
    dto: CreateAssignmentDto,
    assertAccess: (committeeId: number) => void = () => undefined,
  ): Promise<Assignment> {
    if (!dto.goalId === !dto.measureId)
      throw new BadRequestError('VALIDATION_FAILED', 'give exactly one of goalId and measureId', {
        fields: [{ field: 'goalId', problems: ['exactly one of goalId, measureId'] }],
      });
    if (!dto.unitId === !dto.allMembers)
      throw new BadRequestError('VALIDATION_FAILED', 'give exactly one of unitId and allMembers: true', {
        fields: [{ field: 'unitId', problems: ['exactly one of unitId, allMembers'] }],
      });
    return this.dataSource.transaction(async (em) => {
      const item = dto.goalId
        ? await em.findOneBy(Goal, { id: dto.goalId })
        : await em.findOneBy(Measure, { id: dto.measureId });
      if (!item) throw new NotFoundError(dto.goalId ? 'Goal' : 'Measure', (dto.goalId ?? dto.measureId)!);
      const plan = await this.getPlan(item.planId, em);
      assertAccess(plan.committeeId);
      if (dto.unitId) await this.assertUnitsOfCommittee(em, plan.committeeId, [dto.unitId]);
      const row = this.assignment(
        plan.id,
        { goalId: dto.goalId ?? null, measureId: dto.measureId ?? null },
        dto.unitId ?? null,
        dto.role,
      );
      return this.guardUnique(
        () => em.save(Assignment, row),
        'this unit already has this role on this goal or measure',
      );
    });
  }

  async removeAssignment(id: number, assertAccess: (committeeId: number) => void = () => undefined): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(Assignment, { id });
      if (!row) throw new NotFoundError('Assignment', id);
      assertAccess((await this.getPlan(row.planId, em)).committeeId);
      await em.delete(Assignment, { id });
    });
  }

  /** Writes one area with its goals, measures, indicators and assignments (inside a transaction). */
  async writeArea(em: EntityManager, planId: number, dto: AreaInputDto): Promise<Area> {
    const area = await em.save(
      em.create(Area, { planId, number: dto.number, name: dto.name, sourceLine: dto.sourceLine ?? null }),
    );
    for (const goal of dto.goals ?? []) await this.writeGoal(em, area, goal);
    for (const measure of dto.measures ?? []) await this.writeMeasure(em, area, measure);
    return area;
  }

  private async writeGoal(em: EntityManager, area: Area, dto: GoalInputDto): Promise<number> {
    const goal = await em.save(
      em.create(Goal, {
        planId: area.planId,
        areaId: area.id,
        number: dto.number,
        text: dto.text,
        sourceLine: dto.sourceLine ?? null,
      }),
    );
    const indicators = (dto.indicators ?? []).map((i, position) =>
      em.create(Indicator, {
        goalId: goal.id,
        position,
        phrase: i.phrase,
        name: i.name ?? null,
        comparator: i.comparator,
        value: i.value ?? null,
        unit: i.unit ?? null,
        baselineYear: i.baselineYear ?? null,
        direction: i.direction ?? null,
      }),
    );
    if (indicators.length) await em.save(indicators);
    await this.writeAssignments(em, area.planId, { goalId: goal.id, measureId: null }, dto);
    return goal.id;
  }

  private async writeMeasure(em: EntityManager, area: Area, dto: MeasureInputDto): Promise<number> {
    const measure = await em.save(
      em.create(Measure, {
        planId: area.planId,
        areaId: area.id,
        number: dto.number,
        text: dto.text,
        sourceLine: dto.sourceLine ?? null,
      }),
    );
    await this.writeAssignments(em, area.planId, { goalId: null, measureId: measure.id }, dto);
    return measure.id;
  }

  private async writeAssignments(
    em: EntityManager,
    planId: number,
    target: { goalId: number | null; measureId: number | null },
    dto: {
      leadUnitIds?: number[];
      responsibleUnitIds?: number[];
      allMembersLead?: boolean;
      allMembersResponsible?: boolean;
    },
  ): Promise<void> {
    const rows: Assignment[] = [];
    const seen = new Set<string>();
    const add = (unitId: number | null, role: AssignmentRole) => {
      const row = this.assignment(planId, target, unitId, role);
      const key = `${row.assigneeKey}|${role}`;
      if (!seen.has(key)) rows.push(row);
      seen.add(key);
    };
    for (const id of dto.leadUnitIds ?? []) add(id, 'lead');
    if (dto.allMembersLead) add(null, 'lead');
    for (const id of dto.responsibleUnitIds ?? []) add(id, 'responsible');
    if (dto.allMembersResponsible) add(null, 'responsible');
    if (rows.length) await em.save(rows);
  }

  /**
   * Makes the units of one goal (or measure) exactly `want`: adds what is missing, deletes what is
   * no longer wanted. `current` is the target's stored assignments (callers batch-load them).
   */
  async syncTargetAssignments(
    em: EntityManager,
    planId: number,
    target: { goalId: number | null; measureId: number | null },
    want: { unitId: number | null; role: AssignmentRole }[],
    current: Assignment[],
  ): Promise<{ added: number; removed: number }> {
    const key = (assigneeKey: string, role: string) => `${assigneeKey}|${role}`;
    const wanted = new Map(
      want.map((w) => [key(assigneeKeyOf({ unitId: w.unitId, allMembers: w.unitId === null }), w.role), w]),
    );
    const targetKey = targetKeyOf(target);
    const have = current.filter((a) => a.targetKey === targetKey);
    const haveKeys = new Set(have.map((a) => key(a.assigneeKey, a.role)));
    const drop = have.filter((a) => !wanted.has(key(a.assigneeKey, a.role))).map((a) => a.id);
    const add = [...wanted]
      .filter(([k]) => !haveKeys.has(k))
      .map(([, w]) => this.assignment(planId, target, w.unitId, w.role));
    if (drop.length) await em.delete(Assignment, { id: In(drop) });
    if (add.length) await em.save(add);
    return { added: add.length, removed: drop.length };
  }

  private assignment(
    planId: number,
    target: { goalId: number | null; measureId: number | null },
    unitId: number | null,
    role: AssignmentRole,
  ): Assignment {
    const allMembers = unitId === null;
    return this.dataSource.getRepository(Assignment).create({
      planId,
      goalId: target.goalId,
      measureId: target.measureId,
      unitId,
      allMembers,
      role,
      targetKey: targetKeyOf(target),
      assigneeKey: assigneeKeyOf({ unitId, allMembers }),
    });
  }

  private async assertUnitsOfCommittee(em: EntityManager, committeeId: number, unitIds: number[]): Promise<void> {
    const unique = [...new Set(unitIds)];
    if (unique.length === 0) return;
    const found = await this.units.findByIds(unique, em);
    const ok = new Set(found.filter((u) => u.committeeId === committeeId).map((u) => u.id));
    const missing = unique.filter((id) => !ok.has(id));
    if (missing.length) {
      throw new BadRequestError('UNKNOWN_UNIT', `no such unit in this committee: ${missing.join(', ')}`, {
        unitIds: missing,
      });
    }
  }

  private assertUniqueNumbers(areas: AreaInputDto[]): void {
    const dup = (nums: number[]) => nums.find((n, i) => nums.indexOf(n) !== i);
    const area = dup(areas.map((a) => a.number));
    if (area !== undefined) throw new BadRequestError('DUPLICATE_NUMBER', `area number ${area} appears twice`);
    for (const a of areas) {
      const g = dup((a.goals ?? []).map((x) => x.number));
      if (g !== undefined)
        throw new BadRequestError('DUPLICATE_NUMBER', `goal number ${g} appears twice in area ${a.number}`);
      const m = dup((a.measures ?? []).map((x) => x.number));
      if (m !== undefined)
        throw new BadRequestError('DUPLICATE_NUMBER', `measure number ${m} appears twice in area ${a.number}`);
    }
  }

  private async guardUnique<T>(work: () => Promise<T>, message: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError('DUPLICATE', message);
      throw error;
    }
  }
}

function unitIdsOf(dto: { leadUnitIds?: number[]; responsibleUnitIds?: number[] }): number[] {
  return [...(dto.leadUnitIds ?? []), ...(dto.responsibleUnitIds ?? [])];
}

function collectUnitIds(areas: AreaInputDto[]): number[] {
  return areas.flatMap((a) => [...(a.goals ?? []), ...(a.measures ?? [])].flatMap(unitIdsOf));
}
