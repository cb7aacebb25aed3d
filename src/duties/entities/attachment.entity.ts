import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';
import { Task } from './task.entity.js';
import { TaskItem } from './task-item.entity.js';

/**
 * A file a unit attached to a task (or to one item of it). The bytes live outside the database,
 * at <duties.attachments.dir>/<sha256>; identical files are stored once.
 */
@Entity('duty_attachment')
@Index('ix_duty_attachment_task', ['taskId'])
@Index('ix_duty_attachment_sha', ['sha256'])
export class Attachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'task_id' })
  taskId: number;
  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_duty_attachment_task' })
  task?: Relation<Task>;

  @Column({ type: 'int', name: 'item_id', nullable: true })
  itemId: number | null;
  @ManyToOne(() => TaskItem, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_duty_attachment_item' })
  item?: Relation<TaskItem> | null;

  @Column({ type: 'varchar', length: 255, name: 'file_name' })
  fileName: string;
  @Column({ type: 'varchar', length: 120, name: 'content_type' })
  contentType: string;
  @Column({ type: 'int' })
  size: number;
  @Column({ type: 'varchar', length: 64 })
  sha256: string;
  @Column({ type: 'varchar', length: 100, name: 'uploaded_by' })
  uploadedBy: string;
  @Column({ ...TIMESTAMP, name: 'uploaded_at' })
  uploadedAt: Date;
}
