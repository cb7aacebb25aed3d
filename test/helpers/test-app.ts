import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { Test } from '@nestjs/testing';
import { configureHttpApp, createHttpApp } from '../../src/bootstrap.js';
import { AppModule } from '../../src/app.module.js';
import { CLOCK, type Clock } from '../../src/common/time/clock.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';
import type { Engine } from './engines.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { CommitteesService } from '../../src/committees/committees.service.js';
import type { Role } from '../../src/access/permissions.js';
import { dropDatabase, freshDatabase } from './test-database.js';

/** A supertest client whose every request carries one user's API token (or none). */
export type HttpClient = Pick<
  ReturnType<typeof request>,
  'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options'
>;

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** The installation's own committee: the one the test users work in. */
  committeeId: number;
  /** As the committee's office administrator (created with the app). */
  http: () => HttpClient;
  /** As a unit liaison of this unit, optionally with this display name (one user each, made on first use). */
  asUnit: (unitId: number, displayName?: string) => HttpClient;
  /** As a user of this office role (one per role and name, made on first use). */
  asRole: (role: Exclude<Role, 'unit_liaison'>, displayName?: string) => HttpClient;
  /** Without credentials. */
  anonymous: () => HttpClient;
  /** As an existing user (e.g. the demo's `office`), with a token made for them. */
  asLogin: (login: string) => HttpClient;
  close: () => Promise<void>;
}

/** The password of every user the test helpers make. */
export const TEST_PASSWORD = 'test-password-123';

type PendingTest = ReturnType<HttpClient['get']>;

/**
 * A client whose token is made on first use: the request waits for it before it is sent (a
 * supertest request goes out when awaited), so tests can write `t.asUnit(3).get(url)`.
 */
function client(
  server: Parameters<typeof request>[0],
  token: () => Promise<string> | null,
  language?: string,
): HttpClient {
  const agent = request(server);
  const wrap = <M extends keyof HttpClient>(method: M) =>
    ((url: string) => {
      const test = (agent[method] as (u: string) => PendingTest)(url);
      if (language) test.set('Accept-Language', language);
      const pending = token();
      if (!pending) return test;
      const send = test.then.bind(test);
      test.then = ((resolve, reject) =>
        pending.then(
          (tok) => send.call(test.set('Authorization', `Bearer ${tok}`), resolve, reject),
          reject,
        )) as PendingTest['then'];
      return test;
    }) as HttpClient[M];
  return {
    get: wrap('get'),
    post: wrap('post'),
    put: wrap('put'),
    patch: wrap('patch'),
    delete: wrap('delete'),
    head: wrap('head'),
    options: wrap('options'),
  };
}

/** A bearer token of an office administrator of an app built without createTestApp (made on first call). */
export async function officeToken(app: NestExpressApplication): Promise<string> {
  const accounts = app.get(AccountsService);
  const committee = await app.get(CommitteesService).workCommittee();
  const user =
    (await accounts.findByLogin('test-office-admin')) ??
    (await accounts.create(committee.id, { login: 'test-office-admin', displayName: '办公室', role: 'office_admin' }));
  return (await accounts.createToken(user.id, { name: 'test' })).token;
}

/** Users and tokens for the test clients, made through the accounts service (as the CLI does). */
async function testUsers(app: NestExpressApplication, language?: string) {
  const accounts = app.get(AccountsService);
  // The installation's own committee, never the demo's (as the first administrator's).
  const committee = await app.get(CommitteesService).workCommittee();
  const tokens = new Map<string, Promise<string>>();
  const make = (login: string, displayName: string, role: Role, unitId?: number) => {
    let token = tokens.get(login);
    if (!token) {
      token = (async () => {
        // Several app instances on one database share their users.
        const user =
          (await accounts.findByLogin(login)) ??
          (await accounts.create(committee.id, { login, displayName, role, unitId }));
        await accounts.setPassword(user.id, TEST_PASSWORD, false);
        return (await accounts.createToken(user.id, { name: 'test' })).token;
      })();
      tokens.set(login, token);
    }
    return token;
  };
  const names = new Map<string, number>();
  const loginFor = (base: string, displayName?: string) => {
    if (!displayName) return base;
    const key = `${base}:${displayName}`;
    if (!names.has(key)) names.set(key, names.size + 1);
    return `${base}-${names.get(key)}`;
  };
  const server = app.getHttpServer();
  const officeToken = make('test-office-admin', '办公室', 'office_admin');
  await officeToken;
  return {
    committeeId: committee.id,
    http: () => client(server, () => officeToken, language),
    asUnit: (unitId: number, displayName?: string) =>
      client(
        server,
        () =>
          make(loginFor(`liaison-${unitId}`, displayName), displayName ?? `liaison-${unitId}`, 'unit_liaison', unitId),
        language,
      ),
    asRole: (role: Exclude<Role, 'unit_liaison'>, displayName?: string) =>
      client(
        server,
        () => make(loginFor(`test-${role.replace('_', '-')}`, displayName), displayName ?? role, role),
        language,
      ),
    anonymous: () => client(server, () => null, language),
    asLogin: (login: string) =>
      client(
        server,
        () => {
          let token = tokens.get(login);
          if (!token) {
            token = accounts
              .findByLogin(login)
              .then(async (user) => (await accounts.createToken(user!.id, { name: 'test' })).token);
            tokens.set(login, token);
          }
          return token;
        },
        language,
      ),
  };
}

/** Test configuration: the shipped defaults, an empty database, no demo data and no timers (scheduler) unless asked. */
export function testConfig(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({
    env: {},
    configDir: fileURLToPath(new URL('../../config', import.meta.url)),
    overrides: { 'demo.loadOnEmptyDatabase': false, 'scheduler.enabled': false, ...overrides },
  });
}

export interface TestAppOptions {
  /** Replaces the injected CLOCK everywhere (e.g. a FixedClock the test moves). */
  clock?: Clock;
  /**
   * Runs on this database instead of a fresh one, and close() leaves it in place: several app
   * instances on one database (the test creates and drops it).
   */
  database?: DatabaseSettings;
  /** Accept-Language every client of the app sends (default: none, so answers are in Chinese). */
  language?: 'en' | 'zh-CN';
  /** Providers to replace (token → value), e.g. a module's data source in a test of its consumer. */
  replace?: Array<{ token: unknown; value: unknown }>;
}

/** The real HTTP app (same modules, pipes and filters as production) on a fresh database. */
export async function createTestApp(
  engine: Engine,
  overrides: Record<string, unknown> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(engine));
  const config = testConfig({ 'database.url': database.url, 'database.sqlitePath': database.sqlitePath, ...overrides });
  const app =
    options.clock || options.replace?.length
      ? await createHttpAppWithClock(config, options.clock, options.replace)
      : await createHttpApp(config, false);
  await app.init();
  return {
    app,
    config,
    ...(await testUsers(app, options.language)),
    close: async () => {
      await app.close();
      if (!options.database) await dropDatabase(database);
    },
  };
}

const silent = { log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} };

/** createHttpApp with the CLOCK provider (and any others asked for) overridden, Nest-testing style. */
async function createHttpAppWithClock(
  config: AppConfig,
  clock: Clock | undefined,
  replace: TestAppOptions['replace'] = [],
): Promise<NestExpressApplication> {
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).setLogger(silent);
  if (clock) builder = builder.overrideProvider(CLOCK).useValue(clock);
  for (const { token, value } of replace) builder = builder.overrideProvider(token).useValue(value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
  // As createHttpApp does.
  app.useBodyParser('json', { limit: '5mb' });
  configureHttpApp(app);
  return app;
}
