import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Unit } from '../../units/unit.entity.js';
import { Goal } from './goal.entity.js';
import { Measure } from './measure.entity.js';

export const ASSIGNMENT_ROLES = ['lead', 'responsible'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/**
 * A goal or measure given to a unit, or to "all member units" (各成员单位), as 牵头 (lead) or
 * 责任 (responsible). target_key/assignee_key make one unique index work on both engines
 * (NULLs never collide in a unique index).
 */
@Entity('assignment')
@Index('uq_assignment', ['targetKey', 'assigneeKey', 'role'], { unique: true })
@Index('ix_assignment_plan', ['planId'])
@Index('ix_assignment_unit', ['unitId'])
export class Assignment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'plan_id' })
  planId: number;

  @Column({ type: 'int', name: 'goal_id', nullable: true })
  goalId: number | null;
  @ManyToOne(() => Goal, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_assignment_goal' })
  goal?: Relation<Goal> | null;

  @Column({ type: 'int', name: 'measure_id', nullable: true })
  measureId: number | null;
  @ManyToOne(() => Measure, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'measure_id', foreignKeyConstraintName: 'fk_assignment_measure' })
  measure?: Relation<Measure> | null;

  /** Null when allMembers is set. RESTRICT: a unit still assigned cannot silently vanish. */
  @Column({ type: 'int', name: 'unit_id', nullable: true })
  unitId: number | null;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_assignment_unit' })
  unit?: Relation<Unit> | null;

  @Column({ type: 'boolean', name: 'all_members', default: false })
  allMembers: boolean;
  @Column({ type: 'varchar', length: 20 })
  role: AssignmentRole;

  /** 'goal:<id>' or 'measure:<id>' */
  @Column({ type: 'varchar', length: 40, name: 'target_key' })
  targetKey: string;
  /** 'unit:<id>' or 'all' */
  @Column({ type: 'varchar', length: 40, name: 'assignee_key' })
  assigneeKey: string;
}

export const targetKeyOf = (a: { goalId?: number | null; measureId?: number | null }): string =>
  a.goalId ? `goal:${a.goalId}` : `measure:${a.measureId}`;
export const assigneeKeyOf = (a: { unitId?: number | null; allMembers?: boolean }): string =>
  a.allMembers ? 'all' : `unit:${a.unitId}`;
