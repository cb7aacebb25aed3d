import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';

/**
 * One step of the escalation ladder as it was actually taken: the 催办 or 督办 of a task for one
 * due date, and the committee-local day the run queued it. The 督办 quotes `sentOn` of the 催办;
 * the next step is decided from these rows (reminder-policy nextEscalation), so a step is never
 * claimed that did not happen. Written in the same transaction as the notices' outbox rows.
 * Keyed by due date: a new deadline starts a new ladder.
 */
@Entity('task_escalation')
@Index('uq_task_escalation', ['taskId', 'dueOn', 'level'], { unique: true })
export class TaskEscalation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;

  /** No foreign key: the record of an official notice outlives a deleted task. */
  @Column({ type: 'int', name: 'task_id' })
  taskId: number;

  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;

  @Column({ type: 'varchar', length: 12 })
  level: 'urge' | 'supervise';

  /** Committee-local date of the run that queued the notices. */
  @Column({ type: 'date', name: 'sent_on' })
  sentOn: string;

  /** The recipients, for the office's record. */
  @Column({ type: 'int', default: 0 })
  recipients: number;

  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
}
