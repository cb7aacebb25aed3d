import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { localDateOf } from '../common/time/calendar-date.util.js';
import { AppError, BadRequestError } from '../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../notifications/outbox/outbox.service.js';
import { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Unit } from '../units/unit.entity.js';
import { Liaison } from '../units/liaison.entity.js';
import { actorForUser, type Actor } from '../access/actor.js';
import { isOfficeRole } from '../access/permissions.js';
import { User } from './entities/user.entity.js';
import { RawColumns } from '../common/persistence/raw-columns.util.js';
import { dataVersion } from '../database/data-version.js';
import { UserSession } from './entities/user-session.entity.js';
import { ApiToken } from './entities/api-token.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { afterFailedLogin, isLocked, normalizeLogin } from './domain/account-rules.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './domain/secrets.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { AccountsService, toUserView, type UserView } from './accounts.service.js';
import { renderPasswordResetMail } from './password-reset.mail.js';

export const SESSION_COOKIE = 'luoshi_session';

/** What /api/auth/login and /api/auth/me answer. */
export interface Me {
  user: UserView & { unitName: string | null; committeeName: string };
  csrfToken: string | null;
  /** Today in the user's committee (its time zone, the service's clock: LUOSHI_NOW in demos), YYYY-MM-DD. */
  today: string;
  /** The committee's time zone (IANA): the web app shows times of day in it. */
  timeZone: string;
}

export interface Authenticated {
  user: User;
  actor: Actor;
  /** Set when the request came with a session cookie (writes then need the CSRF token). */
  session: UserSession | null;
}

const invalid = () => new AppError(401, 'INVALID_CREDENTIALS', 'wrong login or password');
const locked = (until: Date, now: Date) =>
  new AppError(429, 'LOGIN_LOCKED', 'too many failed logins; try again later', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });

/** Logging in and out, sessions, API tokens on requests, password changes and resets. */
@Injectable()
export class AuthService {
  /** Failed logins per client address (this instance): address → failures since `since`. */
  private readonly addressFailures = new Map<string, { count: number; since: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly committees: CommitteesService,
  ) {}

  async login(
    loginInput: string,
    password: string,
    address: string | null,
  ): Promise<{ me: Me; sessionSecret: string; expiresAt: Date }> {
    const now = this.clock.now();
    const { lockMinutes, maxFailures, perAddressMaxFailures } = this.config.auth.lockout;
    const window = lockMinutes * 60_000;
    const key = address ?? 'unknown';
    const seen = this.addressFailures.get(key);
    if (seen && now.getTime() - seen.since < window && seen.count >= perAddressMaxFailures)
      throw locked(new Date(seen.since + window), now);

    const login = normalizeLogin(loginInput);
    const user = await this.dataSource.getRepository(User).findOneBy({ login });
    const fail = async (reason: string) => {
      const current = this.addressFailures.get(key);
      if (!current || now.getTime() - current.since >= window)
        this.addressFailures.set(key, { count: 1, since: now.getTime() });
      else current.count++;
      // A login nobody has is shown to the installation's own committee (someone is guessing there).
      const committeeId = user?.committeeId ?? (await this.committees.defaultCommittee()).id;
      await this.audit.record({
        action: 'login_failed',
        entity: 'app_user',
        entityId: user?.id ?? null,
        after: { login, reason },
        actor: null,
        committeeId,
        address,
      });
    };
    if (!user || !user.passwordHash || user.disabled) {
      await burnPasswordCheck(password);
      await fail(!user ? 'unknown login' : user.disabled ? 'disabled' : 'no password');
      throw invalid();
    }
    if (isLocked(user.lockedUntil, now)) {
      await fail('locked');
      throw locked(user.lockedUntil!, now);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const next = afterFailedLogin(user.failedLogins, now, { maxFailures, lockMinutes });
      await this.dataSource
        .getRepository(User)
        .update({ id: user.id }, { failedLogins: next.failures, lockedUntil: next.lockedUntil });
      await fail(next.lockedUntil ? 'wrong password; account locked' : 'wrong password');
      if (next.lockedUntil) throw locked(next.lockedUntil, now);
      throw invalid();
    }
    const sessionSecret = newSecret();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionHours * 3_600_000);
    const session = await this.dataSource.transaction(async (em) => {
      await em.update(User, { id: user.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      // Expired sessions of this user are swept on each login.
      await em.delete(UserSession, { userId: user.id, expiresAt: LessThan(now) });
      const row = em.create(UserSession, {
        idHash: hashSecret(sessionSecret),
        userId: user.id,
        csrfToken: newSecret(),
        address,
        createdAt: now,
        expiresAt,
      });
      await em.insert(UserSession, row);
      await this.audit.record(
        {
          action: 'login',
          entity: 'app_user',
          entityId: user.id,
          actor: { userId: user.id, login: user.login, committeeId: user.committeeId },
          address,
        },
        em,
      );
      return row;
    });
    this.addressFailures.delete(key);
    user.lastLoginAt = now;
    return { me: await this.me(user, session), sessionSecret, expiresAt };
  }

  async logout(auth: Authenticated): Promise<void> {
    if (!auth.session) return;
    await this.dataSource.transaction(async (em) => {
      await em.delete(UserSession, { idHash: auth.session!.idHash });
      await this.audit.record({ action: 'logout', entity: 'app_user', entityId: auth.user.id }, em);
    });
  }

  async me(user: User, session: UserSession | null): Promise<Me> {
    const [committee, unit] = await Promise.all([
      this.dataSource.getRepository(Committee).findOneBy({ id: user.committeeId }),
      user.unitId ? this.dataSource.getRepository(Unit).findOneBy({ id: user.unitId }) : null,
    ]);
    return {
      user: { ...toUserView(user), unitName: unit?.name ?? null, committeeName: committee?.name ?? '' },
      csrfToken: session?.csrfToken ?? null,
      today: localDateOf(this.clock.now(), committee?.timeZone ?? this.config.committee.timeZone),
      timeZone: committee?.timeZone ?? this.config.committee.timeZone,
    };
  }

  /** The user behind a session cookie or a bearer token, or null (the guard answers 401). */
  async authenticate(sessionSecret: string | undefined, bearer: string | undefined): Promise<Authenticated | null> {
    const now = this.clock.now();
    if (bearer) {
      if (!bearer.startsWith(API_TOKEN_PREFIX)) return null;
      const token = await this.dataSource
        .getRepository(ApiToken)
        .findOneBy({ tokenHash: hashSecret(bearer), revokedAt: IsNull() });
      if (!token) return null;
      if (token.expiresOn && token.expiresOn < localDateOf(now, this.config.committee.timeZone)) return null;
      const user = await this.activeUser(token.userId);
      if (!user) return null;
      // One write a minute at most per token, not one per request.
      // Bookkeeping: a busy database must not fail the request over it.
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
        await this.dataSource
          .getRepository(ApiToken)
          .update({ id: token.id }, { lastUsedAt: now })
          .catch(() => undefined);
      }
      return { user, actor: await this.actorOf(user), session: null };
    }
    if (!sessionSecret) return null;
    const idHash = hashSecret(sessionSecret);
    // Every request asks this. While nothing was written (dataVersion: SQLite), the last answer
    // for this session stands: a logout, a password change or a disabled user writes.
    const version = dataVersion(this.dataSource);
    const known = version === null ? undefined : this.sessions.get(idHash);
    if (known && known.version === version && known.auth.session!.expiresAt.getTime() > now.getTime()) {
      return { user: { ...known.auth.user }, actor: { ...known.auth.actor }, session: known.auth.session };
    }
    // Otherwise one indexed query (the session by its primary key, and its user), read raw.
    const raw = this.rawSession;
    const qb = this.dataSource
      .createQueryBuilder(UserSession, 's')
      .select([])
      .innerJoin(User, 'u', 'u.id = s.userId')
      .where('s.idHash = :idHash AND s.expiresAt > :now', { idHash, now });
    raw.session.select(qb, 's');
    raw.user.select(qb, 'u');
    const row = await qb.getRawOne<Record<string, unknown>>();
    const session = row && raw.session.read(row);
    const user = row && raw.user.read(row);
    if (!session || !user || user.disabled) return null;
    const auth = { user, actor: await this.actorOf(user), session };
    if (version !== null) {
      if (this.sessions.size >= 1000) this.sessions.clear();
      this.sessions.set(idHash, { version, auth: { user: { ...user }, actor: { ...auth.actor }, session } });
    }
    return auth;
  }

  /** Session secret hash → the last answer and the database version it was read at (SQLite only). */
  private readonly sessions = new Map<string, { version: string; auth: Authenticated }>();

  private rawColumns?: { session: RawColumns<UserSession>; user: RawColumns<User> };

  private get rawSession() {
    return (this.rawColumns ??= {
      session: new RawColumns(this.dataSource, UserSession, 's'),
      user: new RawColumns(this.dataSource, User, 'u'),
    });
  }

  /** The actor of a request; an office user also reads the committees below its own (access/actor.ts). */
  private async actorOf(user: User): Promise<Actor> {
    return actorForUser(user, isOfficeRole(user.role) ? await this.committees.descendantIds(user.committeeId) : []);
  }

  private async activeUser(id: number): Promise<User | null> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    return user && !user.disabled ? user : null;
  }

  async updateMe(user: User, changes: { locale?: string; displayName?: string }): Promise<void> {
    const update: Partial<User> = {};
    if (changes.locale) update.locale = changes.locale;
    if (changes.displayName) update.displayName = changes.displayName.trim();
    if (Object.keys(update).length) await this.dataSource.getRepository(User).save({ ...user, ...update });
  }

  async changePassword(auth: Authenticated, currentPassword: string, newPassword: string): Promise<void> {
    const user = auth.user;
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new BadRequestError('WRONG_PASSWORD', 'the current password is wrong', {
        fields: [{ field: 'currentPassword', problems: ['wrong password'] }],
      });
    }
    if (currentPassword === newPassword)
      throw new BadRequestError('WEAK_PASSWORD', 'the new password must differ from the current one', {
        fields: [{ field: 'newPassword', problems: ['same as the current password'] }],
      });
    this.accounts.assertPassword(newPassword, user.login);
    await this.dataSource.transaction(async (em) => {
      await em.update(
        User,
        { id: user.id },
        { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
      );
      // Other sessions of this user end; this one stays.
      const others = await em.find(UserSession, { where: { userId: user.id } });
      for (const s of others) if (s.idHash !== auth.session?.idHash) await em.delete(UserSession, { idHash: s.idHash });
      await this.audit.record({ action: 'password_changed', entity: 'app_user', entityId: user.id }, em);
    });
  }

  /**
   * Sends a reset link to the user's address (the login when it is one, else the linked liaison's).
   * Answers the same whether or not the login exists, so that logins cannot be probed.
   */
  async requestReset(loginInput: string, address: string | null): Promise<void> {
    const now = this.clock.now();
    const user = await this.dataSource.getRepository(User).findOneBy({ login: normalizeLogin(loginInput) });
    if (!user || user.disabled) return;
    const email = await this.emailOf(user);
    if (!email) return;
    const secret = newSecret();
    const expiresAt = new Date(now.getTime() + this.config.auth.resetLinkMinutes * 60_000);
    const locale = user.locale === 'en' ? 'en' : 'zh-CN';
    const link = `${this.config.server.publicUrl}/reset-password?token=${encodeURIComponent(secret)}`;
    const mail = renderPasswordResetMail({
      locale,
      name: user.displayName,
      login: user.login,
      link,
      minutes: this.config.auth.resetLinkMinutes,
    });
    await this.dataSource.transaction(async (em) => {
      await em.insert(PasswordReset, {
        userId: user.id,
        tokenHash: hashSecret(secret),
        createdAt: now,
        expiresAt,
        usedAt: null,
      });
      await this.outbox.enqueue(
        [
          {
            idempotencyKey: `password-reset:${hashSecret(secret)}`,
            kind: 'password_reset',
            committeeId: user.committeeId,
            to: { email, name: user.displayName, locale },
            ...mail,
          },
        ],
        em,
      );
      await this.audit.record(
        {
          action: 'password_reset_requested',
          entity: 'app_user',
          entityId: user.id,
          actor: null,
          committeeId: user.committeeId,
          address,
        },
        em,
      );
    });
    this.outbox.notifyQueued();
  }

  async confirmReset(secret: string, newPassword: string, address: string | null): Promise<void> {
    const now = this.clock.now();
    const reset = await this.dataSource.getRepository(PasswordReset).findOneBy({ tokenHash: hashSecret(secret) });
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= now.getTime()) {
      throw new BadRequestError(
        'RESET_LINK_INVALID',
        'this password-reset link has expired or was used already; ask for a new one',
      );
    }
    const user = await this.activeUser(reset.userId);
    if (!user)
      throw new BadRequestError(
        'RESET_LINK_INVALID',
        'this password-reset link has expired or was used already; ask for a new one',
      );
    this.accounts.assertPassword(newPassword, user.login);
    await this.dataSource.transaction(async (em) => {
      const used = await em.update(PasswordReset, { id: reset.id, usedAt: IsNull() }, { usedAt: now });
      if (!used.affected)
        throw new BadRequestError(
          'RESET_LINK_INVALID',
          'this password-reset link has expired or was used already; ask for a new one',
        );
      await em.update(
        User,
        { id: user.id },
        {
          passwordHash: await hashPassword(newPassword),
          mustChangePassword: false,
          failedLogins: 0,
          lockedUntil: null,
        },
      );
      await em.delete(UserSession, { userId: user.id });
      await this.audit.record(
        {
          action: 'password_reset',
          entity: 'app_user',
          entityId: user.id,
          actor: { userId: user.id, login: user.login, committeeId: user.committeeId },
          address,
        },
        em,
      );
    });
  }

  private async emailOf(user: User): Promise<string | null> {
    if (user.login.includes('@')) return user.login;
    if (user.liaisonId) {
      const liaison = await this.dataSource.getRepository(Liaison).findOneBy({ id: user.liaisonId });
      return liaison?.email ?? null;
    }
    return null;
  }
}
