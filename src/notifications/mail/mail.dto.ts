import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto.js';
import type { Locale } from '../../common/i18n/locale.js';
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
  /** The body is not shown (a password reset's one-time link); html and text say so. */
  withheld: boolean;
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

/**
 * Mail whose body no API reader may see: a password reset's link signs in as its recipient, so
 * showing it to the office would let any office account (a viewer too) take over another's.
 * The recipient gets it by e-mail; with the local driver it is the .eml under data/mail/.
 */
export function withheld(m: Pick<MailOutbox, 'kind'>): boolean {
  return m.kind === 'password_reset';
}

const WITHHELD_TEXT: Record<Locale, string> = {
  'zh-CN': '（重设密码邮件含一次性登录链接，只发给收件人，此处不显示正文。）',
  en: '(A password reset e-mail holds a one-time link for its recipient only; its body is not shown here.)',
};

export function toView(m: MailOutbox): MailView {
  const hidden = withheld(m) ? WITHHELD_TEXT[m.locale === 'en' ? 'en' : 'zh-CN'] : null;
  return {
    ...toSummary(m),
    idempotencyKey: m.idempotencyKey,
    committeeId: m.committeeId,
    html: hidden === null ? m.body.html : `<p>${hidden}</p>`,
    text: hidden ?? m.body.text,
    withheld: hidden !== null,
    taskRefs: m.taskRefs,
  };
}
