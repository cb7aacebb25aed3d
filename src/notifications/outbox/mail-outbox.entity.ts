import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP, jsonText } from '../../database/columns.js';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'rejected', 'cancelled'] as const;
/**
 * queued: waiting (next_attempt_at says from when); sending: claimed by a sender until
 * claimed_until; sent: handed over to the server / mailbox; failed: gave up after
 * mail.maxAttempts (or the server refused the content); rejected: the server refused the
 * recipient (last_error has its reason); cancelled: vetoed before sending (e.g. the task was
 * submitted meanwhile; last_error says why).
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const MAIL_KINDS = [
  'digest',
  'urge',
  'supervise',
  'office_urge',
  'circular',
  'review_digest',
  'decision',
  'test',
  'password_reset',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** A task a message is about, with the due date it was written for (stop-on-submission checks). */
export interface TaskRef {
  taskId: number | string;
  dueOn: string;
}

export interface MailBody {
  html: string;
  text: string;
}

/**
 * The transactional outbox: a message is a row written in the same transaction as whatever
 * caused it, and delivered later by a sender. One row per recipient. The idempotency key is
 * unique: writing the same message twice (a repeated tick, two instances) keeps one row.
 */
@Entity('mail_outbox')
@Index('uq_mail_outbox_key', ['idempotencyKey'], { unique: true })
@Index('ix_mail_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_mail_outbox_recipient', ['recipientEmail'])
export class MailOutbox {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200, name: 'idempotency_key' })
  idempotencyKey: string;

  @Column({ type: 'int', name: 'committee_id', nullable: true })
  committeeId: number | null;

  @Column({ type: 'varchar', length: 20 })
  kind: MailKind;

  @Column({ type: 'varchar', length: 254, name: 'recipient_email' })
  recipientEmail: string;
  @Column({ type: 'varchar', length: 100, name: 'recipient_name', nullable: true })
  recipientName: string | null;
  @Column({ type: 'varchar', length: 10, default: 'zh-CN' })
  locale: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;
  /** HTML and plain-text bodies. JSON so that long digests fit on MySQL too (TEXT stops at 64 KB). */
  @Column({ type: 'json' })
  body: MailBody;

  @Column({ type: 'text', name: 'task_refs', nullable: true, transformer: jsonText })
  taskRefs: TaskRef[] | null;

  @Column({ type: 'varchar', length: 12, default: 'queued' })
  status: OutboxStatus;
  /** Delivery attempts started (a claim counts as one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;
  @Column({ ...TIMESTAMP, name: 'next_attempt_at' })
  nextAttemptAt: Date;
  @Column({ type: 'varchar', length: 1000, name: 'last_error', nullable: true })
  lastError: string | null;

  /** Sender instance and batch holding the message while status is 'sending'. */
  @Column({ type: 'varchar', length: 120, name: 'claimed_by', nullable: true })
  claimedBy: string | null;
  /** Lease end: after it, another sender may take the message over (the holder is presumed dead). */
  @Column({ ...TIMESTAMP, name: 'claimed_until', nullable: true })
  claimedUntil: Date | null;

  @Column({ ...TIMESTAMP, name: 'sent_at', nullable: true })
  sentAt: Date | null;
  @Column({ type: 'varchar', length: 300, name: 'message_id', nullable: true })
  messageId: string | null;
  /** Where the driver put it: the server's reply, or the .eml file of the local mailbox. */
  @Column({ type: 'varchar', length: 500, name: 'delivery_ref', nullable: true })
  deliveryRef: string | null;

  /** Set from the service clock (not the database's), like every other instant of the outbox. */
  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
}
