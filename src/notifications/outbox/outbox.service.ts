import { retryOnDeadlock } from '../../database/db-errors.util.js';
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { IN_CHUNK, inChunks } from '../../common/persistence/chunks.util.js';
import { likePattern, LIKE_ESCAPE, paginate } from '../../common/pagination/paginate.util.js';
import type { ListQueryDto, Page } from '../../common/pagination/list-query.dto.js';
import { normalizeLocale } from '../domain/locale.js';
import { MailOutbox, OUTBOX_STATUSES, type MailKind, type OutboxStatus } from './mail-outbox.entity.js';
import type { EnqueueResult, OutboxMessageInput } from './outbox.types.js';

export interface OutboxListFilter extends ListQueryDto {
  /** Only this committee's messages (the API always sets it: an office reads its own mail). */
  committeeId?: number;
  status?: OutboxStatus[];
  kind?: MailKind;
  /** Part of the recipient's address or name. */
  recipient?: string;
}

const MAX_KEY = 200;
const MAX_SUBJECT = 500;
const MAX_NAME = 100;
/** Outbox rows per INSERT: each holds a rendered mail, so a statement stays a few MB at most (max_allowed_packet). */
const INSERT_ROWS = 100;

/** Keys longer than the column keep a readable head and a hash of the whole. */
export function normalizeKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0) throw new BadRequestError('INVALID_MESSAGE', 'an outbox message needs an idempotency key');
  if (trimmed.length <= MAX_KEY) return trimmed;
  const hash = createHash('sha256').update(trimmed).digest('hex').slice(0, 32);
  return `${trimmed.slice(0, MAX_KEY - 34)}#${hash}`;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Statuses an office may send again by hand. */
export const RETRYABLE_STATUSES: OutboxStatus[] = ['failed', 'rejected', 'cancelled'];

/**
 * Writes messages to the outbox (idempotent by key, inside the caller's transaction when given
 * one) and reads it back for the office.
 */
@Injectable()
export class OutboxService {
  private readonly listeners: Array<() => void> = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called after messages were queued outside a caller's transaction (the sender starts early). */
  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Tells the listeners that work is waiting; callers that passed their own manager call this after commit. */
  notifyQueued(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Queues messages. A key queued before is left as it is (whatever its status): the same
   * reminder computed twice is sent once. With `manager`, the rows are part of the caller's
   * transaction and appear (and are sent) only if it commits.
   */
  async enqueue(messages: OutboxMessageInput[], manager?: EntityManager): Promise<EnqueueResult> {
    const now = this.clock.now();
    const byKey = new Map<string, OutboxMessageInput>();
    for (const message of messages) {
      const key = normalizeKey(message.idempotencyKey);
      if (!byKey.has(key)) byKey.set(key, message);
    }
    const result: EnqueueResult = {
      queued: 0,
      duplicates: messages.length - byKey.size,
      queuedKeys: [],
      duplicateKeys: [],
    };
    if (byKey.size === 0) return result;

    const marker = `enqueue:${randomUUID()}`;
    const work = async (em: EntityManager): Promise<EnqueueResult> => {
      // A fresh count on every try (a deadlock victim runs again from the start).
      const result: EnqueueResult = {
        queued: 0,
        duplicates: messages.length - byKey.size,
        queuedKeys: [],
        duplicateKeys: [],
      };
      const existing = await this.existingKeys([...byKey.keys()], em);
      const rows: Partial<MailOutbox>[] = [];
      for (const [key, m] of byKey) {
        if (existing.has(key)) {
          result.duplicates++;
          result.duplicateKeys.push(key);
          continue;
        }
        const email = m.to.email.trim();
        // A doubtful address is still queued: the server (or the local mailbox) rejects it, and the office sees why.
        if (email.length === 0 || email.length > 254) {
          throw new BadRequestError(
            'INVALID_RECIPIENT',
            `message ${key}: the recipient address must have 1 to 254 characters`,
          );
        }
        rows.push({
          idempotencyKey: key,
          committeeId: m.committeeId ?? null,
          kind: m.kind,
          recipientEmail: email,
          recipientName: m.to.name?.trim() ? clip(m.to.name.trim(), MAX_NAME) : null,
          locale: normalizeLocale(m.to.locale),
          subject: clip(m.subject.replace(/[\r\n]+/g, ' ').trim(), MAX_SUBJECT),
          body: { html: m.html, text: m.text },
          taskRefs: m.taskRefs?.length ? m.taskRefs : null,
          status: 'queued',
          attempts: 0,
          nextAttemptAt: m.notBefore ?? now,
          lastError: null,
          // Marks the rows this call inserts (cleared below, before commit): see the count after the insert.
          claimedBy: marker,
          claimedUntil: null,
          sentAt: null,
          messageId: null,
          deliveryRef: null,
          createdAt: now,
        });
      }
      // Two writers racing for one key: the second insert becomes a no-op update, never an error.
      // Few rows per statement: each carries a rendered mail (tens of KB of text).
      await inChunks(rows, INSERT_ROWS, (part) =>
        em
          .createQueryBuilder()
          .insert()
          .into(MailOutbox)
          .values(part)
          .orUpdate(['idempotency_key'], ['idempotency_key'])
          .updateEntity(false)
          .execute(),
      );
      if (rows.length === 0) return result;
      // What this call really inserted: a concurrent run (another instance, a second `remind run-once`)
      // may have written some of the same keys after our existence check; those are its, not ours.
      const mine = await em
        .createQueryBuilder(MailOutbox, 'o')
        .select('o.idempotencyKey', 'k')
        .where("o.status = 'queued' AND o.claimedBy = :marker", { marker })
        .getRawMany<{ k: string }>();
      await em
        .createQueryBuilder()
        .update(MailOutbox)
        .set({ claimedBy: null })
        .where("status = 'queued' AND claimed_by = :marker", { marker })
        .execute();
      const inserted = new Set(mine.map((r) => r.k));
      for (const row of rows) {
        const key = row.idempotencyKey!;
        if (inserted.has(key)) {
          result.queued++;
          result.queuedKeys.push(key);
        } else {
          result.duplicates++;
          result.duplicateKeys.push(key);
        }
      }
      return result;
    };
    if (manager) return work(manager);
    const done = await retryOnDeadlock(() => this.dataSource.transaction(work));
    if (done.queued > 0) this.notifyQueued();
    return done;
  }

  /** Which of these keys are in the outbox already. */
  async existingKeys(keys: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const found = new Set<string>();
    await inChunks(keys.map(normalizeKey), IN_CHUNK, async (part) => {
      const rows = await manager
        .createQueryBuilder(MailOutbox, 'o')
        .select('o.idempotencyKey', 'k')
        .where('o.idempotencyKey IN (:...keys)', { keys: part })
        .getRawMany<{ k: string }>();
      for (const row of rows) found.add(row.k);
    });
    return found;
  }

  async list(filter: OutboxListFilter): Promise<Page<MailOutbox>> {
    const qb = this.dataSource.getRepository(MailOutbox).createQueryBuilder('o');
    // Lists leave the bodies out: they are read one message at a time.
    qb.select([
      'o.id',
      'o.idempotencyKey',
      'o.committeeId',
      'o.kind',
      'o.recipientEmail',
      'o.recipientName',
      'o.locale',
      'o.subject',
      'o.taskRefs',
      'o.status',
      'o.attempts',
      'o.nextAttemptAt',
      'o.lastError',
      'o.claimedBy',
      'o.claimedUntil',
      'o.sentAt',
      'o.messageId',
      'o.deliveryRef',
      'o.createdAt',
    ]);
    if (filter.committeeId !== undefined)
      qb.andWhere('o.committeeId = :committeeId', { committeeId: filter.committeeId });
    if (filter.status?.length) qb.andWhere('o.status IN (:...status)', { status: filter.status });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.recipient?.trim()) {
      const pattern = likePattern(filter.recipient.trim().toLowerCase());
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`LOWER(o.recipientEmail) LIKE :r ${LIKE_ESCAPE}`, { r: pattern })
            .orWhere(`LOWER(o.recipientName) LIKE :r ${LIKE_ESCAPE}`, { r: pattern }),
        ),
      );
    }
    return paginate(
      qb,
      filter,
      {
        id: 'o.id',
        createdAt: 'o.createdAt',
        sentAt: 'o.sentAt',
        nextAttemptAt: 'o.nextAttemptAt',
        status: 'o.status',
        recipient: 'o.recipientEmail',
        kind: 'o.kind',
        attempts: 'o.attempts',
      },
      '-id',
    );
  }

  /** One message; with committeeId, another committee's is as absent as a missing one (404). */
  async get(id: number, committeeId?: number): Promise<MailOutbox> {
    const row = await this.dataSource.getRepository(MailOutbox).findOneBy({ id });
    if (!row || (committeeId !== undefined && row.committeeId !== committeeId)) throw new NotFoundError('Message', id);
    return row;
  }

  /** Messages per status (what the office dashboard shows: e.g. 3 failed), of one committee when given. */
  async countByStatus(committeeId?: number): Promise<Record<OutboxStatus, number>> {
    const qb = this.dataSource.getRepository(MailOutbox).createQueryBuilder('o');
    if (committeeId !== undefined) qb.where('o.committeeId = :committeeId', { committeeId });
    const rows = await qb
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: OutboxStatus; n: string | number }>();
    const out = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    for (const row of rows) out[row.status] = Number(row.n);
    return out;
  }

  /** Sends a failed, rejected or cancelled message again (the office fixed the address, or insists). */
  async retry(id: number, committeeId?: number): Promise<MailOutbox> {
    const row = await this.get(id, committeeId);
    if (!RETRYABLE_STATUSES.includes(row.status)) {
      throw new ConflictError(
        'NOT_RETRYABLE',
        `message ${id} is ${row.status}; only ${RETRYABLE_STATUSES.join(', ')} messages can be sent again`,
        {
          status: row.status,
          allowed: RETRYABLE_STATUSES,
        },
      );
    }
    const result = await this.dataSource
      .createQueryBuilder()
      .update(MailOutbox)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: this.clock.now(), claimedBy: null, claimedUntil: null })
      .where('id = :id AND status = :status', { id, status: row.status })
      .execute();
    if (result.affected !== 1)
      throw new ConflictError('NOT_RETRYABLE', `message ${id} changed meanwhile; reload it`, { status: row.status });
    this.notifyQueued();
    return this.get(id);
  }

  get maxAttempts(): number {
    return this.config.mail.maxAttempts;
  }
}
