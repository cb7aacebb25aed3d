import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { MailOutbox } from './mail-outbox.entity.js';

export interface ClaimedMessage extends MailOutbox {
  /** The claim this sender holds; every update below is conditional on it. */
  claimedBy: string;
}

/**
 * The outbox's claim protocol, on both engines.
 *
 * A message is claimable when it is queued and due, or when it is 'sending' but its lease ran out
 * (the sender that claimed it died). Claiming sets status 'sending', the claimant, a lease end,
 * and counts an attempt. MySQL/MariaDB: SELECT … FOR UPDATE SKIP LOCKED inside a transaction,
 * so concurrent senders take disjoint batches without waiting for each other. SQLite: one UPDATE
 * … WHERE id IN (SELECT … LIMIT n); SQLite runs one writer at a time, so it is atomic.
 * Finishing a message only succeeds while the claim is still ours: a sender whose lease ran out
 * (and whose message another sender took over) cannot overwrite the newer outcome.
 */
@Injectable()
export class OutboxStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /**
   * `expiredBefore`: leases that ended before this instant are taken over. Each instance writes
   * lease ends by its own clock, so the caller passes now minus the clock skew it tolerates
   * (mail.clockSkewSeconds): a sender whose clock runs ahead does not take over live claims.
   */
  async claim(
    claimToken: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    expiredBefore: Date = now,
  ): Promise<ClaimedMessage[]> {
    if (limit < 1) return [];
    const ids = this.isSqlite
      ? await this.claimSqlite(claimToken, now, leaseUntil, limit, expiredBefore)
      : await this.claimMysql(claimToken, now, leaseUntil, limit, expiredBefore);
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(MailOutbox).find({
      where: { id: In(ids), claimedBy: claimToken, status: 'sending' },
      order: { nextAttemptAt: 'ASC', id: 'ASC' },
    });
    return rows as ClaimedMessage[];
  }

  private async claimMysql(
    claimToken: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    expiredBefore: Date,
  ): Promise<number[]> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const due = await this.lockIds(
        em,
        "o.status = 'queued' AND o.next_attempt_at <= :now",
        'o.next_attempt_at',
        now,
        limit,
      );
      const expired =
        due.length < limit
          ? await this.lockIds(
              em,
              "o.status = 'sending' AND o.claimed_until < :now",
              'o.claimed_until',
              expiredBefore,
              limit - due.length,
            )
          : [];
      const ids = [...due, ...expired];
      if (ids.length > 0) await this.markClaimed(em, ids, claimToken, leaseUntil);
      return ids;
    });
  }

  private async lockIds(
    em: EntityManager,
    condition: string,
    orderColumn: string,
    now: Date,
    limit: number,
  ): Promise<number[]> {
    const [sql, params] = em.connection.driver.escapeQueryWithParameters(
      `SELECT o.id AS id FROM mail_outbox o WHERE ${condition} ORDER BY ${orderColumn}, o.id LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED`,
      { now },
    );
    const rows = (await em.query(sql, params)) as { id: number }[];
    return rows.map((r) => Number(r.id));
  }

  private async markClaimed(em: EntityManager, ids: number[], claimToken: string, leaseUntil: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(MailOutbox)
      .set({ status: 'sending', claimedBy: claimToken, claimedUntil: leaseUntil, attempts: () => 'attempts + 1' })
      .where('id IN (:...ids)', { ids })
      .execute();
  }

  private async claimSqlite(
    claimToken: string,
    now: Date,
    leaseUntil: Date,
    limit: number,
    expiredBefore: Date,
  ): Promise<number[]> {
    const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
      `UPDATE mail_outbox SET status = 'sending', claimed_by = :token, claimed_until = :lease, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM mail_outbox
         WHERE (status = 'queued' AND next_attempt_at <= :now) OR (status = 'sending' AND claimed_until < :expiredBefore)
         ORDER BY next_attempt_at, id LIMIT ${Math.floor(limit)}
       )`,
      { token: claimToken, lease: leaseUntil, now, expiredBefore },
    );
    await this.dataSource.query(sql, params);
    const rows = await this.dataSource
      .getRepository(MailOutbox)
      .find({ select: { id: true }, where: { claimedBy: claimToken, status: 'sending' } });
    return rows.map((r) => r.id);
  }

  /** Applies an outcome to a message we still hold; false if the claim was lost meanwhile. */
  async finish(
    message: ClaimedMessage,
    changes: Partial<
      Pick<MailOutbox, 'status' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'messageId' | 'deliveryRef'>
    >,
  ): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(MailOutbox)
      .set({ ...changes, claimedBy: null, claimedUntil: null })
      .where('id = :id AND claimed_by = :token AND status = :sending', {
        id: message.id,
        token: message.claimedBy,
        sending: 'sending',
      })
      .execute();
    return result.affected === 1;
  }

  /** Gives claimed messages back untouched (a sender stopping before it got to them). */
  async release(messages: ClaimedMessage[]): Promise<void> {
    for (const m of messages) {
      await this.dataSource
        .createQueryBuilder()
        .update(MailOutbox)
        .set({
          status: 'queued',
          claimedBy: null,
          claimedUntil: null,
          attempts: () => 'CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END',
        })
        .where('id = :id AND claimed_by = :token AND status = :sending', {
          id: m.id,
          token: m.claimedBy,
          sending: 'sending',
        })
        .execute();
    }
  }
}
