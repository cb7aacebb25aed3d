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
import { dropDatabase, freshDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Test configuration: the shipped defaults, an empty database, no demo data and no timers (scheduler) unless asked. */
export function testConfig(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({ env: {}, configDir: fileURLToPath(new URL('../../config', import.meta.url)), overrides: { 'demo.loadOnEmptyDatabase': false, 'scheduler.enabled': false, ...overrides } });
}

export interface TestAppOptions {
  /** Replaces the injected CLOCK everywhere (e.g. a FixedClock the test moves). */
  clock?: Clock;
  /**
   * Runs on this database instead of a fresh one, and close() leaves it in place: several app
   * instances on one database (the test creates and drops it).
   */
  database?: DatabaseSettings;
  /** Providers to replace (token → value), e.g. a module's data source in a test of its consumer. */
  replace?: Array<{ token: unknown; value: unknown }>;
}

/** The real HTTP app (same modules, pipes and filters as production) on a fresh database. */
export async function createTestApp(engine: Engine, overrides: Record<string, unknown> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(engine));
  const config = testConfig({ 'database.url': database.url, 'database.sqlitePath': database.sqlitePath, ...overrides });
  const app = options.clock || options.replace?.length ? await createHttpAppWithClock(config, options.clock, options.replace) : await createHttpApp(config, false);
  await app.init();
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (!options.database) await dropDatabase(database);
    },
  };
}

const silent = { log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} };

/** createHttpApp with the CLOCK provider (and any others asked for) overridden, Nest-testing style. */
async function createHttpAppWithClock(config: AppConfig, clock: Clock | undefined, replace: TestAppOptions['replace'] = []): Promise<NestExpressApplication> {
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
