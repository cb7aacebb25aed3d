import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';
import type { ExtensionRequestState } from '../domain/task-lifecycle.js';
import { Task } from './task.entity.js';

/** 延期申请: a unit asks for a later deadline; the office approves (maybe another date) or rejects. */
@Entity('duty_extension_request')
@Index('ix_duty_extension_request_task', ['taskId'])
@Index('ix_duty_extension_request_state', ['state'])
export class ExtensionRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'task_id' })
  taskId: number;
  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_duty_extension_request_task' })
  task?: Relation<Task>;

  @Column({ type: 'varchar', length: 20 })
  state: ExtensionRequestState;
  @Column({ type: 'date', name: 'current_due_on' })
  currentDueOn: string;
  @Column({ type: 'date', name: 'requested_due_on' })
  requestedDueOn: string;
  @Column({ type: 'text' })
  reason: string;
  @Column({ type: 'varchar', length: 100, name: 'requested_by' })
  requestedBy: string;
  @Column({ ...TIMESTAMP, name: 'requested_at' })
  requestedAt: Date;

  @Column({ type: 'date', name: 'granted_due_on', nullable: true })
  grantedDueOn: string | null;
  @Column({ type: 'varchar', length: 100, name: 'decided_by', nullable: true })
  decidedBy: string | null;
  @Column({ ...TIMESTAMP, name: 'decided_at', nullable: true })
  decidedAt: Date | null;
  @Column({ type: 'text', name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  @VersionColumn()
  version: number;
}
