import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { AppError, NotFoundError } from '../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { actorForUser, type Actor } from '../access/actor.js';
import { User } from '../accounts/entities/user.entity.js';
import { hashSecret, newSecret } from '../accounts/domain/secrets.js';
import { TaskQueryService } from '../duties/tasks/task-query.service.js';
import { WORKING_STATES } from '../duties/domain/task-lifecycle.js';
import { dutyKindLabel, type DutyKind } from '../duties/domain/duty-kind.js';
import { Task } from '../duties/entities/task.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { label } from '../common/i18n/labels.js';
import { FixedWindowCounter } from '../common/http/fixed-window.js';
import { renderCalendar, type DeadlineEvent } from './domain/icalendar.js';

/** Feed tokens carry a recognisable prefix (like API tokens' lsk_), so a leaked one is found in logs. */
export const FEED_TOKEN_PREFIX = 'lcf_';
const FEED_TOKEN = /^lcf_[A-Za-z0-9_-]{43}$/;
/** A feed is a calendar, not an export: past this many events the nearest deadlines are kept. */
export const MAX_FEED_EVENTS = 5000;

export interface FeedFilter {
  planId?: number;
  unitId?: number;
  kind?: DutyKind;
}

export interface FeedView {
  active: boolean;
  prefix: string | null;
  createdAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * Deadline calendars: the iCalendar text of the open tasks an actor may see, and each user's
 * secret feed address (a token stored as its SHA-256, shown once, reset or revoked by its user).
 */
@Injectable()
export class CalendarService {
  /** Unknown feed tokens per client address (this instance): guessing is cut off, not answered. */
  private readonly failures = new FixedWindowCounter();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tasks: TaskQueryService,
    private readonly audit: AuditService,
  ) {}

  /** The open (not yet submitted) tasks the actor may see, as an iCalendar text. */
  async render(actor: Actor, filter: FeedFilter = {}, committeeId?: number): Promise<{ text: string; count: number }> {
    const ctx = await this.tasks.context(actor, committeeId);
    const qb = this.tasks
      .filtered(actor, { planId: filter.planId, unitId: filter.unitId, kind: filter.kind }, ctx)
      .andWhere('task.state IN (:...open)', { open: WORKING_STATES })
      .leftJoin('task.unit', 'unit')
      .addSelect(['unit.id', 'unit.name'])
      .leftJoin('task.plan', 'plan')
      .addSelect(['plan.id', 'plan.title'])
      .orderBy('task.dueOn', 'ASC')
      .addOrderBy('task.id', 'ASC')
      .take(MAX_FEED_EVENTS);
    const rows = await qb.getMany();
    const base = this.config.server.publicUrl.replace(/\/+$/, '');
    const host = hostOf(base);
    const officeName = label('officeUnit', 'zh-CN');
    const events = rows.map((t: Task): DeadlineEvent => {
      const owner = t.unit?.name ?? officeName;
      const kind = dutyKindLabel(t.kind);
      return {
        uid: `task-${t.id}.c${t.committeeId}@${host}`,
        date: t.dueOn,
        summary: `${t.title} — ${owner}`,
        description: [
          `${kind}：${t.title}`,
          `承办：${owner}`,
          t.plan?.title ? `规划：${t.plan.title}` : null,
          `截止：${t.dueOn}`,
          t.description?.trim() || null,
          `${base}/tasks/${t.id}`,
        ]
          .filter(Boolean)
          .join('\n'),
        url: `${base}/tasks/${t.id}`,
        categories: [kind],
      };
    });
    const scopeName = actor.role === 'unit' ? (rows[0]?.unit?.name ?? ctx.committee.name) : ctx.committee.name;
    const text = renderCalendar(events, {
      productId: '-//Luoshi//Deadlines//ZH',
      name: `落实 · ${scopeName}`,
      timeZone: ctx.timeZone,
      stamp: this.clock.now(),
      alarmDaysBefore: this.config.calendar.alarmDaysBefore,
      alarmText: (e) => `即将到期（${e.date}）：${e.summary}`,
    });
    return { text, count: events.length };
  }

  /**
   * The feed behind a secret token, as its user would see it. Anything else — a malformed,
   * unknown or revoked token, a disabled user — is 404; too many of those from one address, 429.
   */
  async feed(token: string, address: string, filter: FeedFilter): Promise<string> {
    this.assertNotFlooding(address);
    const row = FEED_TOKEN.test(token)
      ? await this.dataSource
          .getRepository(CalendarFeed)
          .findOneBy({ tokenHash: hashSecret(token), revokedAt: IsNull() })
      : null;
    const user = row ? await this.dataSource.getRepository(User).findOneBy({ id: row.userId }) : null;
    if (!row || !user || user.disabled) {
      this.countFailure(address);
      throw new NotFoundError('CalendarFeed', token.slice(0, 8));
    }
    const now = this.clock.now();
    // One write an hour at most per feed (calendar clients poll); bookkeeping never fails the feed.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 3_600_000) {
      await this.dataSource
        .getRepository(CalendarFeed)
        .update({ id: row.id }, { lastUsedAt: now })
        .catch(() => undefined);
    }
    return (await this.render(actorForUser(user), filter)).text;
  }

  async status(userId: number): Promise<FeedView> {
    const row = await this.dataSource
      .getRepository(CalendarFeed)
      .findOne({ where: { userId, revokedAt: IsNull() }, order: { id: 'DESC' } });
    return {
      active: !!row,
      prefix: row?.prefix ?? null,
      createdAt: row?.createdAt ?? null,
      lastUsedAt: row?.lastUsedAt ?? null,
    };
  }

  /** A new feed address for the user; any earlier one stops working. The token is in the answer, once. */
  async reset(userId: number, committeeId: number | null): Promise<FeedView & { token: string; url: string }> {
    const token = newSecret(FEED_TOKEN_PREFIX);
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (em) => {
      const revoked = await em.update(CalendarFeed, { userId, revokedAt: IsNull() }, { revokedAt: now });
      const saved = await em.save(
        em.create(CalendarFeed, {
          userId,
          tokenHash: hashSecret(token),
          prefix: token.slice(0, 10),
          createdAt: now,
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(
        {
          action: (revoked.affected ?? 0) > 0 ? 'calendar_feed_reset' : 'calendar_feed_created',
          entity: 'calendar_feed',
          entityId: saved.id,
          after: { userId },
          committeeId,
        },
        em,
      );
      return saved;
    });
    return {
      active: true,
      prefix: row.prefix,
      createdAt: row.createdAt,
      lastUsedAt: null,
      token,
      url: this.feedUrl(token),
    };
  }

  async revoke(userId: number, committeeId: number | null): Promise<FeedView> {
    await this.dataSource.transaction(async (em) => {
      const revoked = await em.update(CalendarFeed, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      if ((revoked.affected ?? 0) > 0)
        await this.audit.record(
          { action: 'calendar_feed_revoked', entity: 'calendar_feed', after: { userId }, committeeId },
          em,
        );
    });
    return this.status(userId);
  }

  feedUrl(token: string): string {
    return `${this.config.server.publicUrl.replace(/\/+$/, '')}/api/calendar/feed/${token}.ics`;
  }

  private assertNotFlooding(address: string): void {
    const now = this.clock.now().getTime();
    const limit = this.config.calendar.maxFailedLookupsPerMinute;
    if (this.failures.count(address, now) >= limit) {
      const retryAfterSeconds = this.failures.retryAfterSeconds(address, now);
      throw new AppError(
        429,
        'TOO_MANY_REQUESTS',
        `too many unknown feed addresses from here; try again in ${retryAfterSeconds} s`,
        { limit, retryAfterSeconds },
      );
    }
  }

  private countFailure(address: string): void {
    this.failures.hit(address, this.clock.now().getTime());
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'luoshi';
  } catch {
    return 'luoshi';
  }
}
