import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto.js';
import {
  MAIL_KINDS,
  OUTBOX_STATUSES,
  type MailKind,
  type MailOutbox,
  type OutboxStatus,
} from '../outbox/mail-outbox.entity.js';

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : Array.isArray(value)
      ? value
      : value;

export class ListMailQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description: `one or more of ${OUTBOX_STATUSES.join(', ')}, comma-separated`,
    example: 'failed,rejected',
  })
  @IsOptional()
  @Transform(csv)
  @IsIn(OUTBOX_STATUSES, { each: true, message: `status must be among ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus[];

  @ApiPropertyOptional({ enum: MAIL_KINDS })
  @IsOptional()
  @IsIn(MAIL_KINDS, { message: `kind must be one of ${MAIL_KINDS.join(', ')}` })
  kind?: MailKind;

  @ApiPropertyOptional({ description: 'part of the recipient address or name' })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  recipient?: string;
}

/** A message in a list (no bodies). */
export interface MailSummaryView {
  id: number;
  kind: MailKind;
  status: OutboxStatus;
  to: { email: string; name: string | null; locale: string };
  subject: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  messageId: string | null;
  /** The .eml file of the local mailbox, or the SMTP server's reply. */
  deliveryRef: string | null;
  taskIds: Array<number | string>;
}

export interface MailView extends MailSummaryView {
  idempotencyKey: string;
  committeeId: number | null;
  html: string;
  text: string;
  taskRefs: MailOutbox['taskRefs'];
}

/** GET /api/mail/outbox/summary: messages per status and where mail goes. */
export interface OutboxSummary {
  driver: string;
  deliversTo: string;
  counts: Record<OutboxStatus, number>;
}

export function toSummary(m: MailOutbox): MailSummaryView {
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    to: { email: m.recipientEmail, name: m.recipientName, locale: m.locale },
    subject: m.subject,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    attempts: m.attempts,
    nextAttemptAt: m.status === 'queued' ? m.nextAttemptAt : null,
    lastError: m.lastError,
    claimedBy: m.claimedBy,
    claimedUntil: m.claimedUntil,
    messageId: m.messageId,
    deliveryRef: m.deliveryRef,
    taskIds: (m.taskRefs ?? []).map((r) => r.taskId),
  };
}

export function toView(m: MailOutbox): MailView {
  return {
    ...toSummary(m),
    idempotencyKey: m.idempotencyKey,
    committeeId: m.committeeId,
    html: m.body.html,
    text: m.body.text,
    taskRefs: m.taskRefs,
  };
}
