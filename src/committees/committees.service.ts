import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { NotFoundError, VersionConflictError, ConflictError } from '../common/errors/app-error.js';
import { Committee } from './committee.entity.js';
import { uniqueViolation } from '../database/db-errors.util.js';
import type { CreateCommitteeDto, UpdateCommitteeDto } from './committee.dto.js';
import { descendantsOf, parentCycle } from './domain/committee-tree.js';

/** The demo's own committee (示例): `demo remove` deletes it with everything in it. */
export const DEMO_COMMITTEE_NAME = '示例县妇女儿童工作委员会';

@Injectable()
export class CommitteesService {
  constructor(
    @InjectRepository(Committee) private readonly committees: Repository<Committee>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The committee a request without one reads: the committee this installation serves (the first
   * that is not the demo's); while the database holds only the demo, the demo committee, so a new
   * user sees it. (A province may run several; every API call can still name its committee.)
   */
  async defaultCommittee(): Promise<Committee> {
    const real = await this.committees.find({
      where: { name: Not(DEMO_COMMITTEE_NAME) },
      order: { id: 'ASC' },
      take: 1,
    });
    const demo = await this.committees.findOneBy({ name: DEMO_COMMITTEE_NAME });
    // The installation's committee exists from the first start (its administrator belongs to it),
    // but until it holds a unit or a plan the demo is what there is to see.
    if (real[0] && (!demo || (await this.holdsData(real[0].id)))) return real[0];
    return demo ?? this.workCommittee();
  }

  private async holdsData(committeeId: number): Promise<boolean> {
    const rows: unknown[] = await this.committees.manager.query(
      'SELECT 1 AS x FROM unit WHERE committee_id = ? UNION ALL SELECT 1 AS x FROM plan WHERE committee_id = ? LIMIT 1',
      [committeeId, committeeId],
    );
    return rows.length > 0;
  }

  /**
   * The committee real work goes to when a write names none (import, new plan, new unit): never
   * the demo's, so that real data does not mix into it; created from config/ on first use.
   */
  async workCommittee(): Promise<Committee> {
    const findReal = () =>
      this.committees.find({ where: { name: Not(DEMO_COMMITTEE_NAME) }, order: { id: 'ASC' }, take: 1 });
    const existing = await findReal();
    if (existing[0]) return existing[0];
    const { name, level, timeZone } = this.config.committee;
    try {
      return await this.committees.save(
        this.committees.create({ name, level: level as Committee['level'], timeZone, parentId: null }),
      );
    } catch (error) {
      // Two instances starting on one empty database: the other one created it first.
      if (!uniqueViolation(error)) throw error;
      return (await findReal())[0];
    }
  }

  async resolve(committeeId?: number): Promise<Committee> {
    return committeeId === undefined ? this.defaultCommittee() : this.get(committeeId);
  }

  /** For writes: the committee named, else the one real work goes to (never the demo's). */
  async resolveForWrite(committeeId?: number): Promise<Committee> {
    return committeeId === undefined ? this.workCommittee() : this.get(committeeId);
  }

  async get(id: number): Promise<Committee> {
    const committee = await this.committees.findOneBy({ id });
    if (!committee) throw new NotFoundError('Committee', id);
    return committee;
  }

  list(): Promise<Committee[]> {
    return this.committees.find({ order: { id: 'ASC' } });
  }

  async create(dto: CreateCommitteeDto): Promise<Committee> {
    if (dto.parentId !== undefined) await this.get(dto.parentId);
    await this.assertNameFree(dto.name);
    return this.committees.save(this.committees.create({ ...dto, parentId: dto.parentId ?? null }));
  }

  async update(id: number, dto: UpdateCommitteeDto): Promise<Committee> {
    const committee = await this.get(id);
    if (dto.version !== committee.version)
      throw new VersionConflictError('Committee', id, dto.version, committee.version);
    if (dto.name !== undefined && dto.name !== committee.name) await this.assertNameFree(dto.name);
    if (dto.parentId !== undefined && dto.parentId !== null) {
      if (dto.parentId === id) throw new ConflictError('INVALID_PARENT', 'a committee cannot be its own parent');
      await this.get(dto.parentId);
      const cycle = parentCycle(await this.parentLinks(), id, dto.parentId);
      if (cycle)
        throw new ConflictError(
          'PARENT_CYCLE',
          `committee ${dto.parentId} is below committee ${id}: making it the parent would close a cycle (${cycle.join(' → ')})`,
          { path: cycle },
        );
    }
    const { version: _v, ...changes } = dto;
    Object.assign(committee, changes);
    return this.committees.save(committee);
  }

  /** Every committee's parent (the table is small: a province has a few hundred committees). */
  async parentLinks(): Promise<Map<number, number | null>> {
    const rows = await this.committees.find({ select: { id: true, parentId: true } });
    return new Map(rows.map((r) => [r.id, r.parentId]));
  }

  /** The committees below this one (children, their children…), nearest first, with their depth (1: a child). */
  async descendants(id: number): Promise<Array<{ committee: Committee; depth: number; parentId: number }>> {
    const all = await this.committees.find({ order: { id: 'ASC' } });
    return descendantsOf(
      all.map((c) => ({ id: c.id, parentId: c.parentId })),
      id,
    ).map(({ id: cid, depth }) => {
      const committee = all.find((c) => c.id === cid)!;
      return { committee, depth, parentId: committee.parentId! };
    });
  }

  async descendantIds(id: number): Promise<number[]> {
    return descendantsOf(
      [...(await this.parentLinks())].map(([cid, parentId]) => ({ id: cid, parentId })),
      id,
    ).map((d) => d.id);
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.committees.existsBy({ name }))
      throw new ConflictError('DUPLICATE_NAME', `a committee named ${name} already exists`, { name });
  }
}
