import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { INSTANCE_ID } from '../../scheduling/instance-id.js';
import { MAIL_DRIVER, MailTransportError, type MailDriver, type OutgoingMail } from '../mail/drivers/mail-driver.js';
import { backoffSeconds } from './backoff.js';
import type { MailOutbox } from './mail-outbox.entity.js';
import { OutboxStore, type ClaimedMessage } from './outbox.store.js';
import { PreSendChecks } from './pre-send-check.js';

export interface SendOutcome {
  id: number;
  key: string;
  to: string;
  subject: string;
  status: 'sent' | 'retry' | 'failed' | 'rejected' | 'cancelled' | 'lost';
  attempts: number;
  detail?: string;
}

export interface SendReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  rejected: number;
  cancelled: number;
  /** Claims that ran out before we finished (another sender owns the message now). */
  lost: number;
  outcomes: SendOutcome[];
}

export interface SendOptions {
  /** Instant used for due-ness, leases and backoff (default: the clock). */
  now?: Date;
  /** Stop after this many messages (default: until nothing is due, at most 10,000). */
  limit?: number;
}

/** The domain part of the From address, for Message-IDs. */
function fromDomain(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match ? match[1] : 'luoshi.local';
}

/**
 * Delivers the outbox: claims due messages in batches, runs the pre-send checks, hands each
 * message to the driver and records the outcome.
 *
 * Guarantee: at-least-once. A message is marked sent only after the server accepted it; if the
 * process dies between the two, the lease runs out and another sender delivers it again, so the
 * messages in flight at a crash (at most one per pooled connection) can arrive twice; nothing is
 * lost. A repeated delivery carries the same Message-ID.
 */
@Injectable()
export class OutboxSender {
  private readonly logger = new Logger('OutboxSender');
  private batchSeq = 0;
  private running: Promise<SendReport> | null = null;

  constructor(
    private readonly store: OutboxStore,
    private readonly checks: PreSendChecks,
    @Inject(MAIL_DRIVER) private readonly driver: MailDriver,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
  ) {}

  get driverName(): string {
    return this.driver.name;
  }

  describeDriver(): string {
    return this.driver.describe();
  }

  /** Sends what is due now; concurrent calls in one instance share the run in progress. */
  sendPending(options: SendOptions = {}): Promise<SendReport> {
    if (this.running) return this.running;
    this.running = this.drain(options).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Claims one batch (exposed so tests can play a sender that dies holding it). */
  claimBatch(now: Date = this.clock.now(), limit = this.config.mail.batchSize): Promise<ClaimedMessage[]> {
    const token = `${this.instanceId}#${++this.batchSeq}`;
    const { leaseSeconds, clockSkewSeconds } = this.config.mail;
    return this.store.claim(
      token,
      now,
      new Date(now.getTime() + leaseSeconds * 1000),
      limit,
      new Date(now.getTime() - clockSkewSeconds * 1000),
    );
  }

  private async drain(options: SendOptions): Promise<SendReport> {
    const report: SendReport = {
      claimed: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      rejected: 0,
      cancelled: 0,
      lost: 0,
      outcomes: [],
    };
    const limit = options.limit ?? 10_000;
    while (report.claimed < limit) {
      const now = options.now ?? this.clock.now();
      const batch = await this.claimBatch(now, Math.min(this.config.mail.batchSize, limit - report.claimed));
      if (batch.length === 0) break;
      report.claimed += batch.length;
      const outcomes = await this.deliverBatch(batch, options.now);
      for (const o of outcomes) {
        report.outcomes.push(o);
        if (o.status === 'sent') report.sent++;
        else if (o.status === 'retry') report.retried++;
        else if (o.status === 'failed') report.failed++;
        else if (o.status === 'rejected') report.rejected++;
        else if (o.status === 'cancelled') report.cancelled++;
        else report.lost++;
      }
      // Retries are scheduled in the future; a fixed `now` would otherwise claim nothing more anyway.
      if (batch.length < this.config.mail.batchSize) break;
    }
    if (report.claimed > 0) {
      this.logger.log(
        `outbox: ${report.sent} sent, ${report.retried} to retry, ${report.failed} failed, ${report.rejected} rejected, ${report.cancelled} cancelled`,
      );
    }
    return report;
  }

  /** Delivers a claimed batch: several messages at once, up to the SMTP pool's size. */
  async deliverBatch(batch: ClaimedMessage[], fixedNow?: Date): Promise<SendOutcome[]> {
    const vetoes = await this.checks.vetoes(batch);
    const outcomes: SendOutcome[] = [];
    const queue = [...batch];
    const workers = Array.from(
      { length: Math.max(1, Math.min(this.config.mail.pool.maxConnections, queue.length)) },
      async () => {
        for (let m = queue.shift(); m; m = queue.shift())
          outcomes.push(await this.deliverOne(m, vetoes.get(m.id), fixedNow));
      },
    );
    await Promise.all(workers);
    return outcomes;
  }

  /** The message as the driver receives it; its Message-ID is the same on every attempt. */
  outgoing(m: MailOutbox): OutgoingMail {
    const hash = createHash('sha256').update(m.idempotencyKey).digest('hex').slice(0, 16);
    return {
      from: this.config.mail.from,
      to: { email: m.recipientEmail, name: m.recipientName },
      subject: m.subject,
      html: m.body.html,
      text: m.body.text,
      messageId: `<luoshi.${m.id}.${hash}@${fromDomain(this.config.mail.from)}>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Luoshi-Kind': m.kind, 'X-Luoshi-Outbox-Id': String(m.id) },
      outboxId: m.id,
      kind: m.kind,
    };
  }

  private async deliverOne(m: ClaimedMessage, veto: string | undefined, fixedNow?: Date): Promise<SendOutcome> {
    const base = { id: m.id, key: m.idempotencyKey, to: m.recipientEmail, subject: m.subject, attempts: m.attempts };
    const outcome = async (
      status: SendOutcome['status'],
      changes: Parameters<OutboxStore['finish']>[1],
      detail?: string,
    ): Promise<SendOutcome> => {
      const kept = await this.store.finish(m, changes);
      if (!kept)
        this.logger.warn(
          `message ${m.id}: the claim ran out before the outcome (${status}) was recorded; another sender owns it now`,
        );
      return { ...base, status: kept ? status : 'lost', detail };
    };
    if (veto) return outcome('cancelled', { status: 'cancelled', lastError: veto.slice(0, 1000) }, veto);
    // Claimed again and again without an outcome: each sender holding it died. Stop feeding it to senders.
    if (m.attempts > this.config.mail.maxAttempts) {
      const why = `gave up: ${m.attempts - 1} attempts ended without an outcome (the sender stopped during delivery)`;
      return outcome('failed', { status: 'failed', lastError: why }, why);
    }

    const now = () => fixedNow ?? this.clock.now();
    try {
      const result = await this.driver.send(this.outgoing(m));
      const refused =
        result.rejected.find((r) => r.address.toLowerCase() === m.recipientEmail.toLowerCase()) ??
        (result.accepted.length === 0 ? result.rejected[0] : undefined);
      if (refused) {
        if (refused.permanent)
          return outcome('rejected', { status: 'rejected', lastError: refused.reason.slice(0, 1000) }, refused.reason);
        return this.retryOrFail(m, `recipient deferred: ${refused.reason}`, now(), outcome);
      }
      return outcome('sent', {
        status: 'sent',
        sentAt: now(),
        messageId: result.messageId.slice(0, 300),
        deliveryRef: result.ref ? result.ref.slice(0, 500) : null,
        lastError: null,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof MailTransportError && error.permanent)
        return outcome('failed', { status: 'failed', lastError: message.slice(0, 1000) }, message);
      return this.retryOrFail(m, message, now(), outcome);
    }
  }

  private retryOrFail(
    m: ClaimedMessage,
    reason: string,
    now: Date,
    outcome: (
      status: SendOutcome['status'],
      changes: Parameters<OutboxStore['finish']>[1],
      detail?: string,
    ) => Promise<SendOutcome>,
  ): Promise<SendOutcome> {
    if (m.attempts >= this.config.mail.maxAttempts) {
      const why = `gave up after ${m.attempts} attempts: ${reason}`;
      return outcome('failed', { status: 'failed', lastError: why.slice(0, 1000) }, why);
    }
    const delay = backoffSeconds(m.attempts, this.config.mail.retry.baseSeconds, this.config.mail.retry.maxSeconds);
    return outcome(
      'retry',
      { status: 'queued', nextAttemptAt: new Date(now.getTime() + delay * 1000), lastError: reason.slice(0, 1000) },
      `retry in ${delay}s: ${reason}`,
    );
  }
}
