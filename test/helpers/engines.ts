import { describe } from '@jest/globals';

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
