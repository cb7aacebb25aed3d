#!/usr/bin/env node
// Plan import speed: parsing the Weining notice (target < 10 ms per 100 KB) and a full import,
// parse + writes, on SQLite and MariaDB (target < 1 s). Uses the built service (dist/).
import 'reflect-metadata';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

const { parsePlanText } = await import('../dist/plans/import/plan-text.parser.js');
const { loadConfig } = await import('../dist/config/app-config.js');
const { createCliContext } = await import('../dist/bootstrap.js');
const { PlanImportService } = await import('../dist/plans/import/plan-import.service.js');

const bytes = readFileSync(new URL('../test/fixtures/weining-notice-and-women-plan-2021-2025.txt', import.meta.url));
const text = bytes.toString('utf8');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (let i = 0; i < 20; i++) parsePlanText(text); // warm-up
const parses = [];
for (let i = 0; i < 200; i++) {
  const t0 = process.hrtime.bigint();
  parsePlanText(text);
  parses.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const kb = bytes.length / 1024;
const perParse = median(parses);
console.log(`parse: Weining fixture ${kb.toFixed(1)} KB, median ${perParse.toFixed(2)} ms per parse over 200 runs = ${(perParse * 100 / kb).toFixed(2)} ms per 100 KB (target < 10 ms)`);

async function fullImport(database) {
  const config = loadConfig({ overrides: { 'demo.loadOnEmptyDatabase': false, 'database.url': database.url, 'database.sqlitePath': database.sqlitePath } });
  const app = await createCliContext(config, false);
  try {
    const t0 = process.hrtime.bigint();
    await app.get(PlanImportService).run({ bytes, fileName: 'weining.txt', acceptNewUnits: true, dryRun: false });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    await app.close();
  }
}

const runs = Number(process.env.BENCH_RUNS ?? 5);
const sqliteTimes = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  sqliteTimes.push(await fullImport({ url: '', sqlitePath: join(dir, 'bench.sqlite') }));
  rmSync(dir, { recursive: true, force: true });
}
console.log(`full import (parse + ${79} goals, ${95} measures, 278 assignments, 35 new units) on SQLite: median ${median(sqliteTimes).toFixed(0)} ms over ${runs} fresh databases (target < 1000 ms)`);

const mysqlUrl = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/luoshi_bench';
try {
  const url = new URL(mysqlUrl);
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  const name = `${url.pathname.slice(1) || 'luoshi_bench'}_import`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    url.pathname = `/${name}`;
    times.push(await fullImport({ url: url.toString(), sqlitePath: 'unused.sqlite' }));
  }
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
  console.log(`full import on MariaDB/MySQL: median ${median(times).toFixed(0)} ms over ${runs} fresh databases (target < 1000 ms)`);
} catch (error) {
  console.log(`full import on MariaDB/MySQL: skipped (${error.message}); set BENCH_MYSQL_URL`);
}
