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
import { Plan } from '../../plans/entities/plan.entity.js';
import { Unit } from '../../units/unit.entity.js';
import type { DutyKind } from '../domain/duty-kind.js';
import type { TaskState } from '../domain/task-lifecycle.js';
import { TaskItem } from './task-item.entity.js';

/** Who cancelled a task: generation (the duty stopped applying; it may revive it) or the office. */
export type CancelSource = 'generation' | 'office' | 'merge';

/**
 * One duty owed by one unit (or by the office itself, unit null: the report upward), with a
 * deadline: 任务. Generated ones carry a duty key (plan, kind, period, owner), unique per
 * committee, so generation can find them again; ad hoc ones (交办) have none.
 */
@Entity('duty_task')
@Index('uq_duty_task_key', ['committeeId', 'dutyKey'], { unique: true })
@Index('ix_duty_task_committee_due', ['committeeId', 'dueOn'])
@Index('ix_duty_task_plan', ['planId', 'kind'])
@Index('ix_duty_task_unit_state', ['unitId', 'state', 'dueOn'])
export class Task {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;
  @ManyToOne(() => Committee, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'fk_duty_task_committee' })
  committee?: Relation<Committee>;

  /** Null for ad hoc tasks not tied to a plan. Deleting a plan deletes its duties. */
  @Column({ type: 'int', name: 'plan_id', nullable: true })
  planId: number | null;
  @ManyToOne(() => Plan, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_duty_task_plan' })
  plan?: Relation<Plan> | null;

  /** Null: the committee office owes it (report upward). RESTRICT: merge moves tasks, delete is refused. */
  @Column({ type: 'int', name: 'unit_id', nullable: true })
  unitId: number | null;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_duty_task_unit' })
  unit?: Relation<Unit> | null;

  @Column({ type: 'varchar', length: 30 })
  kind: DutyKind;
  /** 'once' | '2023' | 'midterm-2025' | 'final-2025' | 'adhoc' */
  @Column({ type: 'varchar', length: 30, name: 'period_key' })
  periodKey: string;
  /** The plan year the duty is about; for once-only duties (implementation plan, ad hoc) the year it falls due. */
  @Column({ type: 'int' })
  year: number;
  /** 'p<plan>:<kind>:<period>:u<unit>|office'; null for ad hoc tasks. */
  @Column({ type: 'varchar', length: 120, name: 'duty_key', nullable: true })
  dutyKey: string | null;

  @Column({ type: 'varchar', length: 300 })
  title: string;
  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The deadline in force (calendar date in the committee's zone), after extensions. */
  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;
  /** The deadline the rules give (or the one the office first set for an ad hoc task). */
  @Column({ type: 'date', name: 'original_due_on' })
  originalDueOn: string;

  @Column({ type: 'varchar', length: 20 })
  state: TaskState;

  @Column({ ...TIMESTAMP, name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;
  /** FIRST submission: timeliness is judged by it, not by later resubmissions. */
  @Column({ ...TIMESTAMP, name: 'submitted_at', nullable: true })
  submittedAt: Date | null;
  /** Committee-local calendar date of the first submission (lets SQL judge timeliness). */
  @Column({ type: 'date', name: 'submitted_on', nullable: true })
  submittedOn: string | null;
  @Column({ ...TIMESTAMP, name: 'last_submitted_at', nullable: true })
  lastSubmittedAt: Date | null;
  @Column({ ...TIMESTAMP, name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;
  @Column({ ...TIMESTAMP, name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;
  @Column({ type: 'varchar', length: 20, name: 'cancel_source', nullable: true })
  cancelSource: CancelSource | null;
  @Column({ type: 'varchar', length: 500, name: 'cancelled_reason', nullable: true })
  cancelledReason: string | null;

  @Column({ type: 'varchar', length: 100, name: 'created_by' })
  createdBy: string;

  @OneToMany(() => TaskItem, (i) => i.task)
  items?: Relation<TaskItem>[];

  @VersionColumn()
  version: number;
  @CreateDateColumn({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
