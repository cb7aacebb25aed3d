import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager, Repository } from 'typeorm';
import { BadRequestError, ConflictError, NotFoundError, VersionConflictError } from '../common/errors/app-error.js';
import { LIKE_ESCAPE, likePattern, paginate } from '../common/pagination/paginate.util.js';
import type { Page } from '../common/pagination/list-query.dto.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Unit } from './unit.entity.js';
import { UnitAlias } from './unit-alias.entity.js';
import { Liaison } from './liaison.entity.js';
import { UnitReferencesRegistry } from './unit-references.registry.js';
import { updateWithVersion } from '../common/persistence/optimistic-update.util.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { localDateOf, type CalendarDate } from '../common/time/calendar-date.util.js';
import { isCurrentMember } from './domain/membership.js';
import type { CreateUnitDto, LiaisonDto, ListUnitsQueryDto, UpdateLiaisonDto, UpdateUnitDto } from './unit.dto.js';

const SORTABLE = {
  id: 'unit.id',
  name: 'unit.name',
  kind: 'unit.kind',
  isMember: 'unit.isMember',
  createdAt: 'unit.createdAt',
  updatedAt: 'unit.updatedAt',
};

/**
 * A unit of GET /api/units as it is sent (the web app reads this type): aliases and liaisons loaded,
 * the committee not.
 */
export type UnitListItem = Omit<Unit, 'committee' | 'aliases' | 'liaisons'> & {
  aliases: Omit<UnitAlias, 'unit'>[];
  liaisons: Omit<Liaison, 'unit'>[];
};

/** The member register: units, their aliases and liaisons; merge keeps every reference. */
@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Liaison) private readonly liaisons: Repository<Liaison>,
    private readonly committees: CommitteesService,
    private readonly references: UnitReferencesRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: ListUnitsQueryDto): Promise<Page<UnitListItem>> {
    const committee = await this.committees.resolve(query.committeeId);
    const qb = this.units
      .createQueryBuilder('unit')
      .leftJoinAndSelect('unit.aliases', 'alias')
      .leftJoinAndSelect('unit.liaisons', 'liaison')
      .where('unit.committeeId = :committeeId', { committeeId: committee.id });
    if (query.kind) qb.andWhere('unit.kind = :kind', { kind: query.kind });
    if (query.isMember) qb.andWhere('unit.isMember = :isMember', { isMember: query.isMember === 'true' });
    if (query.q) {
      const pattern = likePattern(query.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`unit.name LIKE :pattern ${LIKE_ESCAPE}`, { pattern })
            .orWhere(
              `EXISTS (SELECT 1 FROM unit_alias a2 WHERE a2.unit_id = unit.id AND a2.alias LIKE :pattern ${LIKE_ESCAPE})`,
              { pattern },
            ),
        ),
      );
    }
    // Both relations are joined above; TypeORM's entity type cannot say so.
    return paginate(qb, query, SORTABLE, 'name') as Promise<Page<UnitListItem>>;
  }

  async get(id: number, manager: EntityManager = this.dataSource.manager): Promise<Unit> {
    const unit = await manager.findOne(Unit, { where: { id }, relations: { aliases: true, liaisons: true } });
    if (!unit) throw new NotFoundError('Unit', id);
    unit.aliases?.sort((a, b) => a.id - b.id);
    unit.liaisons?.sort((a, b) => a.id - b.id);
    return unit;
  }

  /** Units of a committee by id, in one query (callers check that none is missing). */
  findByIds(ids: number[], manager: EntityManager = this.dataSource.manager): Promise<Unit[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(Unit, { id: In(ids) });
  }

  /** Current members of a committee on a day (default: today there by the injected clock): what 各成员单位 expands to. */
  async members(committeeId: number, day?: CalendarDate): Promise<Unit[]> {
    const on = day ?? localDateOf(this.clock.now(), (await this.committees.get(committeeId)).timeZone);
    const units = await this.units.find({
      where: { committeeId, isMember: true },
      relations: { liaisons: true },
      order: { id: 'ASC' },
    });
    return units.filter((u) => isCurrentMember(u, on));
  }

  /** Name → unit for a whole committee, by full name and by alias (used by the importer). */
  async nameIndex(committeeId: number): Promise<Map<string, Unit>> {
    const units = await this.units.find({ where: { committeeId }, relations: { aliases: true } });
    const index = new Map<string, Unit>();
    for (const unit of units) {
      index.set(unit.name, unit);
      for (const alias of unit.aliases ?? []) index.set(alias.alias, unit);
    }
    return index;
  }

  /**
   * A new unit, with its aliases and liaisons. With `manager` it joins the caller's transaction
   * (plan import, task-division sheet): units are written only here, under one name rule.
   */
  async create(dto: CreateUnitDto, manager?: EntityManager): Promise<Unit> {
    const committee = await this.committees.resolveForWrite(dto.committeeId);
    const work = async (em: EntityManager) => {
      const aliases = this.cleanAliases(dto.name, dto.aliases ?? []);
      await this.assertNamesFree(em, committee.id, [dto.name, ...aliases], null);
      const unit = await em.save(
        em.create(Unit, {
          committeeId: committee.id,
          name: dto.name,
          kind: dto.kind,
          isMember: dto.isMember ?? true,
          memberSince: dto.memberSince ?? null,
          memberUntil: dto.memberUntil ?? null,
          headName: dto.headName ?? null,
          headEmail: dto.headEmail ?? null,
          notes: dto.notes ?? null,
        }),
      );
      this.assertMembershipDates(unit);
      await em.save(
        aliases.map((alias) => em.create(UnitAlias, { unitId: unit.id, committeeId: committee.id, alias })),
      );
      await em.save((dto.liaisons ?? []).map((l) => em.create(Liaison, { ...this.liaisonFields(l), unitId: unit.id })));
      return this.get(unit.id, em);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(id: number, dto: UpdateUnitDto): Promise<Unit> {
    return this.dataSource.transaction(async (em) => {
      const unit = await this.get(id, em);
      if (dto.version !== unit.version) throw new VersionConflictError('Unit', id, dto.version, unit.version);
      const { version: _v, aliases, ...fields } = dto;
      const name = fields.name ?? unit.name;
      const newAliases = aliases === undefined ? null : this.cleanAliases(name, aliases);
      const check = [...(fields.name && fields.name !== unit.name ? [fields.name] : []), ...(newAliases ?? [])];
      await this.assertNamesFree(em, unit.committeeId, check, unit.id);
      if (aliases === undefined && fields.name && unit.aliases?.some((a) => a.alias === fields.name)) {
        throw new BadRequestError(
          'VALIDATION_FAILED',
          `name ${fields.name} is already an alias of this unit; remove the alias first`,
        );
      }
      this.assertMembershipDates({ ...unit, ...fields } as Unit);
      await updateWithVersion(em, Unit, 'Unit', id, dto.version, fields);
      if (newAliases) {
        await em.delete(UnitAlias, { unitId: id });
        await em.save(
          newAliases.map((alias) => em.create(UnitAlias, { unitId: id, committeeId: unit.committeeId, alias })),
        );
      }
      return this.get(id, em);
    });
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const unit = await this.get(id, em);
      const refs = await this.references.find(em, id, 20);
      if (refs.length > 0) {
        throw new ConflictError(
          'UNIT_IN_USE',
          `unit ${unit.name} is still assigned (${refs
            .slice(0, 3)
            .map((r) => r.description)
            .join('; ')}${refs.length > 3 ? '; …' : ''}); merge it into another unit instead of deleting it`,
          { references: refs },
        );
      }
      await em.delete(Unit, { id });
    });
  }

  async addAlias(unitId: number, alias: string): Promise<Unit> {
    return this.dataSource.transaction(async (em) => {
      const unit = await this.get(unitId, em);
      const [clean] = this.cleanAliases(unit.name, [alias]);
      if (!clean) throw new BadRequestError('VALIDATION_FAILED', `alias ${alias} is the unit's own name`);
      await this.assertNamesFree(em, unit.committeeId, [clean], null);
      await em.save(em.create(UnitAlias, { unitId, committeeId: unit.committeeId, alias: clean }));
      return this.get(unitId, em);
    });
  }

  /**
   * Records a name an import mapped to this unit as its alias, inside the caller's transaction. A
   * name the unit already carries is kept as it is; one another unit carries is refused
   * (DUPLICATE_NAME), as addAlias and create refuse it.
   */
  async ensureAlias(em: EntityManager, unitId: number, alias: string): Promise<void> {
    const unit = await this.get(unitId, em);
    const clean = alias.trim();
    if (!clean || clean === unit.name || unit.aliases?.some((a) => a.alias === clean)) return;
    await this.assertNamesFree(em, unit.committeeId, [clean], null);
    await em.save(em.create(UnitAlias, { unitId, committeeId: unit.committeeId, alias: clean }));
  }

  async removeAlias(unitId: number, aliasId: number): Promise<Unit> {
    const result = await this.dataSource.getRepository(UnitAlias).delete({ id: aliasId, unitId });
    if (!result.affected) throw new NotFoundError('Alias', aliasId);
    return this.get(unitId);
  }

  async addLiaison(unitId: number, dto: LiaisonDto): Promise<Liaison> {
    await this.get(unitId);
    return this.liaisons.save(this.liaisons.create({ ...this.liaisonFields(dto), unitId }));
  }

  async updateLiaison(unitId: number, liaisonId: number, dto: UpdateLiaisonDto): Promise<Liaison> {
    const liaison = await this.liaisons.findOneBy({ id: liaisonId, unitId });
    if (!liaison) throw new NotFoundError('Liaison', liaisonId);
    Object.assign(liaison, dto);
    return this.liaisons.save(liaison);
  }

  async removeLiaison(unitId: number, liaisonId: number): Promise<void> {
    const result = await this.liaisons.delete({ id: liaisonId, unitId });
    if (!result.affected) throw new NotFoundError('Liaison', liaisonId);
  }

  /**
   * Folds `sourceId` into `targetId`: the source's name and aliases become aliases of the target,
   * its liaisons move (same e-mail kept once), every reference moves, then the source goes.
   */
  async merge(
    targetId: number,
    sourceId: number,
    by = 'office',
  ): Promise<{ unit: Unit; moved: Record<string, number> }> {
    if (targetId === sourceId) throw new BadRequestError('VALIDATION_FAILED', 'a unit cannot be merged into itself');
    return this.dataSource.transaction(async (em) => {
      const target = await this.get(targetId, em);
      const source = await this.get(sourceId, em);
      if (target.committeeId !== source.committeeId) {
        throw new ConflictError('DIFFERENT_COMMITTEES', 'units of different committees cannot be merged');
      }
      const moved = await this.references.reassign(em, sourceId, targetId, by);
      const known = new Set([target.name, ...(target.aliases ?? []).map((a) => a.alias)]);
      const newAliases = [source.name, ...(source.aliases ?? []).map((a) => a.alias)].filter((a) => !known.has(a));
      const emails = new Set((target.liaisons ?? []).map((l) => l.email.toLowerCase()));
      for (const liaison of source.liaisons ?? []) {
        if (!emails.has(liaison.email.toLowerCase())) {
          await em.update(Liaison, { id: liaison.id }, { unitId: targetId });
          emails.add(liaison.email.toLowerCase());
        }
      }
      await em.delete(Unit, { id: sourceId });
      await em.save(
        newAliases.map((alias) => em.create(UnitAlias, { unitId: targetId, committeeId: target.committeeId, alias })),
      );
      // Bump the target's version: its aliases and liaisons changed.
      await em.increment(Unit, { id: targetId }, 'version', 1);
      return { unit: await this.get(targetId, em), moved };
    });
  }

  private cleanAliases(name: string, aliases: string[]): string[] {
    return [...new Set(aliases.map((a) => a.trim()).filter((a) => a && a !== name))];
  }

  private liaisonFields(l: LiaisonDto): Partial<Liaison> {
    return { name: l.name, email: l.email, phone: l.phone ?? null, locale: l.locale ?? 'zh-CN' };
  }

  private assertMembershipDates(unit: Unit): void {
    if (unit.memberSince && unit.memberUntil && unit.memberUntil < unit.memberSince) {
      throw new BadRequestError('VALIDATION_FAILED', 'memberUntil is before memberSince', {
        fields: [{ field: 'memberUntil', problems: ['must not be before memberSince'] }],
      });
    }
  }

  /** A name or alias may be used once per committee, across names and aliases alike. */
  private async assertNamesFree(
    em: EntityManager,
    committeeId: number,
    names: string[],
    exceptUnitId: number | null,
  ): Promise<void> {
    if (names.length === 0) return;
    const unique = [...new Set(names)];
    const byName = await em.find(Unit, { where: { committeeId, name: In(unique) } });
    const byAlias = await em.find(UnitAlias, { where: { committeeId, alias: In(unique) } });
    const clashes = [
      ...byName.filter((u) => u.id !== exceptUnitId).map((u) => ({ name: u.name, unitId: u.id, as: 'name' })),
      ...byAlias
        .filter((a) => a.unitId !== exceptUnitId)
        .map((a) => ({ name: a.alias, unitId: a.unitId, as: 'alias' })),
    ];
    if (clashes.length > 0) {
      throw new ConflictError(
        'DUPLICATE_NAME',
        `already used by another unit: ${clashes.map((c) => `${c.name} (${c.as} of unit ${c.unitId})`).join(', ')}`,
        { clashes },
      );
    }
  }
}
