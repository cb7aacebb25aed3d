import { describe, it } from '@jest/globals';

export type Engine = 'sqlite' | 'mysql';

/**
 * The MySQL/MariaDB URL for tests, set by scripts/test.mjs after it checked the server answers
 * (TEST_MYSQL_URL, or the local default). Empty: the MySQL suite is skipped (never in CI).
 */
export const mysqlTestUrl = process.env.LUOSHI_TEST_MYSQL_URL ?? '';

export const ENGINES: Engine[] = mysqlTestUrl ? ['sqlite', 'mysql'] : ['sqlite'];

/** Runs the same integration tests on every engine available (both in CI). */
export function describeEachEngine(title: string, fn: (engine: Engine) => void): void {
  for (const engine of ENGINES) describe(`${title} [${engine}]`, () => fn(engine));
}

/**
 * Tests that need a server database (several instances on one database): run on MySQL/MariaDB
 * only. Without a server the suite reports one skipped test instead of none, which Jest would
 * count as a failed suite ("Your test suite must contain at least one test").
 */
export function describeOnMysql(title: string, fn: (engine: Engine) => void): void {
  if (ENGINES.includes('mysql')) describe(`${title} [mysql]`, () => fn('mysql'));
  else
    describe(`${title} [mysql]`, () =>
      it.skip('needs MySQL/MariaDB (TEST_MYSQL_URL); skipped without a server', () => undefined));
}
