import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';

/**
 * The number of a 催办/督办通知书, allocated the first time the notice is generated and kept:
 * one per task, due date and level (a new deadline is a new notice), numbered per committee and
 * year (〔2024〕第3号). No foreign key to the task: the record of an official notice outlives it.
 */
@Entity('report_notice_number')
@Index('uq_report_notice_seq', ['committeeId', 'year', 'seq'], { unique: true })
@Index('uq_report_notice_task', ['taskId', 'dueOn', 'level'], { unique: true })
export class ReportNoticeNumber {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'int', name: 'task_id' })
  taskId: number;

  @Column({ type: 'int', name: 'unit_id', nullable: true })
  unitId: number | null;

  @Column({ type: 'date', name: 'due_on' })
  dueOn: string;

  @Column({ type: 'varchar', length: 12 })
  level: 'urge' | 'supervise';

  /** Committee-local day the notice was first generated: its date on paper. */
  @Column({ type: 'date', name: 'issued_on' })
  issuedOn: string;

  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
}
