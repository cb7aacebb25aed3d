import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';
import { Goal } from '../../plans/entities/goal.entity.js';
import { Measure } from '../../plans/entities/measure.entity.js';
import type { ItemProgress } from '../domain/task-lifecycle.js';
import { Task } from './task.entity.js';

/** lead / responsible as assigned in the plan; 'linked' for goals an ad hoc task refers to. */
export const ITEM_ROLES = ['lead', 'responsible', 'linked'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

/**
 * One goal or measure a task covers, in the role the unit holds on it: where the unit marks
 * progress, writes what it did and reports the year's indicator values.
 * An item the unit no longer holds is deactivated, never deleted (its text is the unit's work).
 */
@Entity('duty_task_item')
@Index('uq_duty_task_item', ['taskId', 'targetKey', 'role'], { unique: true })
@Index('ix_duty_task_item_goal', ['goalId'])
export class TaskItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'task_id' })
  taskId: number;
  @ManyToOne(() => Task, (t) => t.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_duty_task_item_task' })
  task?: Relation<Task>;

  /** 'goal:<id>' | 'measure:<id>', as in assignments. */
  @Column({ type: 'varchar', length: 40, name: 'target_key' })
  targetKey: string;
  @Column({ type: 'int', name: 'goal_id', nullable: true })
  goalId: number | null;
  @ManyToOne(() => Goal, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_duty_task_item_goal' })
  goal?: Relation<Goal> | null;
  @Column({ type: 'int', name: 'measure_id', nullable: true })
  measureId: number | null;
  @ManyToOne(() => Measure, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'measure_id', foreignKeyConstraintName: 'fk_duty_task_item_measure' })
  measure?: Relation<Measure> | null;

  @Column({ type: 'varchar', length: 20 })
  role: ItemRole;
  /** False once the unit no longer holds the goal in this role (kept for the record). */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  progress: ItemProgress;
  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Column({ type: 'varchar', length: 100, name: 'updated_by', nullable: true })
  updatedBy: string | null;
  @VersionColumn()
  version: number;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
