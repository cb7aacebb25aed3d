import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';
import { Committee } from '../../committees/committee.entity.js';
import { Area } from './area.entity.js';

export const PLAN_KINDS = ['women', 'children', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_STATUSES = ['draft', 'active', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** 发展规划: a five- or ten-year plan issued by a committee's government. */
@Entity('plan')
@Index('ix_plan_committee', ['committeeId'])
export class Plan {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;
  @ManyToOne(() => Committee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'fk_plan_committee' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 300 })
  title: string;
  @Column({ type: 'varchar', length: 20 })
  kind: PlanKind;
  @Column({ type: 'int', name: 'period_start' })
  periodStart: number;
  @Column({ type: 'int', name: 'period_end' })
  periodEnd: number;
  /** 颁布 date; the implementation-plan deadline counts from it. */
  @Column({ type: 'date', name: 'issued_on', nullable: true })
  issuedOn: string | null;
  /** e.g. 威府发〔2023〕4号 */
  @Column({ type: 'varchar', length: 100, name: 'document_number', nullable: true })
  documentNumber: string | null;
  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: PlanStatus;
  /**
   * What the plan's text says about a mid-term evaluation (中期评估): true when it asks for one,
   * false when it names its evaluations without one, null when unknown (not imported from text).
   * The duty rules' 'auto' follows it.
   */
  @Column({ type: 'boolean', name: 'midterm_in_text', nullable: true })
  midtermInText: boolean | null;

  @OneToMany(() => Area, (a) => a.plan)
  areas?: Relation<Area>[];

  @VersionColumn()
  version: number;
  @CreateDateColumn({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
