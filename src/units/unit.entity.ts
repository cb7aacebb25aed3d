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
import { TIMESTAMP } from '../database/columns.js';
import { Committee } from '../committees/committee.entity.js';
import { UnitAlias } from './unit-alias.entity.js';
import { Liaison } from './liaison.entity.js';

export const UNIT_KINDS = ['government', 'party', 'judicial', 'mass_organisation', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** 成员单位 (or any responsible body): a government bureau, Party department, court, mass organisation… */
@Entity('unit')
@Index('uq_unit_committee_name', ['committeeId', 'name'], { unique: true })
export class Unit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;
  @ManyToOne(() => Committee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'fk_unit_committee' })
  committee?: Relation<Committee>;

  /** Full name as written in full in plans, e.g. 自治县卫生健康局. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  kind: UnitKind;

  /** Member of the committee: `各成员单位` expands to the current members. */
  @Column({ type: 'boolean', name: 'is_member', default: true })
  isMember: boolean;
  @Column({ type: 'date', name: 'member_since', nullable: true })
  memberSince: string | null;
  @Column({ type: 'date', name: 'member_until', nullable: true })
  memberUntil: string | null;

  /** Head of the unit: copied on urging and supervision notices. */
  @Column({ type: 'varchar', length: 100, name: 'head_name', nullable: true })
  headName: string | null;
  @Column({ type: 'varchar', length: 254, name: 'head_email', nullable: true })
  headEmail: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  @OneToMany(() => UnitAlias, (a) => a.unit)
  aliases?: Relation<UnitAlias>[];
  @OneToMany(() => Liaison, (l) => l.unit)
  liaisons?: Relation<Liaison>[];

  @VersionColumn()
  version: number;
  @CreateDateColumn({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
