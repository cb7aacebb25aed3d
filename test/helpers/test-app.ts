import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createHttpApp } from '../../src/bootstrap.js';
import type { Engine } from './engines.js';
import { dropDatabase, freshDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Test configuration: the shipped defaults, an empty database, no demo data unless asked. */
export function testConfig(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({ env: {}, configDir: fileURLToPath(new URL('../../config', import.meta.url)), overrides: { 'demo.loadOnEmptyDatabase': false, ...overrides } });
}

/** The real HTTP app (same modules, pipes and filters as production) on a fresh database. */
export async function createTestApp(engine: Engine, overrides: Record<string, unknown> = {}): Promise<TestApp> {
  const database = await freshDatabase(engine);
  const config = testConfig({ 'database.url': database.url, 'database.sqlitePath': database.sqlitePath, ...overrides });
  const app = await createHttpApp(config, false);
  await app.init();
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await dropDatabase(database);
    },
  };
}
