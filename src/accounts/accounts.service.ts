import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { localDateOf } from '../common/time/calendar-date.util.js';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../common/errors/app-error.js';
import { LIKE_ESCAPE, likePattern, paginate } from '../common/pagination/paginate.util.js';
import type { Page } from '../common/pagination/list-query.dto.js';
import { updateWithVersion } from '../common/persistence/optimistic-update.util.js';
import { CommitteesService } from '../committees/committees.service.js';
import { UnitsService } from '../units/units.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../access/actor.js';
import type { Role } from '../access/permissions.js';
import { User } from './entities/user.entity.js';
import { UserSession } from './entities/user-session.entity.js';
import { ApiToken } from './entities/api-token.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { loginProblem, normalizeLogin, passwordProblem, unitProblem } from './domain/account-rules.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret, randomPassword } from './domain/secrets.js';
import { hashPassword } from './passwords.js';
import type { CreateTokenDto, CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './accounts.dto.js';

const SORTABLE = {
  id: 'user.id',
  login: 'user.login',
  displayName: 'user.displayName',
  role: 'user.role',
  createdAt: 'user.createdAt',
};

/** What the API shows of a user (never the password hash or lockout counters). */
export interface UserView {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  committeeId: number;
  unitId: number | null;
  liaisonId: number | null;
  disabled: boolean;
  mustChangePassword: boolean;
  locale: string;
  lastLoginAt: Date | null;
  version: number;
}

export function toUserView(user: User): UserView {
  const {
    id,
    login,
    displayName,
    role,
    committeeId,
    unitId,
    liaisonId,
    disabled,
    mustChangePassword,
    locale,
    lastLoginAt,
    version,
  } = user;
  return {
    id,
    login,
    displayName,
    role,
    committeeId,
    unitId,
    liaisonId,
    disabled,
    mustChangePassword,
    locale,
    lastLoginAt,
    version,
  };
}

export interface TokenView {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  expiresOn: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const toTokenView = ({
  id,
  userId,
  name,
  prefix,
  expiresOn,
  createdAt,
  lastUsedAt,
  revokedAt,
}: ApiToken): TokenView => ({ id, userId, name, prefix, expiresOn, createdAt, lastUsedAt, revokedAt });

/** POST /api/tokens: the only answer that carries the token itself. */
export type CreatedToken = TokenView & { token: string };

/** Users, their roles and API tokens; the first administrator and the demo accounts. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  async list(committeeId: number, query: ListUsersQueryDto): Promise<Page<UserView>> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .where('user.committeeId = :committeeId', { committeeId });
    if (query.role) qb.andWhere('user.role = :role', { role: query.role });
    if (query.unitId) qb.andWhere('user.unitId = :unitId', { unitId: query.unitId });
    if (query.q) {
      const pattern = likePattern(query.q.toLowerCase());
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`user.login LIKE :pattern ${LIKE_ESCAPE}`, { pattern })
            .orWhere(`user.displayName LIKE :pattern ${LIKE_ESCAPE}`, { pattern: likePattern(query.q!) }),
        ),
      );
    }
    const page = await paginate(qb, query, SORTABLE, 'login');
    return { ...page, items: page.items.map(toUserView) };
  }

  async get(committeeId: number | null, id: number, manager: EntityManager = this.dataSource.manager): Promise<User> {
    const user = await manager.findOneBy(User, { id });
    if (!user || (committeeId !== null && user.committeeId !== committeeId)) throw new NotFoundError('User', id);
    return user;
  }

  findByLogin(login: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ login: normalizeLogin(login) });
  }

  async create(committeeId: number, dto: CreateUserDto): Promise<UserView> {
    const login = normalizeLogin(dto.login);
    const problem = loginProblem(login) ?? unitProblem(dto.role, dto.unitId);
    if (problem) throw new BadRequestError('INVALID_USER', problem);
    if (dto.password !== undefined) this.assertPassword(dto.password, login);
    await this.assertUnit(committeeId, dto.unitId ?? null, dto.liaisonId ?? null);
    return this.dataSource.transaction(async (em) => {
      if (await em.existsBy(User, { login }))
        throw new ConflictError('DUPLICATE_LOGIN', `the login ${login} is taken`, { login });
      const user = await em.save(
        em.create(User, {
          committeeId,
          login,
          displayName: dto.displayName.trim(),
          role: dto.role,
          unitId: dto.unitId ?? null,
          liaisonId: dto.liaisonId ?? null,
          passwordHash: dto.password === undefined ? null : await hashPassword(dto.password),
          mustChangePassword: dto.password !== undefined,
          disabled: false,
          locale: dto.locale ?? 'zh-CN',
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: null,
        }),
      );
      return toUserView(user);
    });
  }

  async update(committeeId: number, id: number, dto: UpdateUserDto, actor: Actor): Promise<UserView> {
    return this.dataSource.transaction(async (em) => {
      const user = await this.get(committeeId, id, em);
      const role = dto.role ?? user.role;
      const unitId =
        dto.unitId === undefined ? (dto.role && dto.role !== 'unit_liaison' ? null : user.unitId) : dto.unitId;
      const problem = unitProblem(role, unitId);
      if (problem) throw new BadRequestError('INVALID_USER', problem);
      if (user.id === actor.userId && (dto.disabled || (dto.role && dto.role !== 'office_admin'))) {
        throw new AppError(
          409,
          'CANNOT_DEMOTE_SELF',
          'you cannot disable yourself or give up your own administrator role',
        );
      }
      await this.assertUnit(
        committeeId,
        unitId,
        dto.liaisonId === undefined ? (unitId === user.unitId ? user.liaisonId : null) : dto.liaisonId,
      );
      const changes: Partial<User> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName.trim();
      if (dto.role !== undefined) changes.role = dto.role;
      if (unitId !== user.unitId) changes.unitId = unitId;
      if (dto.liaisonId !== undefined) changes.liaisonId = dto.liaisonId;
      if (dto.disabled !== undefined) changes.disabled = dto.disabled;
      if (dto.temporaryPassword !== undefined) {
        this.assertPassword(dto.temporaryPassword, user.login);
        changes.passwordHash = await hashPassword(dto.temporaryPassword);
        changes.mustChangePassword = true;
        changes.failedLogins = 0;
        changes.lockedUntil = null;
      }
      await updateWithVersion(em, User, 'User', id, dto.version, changes);
      // A disabled user, a new role or a password set by the office: existing sessions end.
      if (changes.disabled || changes.role || changes.unitId !== undefined || changes.passwordHash)
        await em.delete(UserSession, { userId: id });
      const updated = await this.get(committeeId, id, em);
      const { passwordHash: _hash, ...shown } = changes;
      await this.audit.record(
        {
          action: dto.temporaryPassword !== undefined ? 'password_set_by_office' : 'update',
          entity: 'app_user',
          entityId: id,
          before: pick(user, Object.keys(shown)),
          after: { ...shown },
        },
        em,
      );
      return toUserView(updated);
    });
  }

  async setPassword(
    userId: number,
    password: string,
    mustChange: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const user = await this.get(null, userId, manager);
    this.assertPassword(password, user.login);
    await manager.update(
      User,
      { id: userId },
      {
        passwordHash: await hashPassword(password),
        mustChangePassword: mustChange,
        failedLogins: 0,
        lockedUntil: null,
      },
    );
  }

  assertPassword(password: string, login: string): void {
    const problem = passwordProblem(password, login);
    if (problem)
      throw new BadRequestError('WEAK_PASSWORD', problem, { fields: [{ field: 'password', problems: [problem] }] });
  }

  // --- API tokens -------------------------------------------------------------------------

  async listTokens(userId: number): Promise<TokenView[]> {
    const tokens = await this.dataSource.getRepository(ApiToken).find({ where: { userId }, order: { id: 'ASC' } });
    return tokens.map(toTokenView);
  }

  /** The token itself is returned only here, once. */
  async createToken(userId: number, dto: CreateTokenDto): Promise<CreatedToken> {
    const user = await this.get(null, userId);
    if (dto.expiresOn) {
      const today = localDateOf(this.clock.now(), this.config.committee.timeZone);
      if (Number.isNaN(Date.parse(dto.expiresOn)) || dto.expiresOn < today)
        throw new BadRequestError(
          'INVALID_EXPIRY',
          `expiresOn ${dto.expiresOn} is not a date from today (${today}) on`,
        );
    }
    const token = newSecret(API_TOKEN_PREFIX);
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.save(
        em.create(ApiToken, {
          userId: user.id,
          name: dto.name.trim(),
          tokenHash: hashSecret(token),
          prefix: token.slice(0, 10),
          expiresOn: dto.expiresOn ?? null,
          createdAt: this.clock.now(),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(
        {
          action: 'token_created',
          entity: 'api_token',
          entityId: row.id,
          after: { userId: user.id, name: row.name, expiresOn: row.expiresOn },
          committeeId: user.committeeId,
        },
        em,
      );
      return row;
    });
    return { ...toTokenView(saved), token };
  }

  async revokeToken(tokenId: number, ownerId: number | null, committeeId: number | null): Promise<TokenView> {
    return this.dataSource.transaction(async (em) => {
      const token = await em.findOneBy(ApiToken, { id: tokenId });
      const owner = token ? await em.findOneBy(User, { id: token.userId }) : null;
      if (
        !token ||
        !owner ||
        (ownerId !== null && token.userId !== ownerId) ||
        (committeeId !== null && owner.committeeId !== committeeId)
      )
        throw new NotFoundError('Token', tokenId);
      if (!token.revokedAt) {
        token.revokedAt = this.clock.now();
        await em.update(ApiToken, { id: tokenId, revokedAt: IsNull() }, { revokedAt: token.revokedAt });
        await this.audit.record(
          {
            action: 'token_revoked',
            entity: 'api_token',
            entityId: tokenId,
            after: { userId: token.userId, name: token.name },
            committeeId: owner.committeeId,
          },
          em,
        );
      }
      return toTokenView(token);
    });
  }

  // --- first start --------------------------------------------------------------------------

  /**
   * The first administrator: LUOSHI_ADMIN_LOGIN / LUOSHI_ADMIN_PASSWORD when set (created once,
   * never overwritten), else — when nobody can administer yet — `admin` with a random password
   * printed once in the log.
   */
  async ensureFirstAdmin(): Promise<void> {
    const { adminLogin, adminPassword } = this.config.auth;
    const repo = this.dataSource.getRepository(User);
    // The installation's own committee, never the demo's (`demo remove` takes the demo's users with it).
    const committee = await this.committees.workCommittee();
    if (adminLogin) {
      if (await repo.existsBy({ login: normalizeLogin(adminLogin) })) return;
      const password = adminPassword || randomPassword();
      await this.insertAdmin(committee.id, adminLogin, password, !adminPassword);
      return;
    }
    if (await repo.existsBy({ role: 'office_admin', committeeId: committee.id })) return;
    if (await repo.existsBy({ login: 'admin' })) return;
    await this.insertAdmin(committee.id, 'admin', adminPassword || randomPassword(), !adminPassword);
  }

  private async insertAdmin(committeeId: number, login: string, password: string, print: boolean): Promise<void> {
    this.assertPassword(password, login);
    try {
      await this.dataSource.getRepository(User).insert({
        committeeId,
        login: normalizeLogin(login),
        displayName: '系统管理员',
        role: 'office_admin',
        unitId: null,
        liaisonId: null,
        passwordHash: await hashPassword(password),
        mustChangePassword: print,
        disabled: false,
        locale: 'zh-CN',
        failedLogins: 0,
      });
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (await this.dataSource.getRepository(User).existsBy({ login: normalizeLogin(login) })) return;
      throw error;
    }
    if (print)
      this.logger.warn(
        `First administrator created: login "${normalizeLogin(login)}", password "${password}" (shown once; change it at first login)`,
      );
    else this.logger.log(`First administrator created: login "${normalizeLogin(login)}"`);
  }

  /**
   * Demo accounts: `office` (office_admin) and one unit_liaison per unit whose login is that
   * unit's first liaison e-mail, all with LUOSHI_DEMO_PASSWORD or one random password printed once.
   */
  async createDemoAccounts(committeeId: number): Promise<{ password: string; logins: string[] }> {
    const password = this.config.auth.demoPassword || randomPassword();
    const hash = await hashPassword(password);
    const members = await this.units.members(committeeId);
    const logins: string[] = [];
    await this.dataSource.transaction(async (em) => {
      const add = async (
        login: string,
        displayName: string,
        role: Role,
        unitId: number | null,
        liaisonId: number | null,
      ) => {
        const normalized = normalizeLogin(login);
        if (await em.existsBy(User, { login: normalized })) return;
        await em.insert(User, {
          committeeId,
          login: normalized,
          displayName,
          role,
          unitId,
          liaisonId,
          passwordHash: hash,
          mustChangePassword: false,
          disabled: false,
          locale: 'zh-CN',
          failedLogins: 0,
        });
        logins.push(normalized);
      };
      await add('office', '示例办公室', 'office_admin', null, null);
      for (const unit of members) {
        const liaison = unit.liaisons?.find((l) => l.email);
        if (liaison)
          await add(
            liaison.email,
            `${liaison.name}（${unit.name}）`.slice(0, 100),
            'unit_liaison',
            unit.id,
            liaison.id,
          );
      }
    });
    const shown = this.config.auth.demoPassword
      ? 'the password in LUOSHI_DEMO_PASSWORD'
      : `password "${password}" (shown once)`;
    this.logger.warn(
      `Demo accounts: "office" (office administrator) and ${logins.length - (logins.includes('office') ? 1 : 0)} unit liaisons (login = the liaison's e-mail), ${shown}`,
    );
    return { password, logins };
  }

  /** Every user of a committee with their sessions, tokens and reset links (removing the demo). */
  async removeCommitteeUsers(committeeId: number, em: EntityManager): Promise<void> {
    const ids = (await em.find(User, { where: { committeeId }, select: { id: true } })).map((u) => u.id);
    if (ids.length === 0) return;
    await em.delete(UserSession, { userId: In(ids) });
    await em.delete(ApiToken, { userId: In(ids) });
    await em.delete(PasswordReset, { userId: In(ids) });
    await em.delete(User, { id: In(ids) });
  }

  private async assertUnit(committeeId: number, unitId: number | null, liaisonId: number | null): Promise<void> {
    if (unitId === null) {
      if (liaisonId !== null) throw new BadRequestError('INVALID_USER', 'a liaison link needs the unit (unitId)');
      return;
    }
    const unit = await this.units.get(unitId).catch(() => null);
    if (!unit || unit.committeeId !== committeeId)
      throw new BadRequestError('INVALID_USER', `unit ${unitId} does not exist in this committee`, { unitId });
    if (liaisonId !== null && !unit.liaisons?.some((l) => l.id === liaisonId))
      throw new BadRequestError('INVALID_USER', `liaison ${liaisonId} is not a liaison of unit ${unitId}`, {
        liaisonId,
      });
  }
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = (source as Record<string, unknown>)[key];
  return out;
}
