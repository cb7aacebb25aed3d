#!/usr/bin/env node
// Plan import speed: parsing the Weining notice (target < 10 ms per 100 KB) and a full import,
// parse + writes, on SQLite and MariaDB (target < 1 s). Uses the built service (dist/).
import 'reflect-metadata';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectOrNull } from './lib/mariadb.mjs';

const { parsePlanText } = await import('../dist/plans/import/plan-text.parser.js');
const { loadConfig } = await import('../dist/config/app-config.js');
const { createCliContext } = await import('../dist/bootstrap.js');
const { PlanImportService } = await import('../dist/plans/import/plan-import.service.js');

const bytes = readFileSync(new URL('../test/fixtures/weining-notice-and-women-plan-2021-2025.txt', import.meta.url));
const text = bytes.toString('utf8');
const SMOKE = process.env.BENCH_SMOKE === '1'; // small sizes: does it still run?
const PARSES = SMOKE ? 10 : 200;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (let i = 0; i < 20; i++) parsePlanText(text); // warm-up
const parses = [];
for (let i = 0; i < PARSES; i++) {
  const t0 = process.hrtime.bigint();
  parsePlanText(text);
  parses.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const kb = bytes.length / 1024;
const perParse = median(parses);
console.log(
  `parse: Weining fixture ${kb.toFixed(1)} KB, median ${perParse.toFixed(2)} ms per parse over ${PARSES} runs = ${((perParse * 100) / kb).toFixed(2)} ms per 100 KB (target < 10 ms)`,
);

async function fullImport(database) {
  const config = loadConfig({
    overrides: {
      'demo.loadOnEmptyDatabase': false,
      'database.url': database.url,
      'database.sqlitePath': database.sqlitePath,
    },
  });
  const app = await createCliContext(config, false);
  try {
    const t0 = process.hrtime.bigint();
    await app.get(PlanImportService).run({ bytes, fileName: 'weining.txt', acceptNewUnits: true, dryRun: false });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  } finally {
    await app.close();
  }
}

const runs = Number(process.env.BENCH_RUNS ?? (SMOKE ? 1 : 5));
const sqliteTimes = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  sqliteTimes.push(await fullImport({ url: '', sqlitePath: join(dir, 'bench.sqlite') }));
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `full import (parse + ${79} goals, ${95} measures, 278 assignments, 35 new units) on SQLite: median ${median(sqliteTimes).toFixed(0)} ms over ${runs} fresh databases (target < 1000 ms)`,
);

const mysqlUrl =
  process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/luoshi_bench';
{
  const url = new URL(mysqlUrl);
  const admin = await connectOrNull(url, 'full import on MariaDB/MySQL');
  if (admin) {
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
    console.log(
      `full import on MariaDB/MySQL: median ${median(times).toFixed(0)} ms over ${runs} fresh databases (target < 1000 ms)`,
    );
  }
}

// ---- Issue 11: the English translation and a Word task-division table.
const english = readFileSync(new URL('../test/fixtures/huozhou-women-children-plans-14th-fyp-en.txt', import.meta.url));
const englishText = english.toString('utf8');
for (let i = 0; i < 20; i++) parsePlanText(englishText);
const enParses = [];
for (let i = 0; i < PARSES / 2; i++) {
  const t0 = process.hrtime.bigint();
  parsePlanText(englishText);
  enParses.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const enKb = english.length / 1024;
console.log(
  `parse: Huozhou English fixture ${enKb.toFixed(1)} KB (2 plans, 144 goals, 183 measures), median ${median(enParses).toFixed(2)} ms = ${((median(enParses) * 100) / enKb).toFixed(2)} ms per 100 KB`,
);

const { default: JSZip } = await import('jszip');
const { readDocxTables } = await import('../dist/plans/task-division/docx-tables.reader.js');
const { rowsFromWordTables } = await import('../dist/plans/task-division/word-table.js');
const { TaskDivisionService } = await import('../dist/plans/task-division/task-division.service.js');

/** A Word 任务分工方案 for the women plan: area rows spanning the table, two-paragraph goal cells. */
async function womenDocx(areas) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const p = (s) => `<w:p><w:r><w:t xml:space="preserve">${esc(s)}</w:t></w:r></w:p>`;
  const tc = (paras, span) =>
    `<w:tc><w:tcPr>${span ? `<w:gridSpan w:val="${span}"/>` : ''}</w:tcPr>${paras.map(p).join('')}</w:tc>`;
  const rows = [['序号', '主要目标', '牵头单位', '责任单位'].map((h) => tc([h])).join('')];
  areas.forEach((a, i) => {
    rows.push(tc([`（${'一二三四五六七八九'[i]}）${a.name}`], 4));
    for (const g of a.goals) {
      const cut = g.text.indexOf(',') > 0 ? g.text.indexOf(',') + 1 : g.text.length;
      rows.push(
        [
          tc([String(g.number)]),
          tc([g.text.slice(0, cut), g.text.slice(cut)].filter(Boolean)),
          tc(['Health Bureau']),
          tc(["Women's Federation", 'Statistics Bureau']),
        ].join(''),
      );
    }
  });
  const xml = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p('Task division')}<w:tbl>${rows.map((r) => `<w:tr>${r}</w:tr>`).join('')}</w:tbl></w:body></w:document>`;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const enDoc = parsePlanText(englishText);
const womenPlan = enDoc.plans[0];
const docx = await womenDocx(womenPlan.areas);
const goalRefs = womenPlan.areas.flatMap((a) =>
  a.goals.map((g) => ({ areaNumber: a.number, areaName: a.name, goalNumber: g.number, text: g.text })),
);
const wordTimes = [];
for (let i = 0; i < 30; i++) {
  const t0 = process.hrtime.bigint();
  const read = rowsFromWordTables(await readDocxTables(docx), goalRefs);
  wordTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (read.rows.length !== goalRefs.length)
    throw new Error(`Word table: ${read.rows.length} of ${goalRefs.length} rows matched`);
}
console.log(
  `Word table (.docx ${(docx.length / 1024).toFixed(1)} KB, ${goalRefs.length} rows): read + match median ${median(wordTimes).toFixed(1)} ms over 30 runs`,
);

async function englishAndWord(database) {
  const config = loadConfig({
    overrides: {
      'demo.loadOnEmptyDatabase': false,
      'database.url': database.url,
      'database.sqlitePath': database.sqlitePath,
    },
  });
  const app = await createCliContext(config, false);
  try {
    const t0 = process.hrtime.bigint();
    const preview = await app
      .get(PlanImportService)
      .run({ bytes: english, fileName: 'huozhou-en.txt', acceptNewUnits: true, dryRun: false });
    const t1 = process.hrtime.bigint();
    const result = await app
      .get(TaskDivisionService)
      .import(preview.plans[0].changes.planId, docx, 'fengong.docx', { dryRun: false, acceptNewUnits: true });
    const t2 = process.hrtime.bigint();
    if (result.rows !== 74 || result.goalsWithoutLead.length !== 0)
      throw new Error(`task division: ${result.rows} rows, ${result.goalsWithoutLead.length} goals without lead`);
    return [Number(t1 - t0) / 1e6, Number(t2 - t1) / 1e6];
  } finally {
    await app.close();
  }
}
const enTimes = [];
const tdTimes = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const [a, b] = await englishAndWord({ url: '', sqlitePath: join(dir, 'bench.sqlite') });
  enTimes.push(a);
  tdTimes.push(b);
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `full import of the English fixture (2 plans, 144 goals, 183 measures) on SQLite: median ${median(enTimes).toFixed(0)} ms; Word task division of its women plan (74 goals, 222 assignments): median ${median(tdTimes).toFixed(0)} ms, over ${runs} fresh databases`,
);
