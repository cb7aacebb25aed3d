import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  JoinColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { TIMESTAMP } from '../database/columns.js';

export const COMMITTEE_LEVELS = ['county', 'district', 'city', 'province', 'other'] as const;
export type CommitteeLevel = (typeof COMMITTEE_LEVELS)[number];

/** 妇女儿童工作委员会: the body that issues plans and supervises its member units. */
@Entity('committee')
export class Committee {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_committee_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  level: CommitteeLevel;

  /** Deadlines are calendar dates in this zone. */
  @Column({ type: 'varchar', length: 64, name: 'time_zone' })
  timeZone: string;

  @Column({ type: 'int', name: 'parent_id', nullable: true })
  parentId: number | null;

  /** The office's address: copied on every 督办 and sent the daily review digest. Empty: mail.officeEmail. */
  @Column({ type: 'varchar', length: 254, name: 'office_email', nullable: true })
  officeEmail: string | null;

  @ManyToOne(() => Committee, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_committee_parent' })
  parent?: Relation<Committee> | null;

  @VersionColumn()
  version: number;
  @CreateDateColumn({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
