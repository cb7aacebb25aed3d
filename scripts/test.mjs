#!/usr/bin/env node
// `npm test`: builds the service (the start-up tests run the built entry points), decides whether
// the MySQL/MariaDB suite can run, runs every Jest suite and the web app's Vitest suite, and ends with one line
// "N passed, N failed" summed over all of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const mysqlUrl = process.env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306/luoshi_test';

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

if (run(process.execPath, ['scripts/build.mjs']) !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function mysqlAnswers() {
  const url = new URL(mysqlUrl);
  try {
    const conn = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      connectTimeout: 3000,
    });
    const [rows] = await conn.query('SELECT VERSION() AS v');
    // Databases left behind by an interrupted run (each test suite makes its own).
    const base = decodeURIComponent(url.pathname.slice(1)) || 'luoshi_test';
    // Names carry the pid of their run, so a run never drops those of another one still going.
    const [stale] = await conn.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [`${base}\\_r%`],
    );
    for (const { name } of stale) {
      const pid = Number(/_r(\d+)_/.exec(name)?.[1]);
      if (pid && isAlive(pid)) continue;
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    }
    await conn.end();
    return { ok: true, version: rows[0].v };
  } catch (error) {
    return { ok: false, reason: error.message };
  }
}

const env = { ...process.env };
const probe = await mysqlAnswers();
const shownUrl = mysqlUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
if (probe.ok) {
  env.LUOSHI_TEST_MYSQL_URL = mysqlUrl;
  env.LUOSHI_TEST_RUN_ID = String(process.pid);
  console.log(`MySQL suite: running against ${shownUrl} (${probe.version})`);
} else if (ci) {
  console.log(`MySQL suite is mandatory in CI but ${shownUrl} does not answer: ${probe.reason}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
} else {
  console.log(`MySQL suite SKIPPED: ${shownUrl} does not answer (${probe.reason}). Set TEST_MYSQL_URL to run it.`);
}

const dir = mkdtempSync(join(tmpdir(), 'luoshi-jest-'));
const report = join(dir, 'report.json');
const status = run(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--maxWorkers=2',
    '--json',
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  env,
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  skipped = r.numPendingTests + r.numTodoTests;
} catch {
  failed = Math.max(failed, 1);
}
// The web app's component tests (Vitest, web/src/**/__tests__/*.test.ts).
const webReport = join(dir, 'web-report.json');
const webStatus = run(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    'web/vite.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${webReport}`,
  ],
  env,
);
try {
  const r = JSON.parse(readFileSync(webReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (webStatus !== 0 && r.numFailedTests === 0) failed += 1;
} catch {
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
if (!probe.ok) console.log('(MySQL suite skipped: only SQLite was tested)');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || webStatus !== 0 || failed > 0 ? 1 : 0);
