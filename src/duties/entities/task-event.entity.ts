import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { TIMESTAMP, jsonText } from '../../database/columns.js';
import { Task } from './task.entity.js';

/**
 * The audit trail of a task: every transition (who, in which role, from, to, why, when), plus
 * generation, due-date moves, extension requests and decisions.
 */
@Entity('duty_task_event')
@Index('ix_duty_task_event_task', ['taskId', 'id'])
export class TaskEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'task_id' })
  taskId: number;
  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_duty_task_event_task' })
  task?: Relation<Task>;

  @Column({ ...TIMESTAMP })
  at: Date;
  @Column({ type: 'varchar', length: 100 })
  actor: string;
  @Column({ type: 'varchar', length: 10, name: 'actor_role' })
  actorRole: string;
  /** A lifecycle action (acknowledge, submit …) or generate, move_due, change_due, extension_*. */
  @Column({ type: 'varchar', length: 30 })
  action: string;
  @Column({ type: 'varchar', length: 20, name: 'from_state', nullable: true })
  fromState: string | null;
  @Column({ type: 'varchar', length: 20, name: 'to_state', nullable: true })
  toState: string | null;
  @Column({ type: 'text', nullable: true })
  reason: string | null;
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  details: Record<string, unknown> | null;
}
