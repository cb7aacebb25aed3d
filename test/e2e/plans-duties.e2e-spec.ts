import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';

const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const HONGTONG = 'hongtong-women-children-plans-14th-fyp.txt';
const WEINING = 'weining-notice-and-women-plan-2021-2025.txt';

/**
 * Plans and duties: no guessing without an issue date, the mid-term evaluation as each plan's
 * text asks, a task-division dry run that counts what the commit does, measures in the sheet.
 */
describeEachEngine('plans and duties: issue date, mid-term from the text, task division', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2024-03-01T09:00:00+08:00');
  let hongtongWomen: number;
  let hongtongChildren: number;
  let weining: number;
  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock, language: 'en' });
  });
  afterAll(async () => t.close());

  const commit = (name: string) =>
    t
      .http()
      .post('/api/imports')
      .attach('file', readFileSync(fixturePath(name)), name)
      .field('acceptNewUnits', 'true');

  it('import warns when the text gives no issue date, and reads from each text whether it asks for a mid-term evaluation', async () => {
    const hongtong = await commit(HONGTONG);
    expect(hongtong.status).toBe(201);
    expect(
      hongtong.body.plans.map((p: { title: string; issuedOn: string | null; midtermEvaluation: boolean | null }) => [
        p.title,
        p.issuedOn,
        p.midtermEvaluation,
      ]),
    ).toEqual([
      ['洪洞县妇女发展“十四五”规划', null, true],
      ['洪洞县儿童发展“十四五”规划', null, true],
    ]);
    expect(
      hongtong.body.warnings
        .filter((w: { code: string }) => w.code === 'NO_ISSUE_DATE')
        .map((w: { line: number }) => w.line),
    ).toEqual([1, 233]);
    [hongtongWomen, hongtongChildren] = hongtong.body.plans.map(
      (p: { changes: { planId: number } }) => p.changes.planId,
    );
    const weiningRes = await commit(WEINING);
    expect(weiningRes.status).toBe(201);
    expect(
      weiningRes.body.plans.map((p: { issuedOn: string; midtermEvaluation: boolean }) => [
        p.issuedOn,
        p.midtermEvaluation,
      ]),
    ).toEqual([['2023-05-05', false]]);
    expect(weiningRes.body.warnings.filter((w: { code: string }) => w.code === 'NO_ISSUE_DATE')).toEqual([]);
    weining = weiningRes.body.plans[0].changes.planId;
  });

  it('the office sees the mid-term choice in the duty rules: Hongtong (asks for 中期评估) on in 2023, Weining (终期评估 only) off', async () => {
    const hong = (await t.http().get(`/api/plans/${hongtongWomen}/duty-rules`)).body;
    expect(hong.schedule.midterm).toEqual({ enabled: true, source: 'plan_text', year: 2023 });
    expect(
      hong.schedule.duties
        .filter((d: { kind: string }) => d.kind === 'midterm_evaluation')
        .map((d: { period: string; dueOn: string }) => `${d.period} ${d.dueOn}`),
    ).toEqual(['midterm-2023 2023-12-31']);
    const wei = (await t.http().get(`/api/plans/${weining}/duty-rules`)).body;
    expect(wei.schedule.midterm).toEqual({ enabled: false, source: 'plan_text', year: 2023 });
    expect(wei.schedule.skipped).toEqual([
      {
        kind: 'midterm_evaluation',
        period: 'midterm-2023',
        year: 2023,
        dueOn: '2023-12-31',
        reason: 'midterm_not_in_text',
      },
    ]);
    // … and can change it: on for Weining, in 2024.
    const res = await t
      .http()
      .put(`/api/plans/${weining}/duty-rules`)
      .send({ version: 0, overrides: { midtermEvaluation: { enabled: true, year: 2024 } } });
    expect(res.status).toBe(200);
    expect(res.body.schedule.midterm).toEqual({ enabled: true, source: 'rules', year: 2024 });
    expect((await t.http().put(`/api/plans/${weining}/duty-rules`).send({ version: 1, overrides: {} })).status).toBe(
      200,
    );
  });

  it('generation refuses a plan without an issue date (409 ISSUE_DATE_MISSING) instead of guessing, and writes nothing', async () => {
    let res = await t.http().post('/api/duties/generate').send({ planId: hongtongWomen });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'ISSUE_DATE_MISSING',
      details: { plans: [{ planId: hongtongWomen, title: '洪洞县妇女发展“十四五”规划' }] },
    });
    expect(res.body.message).toContain('set the issue date first');
    // Every active plan at once: refused before anything is written, naming both undated plans.
    res = await t.http().post('/api/duties/generate').send({});
    expect(res.status).toBe(409);
    expect(res.body.details.plans.map((p: { planId: number }) => p.planId)).toEqual([hongtongWomen, hongtongChildren]);
    expect((await t.http().get('/api/tasks')).body.total).toBe(0);
    // With the date set, the plan generates: Hongtong names no units yet, so only the office's
    // reports upward on 2022–2025 (the issue year on).
    const plan = (await t.http().get(`/api/plans/${hongtongWomen}`)).body;
    expect(
      (await t.http().patch(`/api/plans/${hongtongWomen}`).send({ version: plan.version, issuedOn: '2022-03-08' }))
        .status,
    ).toBe(200);
    res = await t.http().post('/api/duties/generate').send({ planId: hongtongWomen });
    expect(res.status).toBe(200);
    expect(
      res.body[0].added.map((a: { kind: string; year: number; dueOn: string }) => `${a.kind} ${a.year} ${a.dueOn}`),
    ).toEqual([
      'upward_report 2022 2023-02-28',
      'upward_report 2023 2024-02-28',
      'upward_report 2024 2025-02-28',
      'upward_report 2025 2026-02-28',
    ]);
  });

  it('the task-division sheet assigns measures too; its dry run reports exactly what the commit then does', async () => {
    const sheet = Buffer.from(
      [
        '领域,目标序号,目标,牵头单位,责任单位',
        '1 儿童与健康,1,,洪洞县卫生健康局,洪洞县妇联、洪洞县教育局',
        '1 儿童与健康,2,,洪洞县卫生健康局,各成员单位',
        '1 儿童与健康,措施1,,洪洞县卫生健康局,洪洞县医疗保障局',
        '1 儿童与健康,措施2,,,',
        '2 儿童与安全,M1,,洪洞县公安局,',
        '',
      ].join('\n'),
    );
    // None of these units is in the register yet (Hongtong names none; Weining's are 自治县…).
    const dry = await t
      .http()
      .post(`/api/plans/${hongtongChildren}/task-division`)
      .attach('file', sheet, 's.csv')
      .field('dryRun', 'true');
    expect(dry.status).toBe(201);
    // By hand: goal 1 lead 1 + responsible 2, goal 2 lead 1 + 各成员单位 1, measure 1 lead 1 + responsible 1,
    // measure 2 nothing, area 2 measure 1 lead 1 = 8 assignments on 2 goals and 2 measures; 5 new units.
    expect(dry.body).toMatchObject({
      dryRun: true,
      rows: 5,
      goalsChanged: 2,
      measuresChanged: 2,
      added: 8,
      removed: 0,
    });
    expect(dry.body.unknownUnits.map((u: { name: string }) => u.name).sort()).toEqual(
      ['洪洞县公安局', '洪洞县卫生健康局', '洪洞县医疗保障局', '洪洞县妇联', '洪洞县教育局'].sort(),
    );
    expect((await t.http().get(`/api/plans/${hongtongChildren}/assignments`)).body.total).toBe(0);
    const applied = await t
      .http()
      .post(`/api/plans/${hongtongChildren}/task-division`)
      .attach('file', sheet, 's.csv')
      .field('acceptNewUnits', 'true');
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      dryRun: false,
      rows: 5,
      goalsChanged: 2,
      measuresChanged: 2,
      added: dry.body.added,
      removed: 0,
    });
    const assignments = (await t.http().get(`/api/plans/${hongtongChildren}/assignments?pageSize=200`)).body;
    expect(assignments.total).toBe(8);
    expect(assignments.items.filter((a: { measureId: number | null }) => a.measureId !== null)).toHaveLength(3);
    // The export lists measure rows with their units; importing it back changes nothing.
    const csv = (
      await t.http().get(`/api/plans/${hongtongChildren}/task-division?format=csv`).buffer(true)
    ).text.replace(/^\uFEFF/, '');
    expect(csv).toContain('1 儿童与健康,措施1,');
    const again = await t
      .http()
      .post(`/api/plans/${hongtongChildren}/task-division`)
      .attach('file', Buffer.from(csv), 'again.csv');
    expect(again.body).toMatchObject({ goalsChanged: 0, measuresChanged: 0, added: 0, removed: 0 });
  });
});

describe('CLI: duties generate for a plan without an issue date', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-issue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with one line saying to set the issue date first', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      SQLITE_PATH: join(dir, 'cli.sqlite'),
      LUOSHI_DEMO: 'false',
      LOG_LEVEL: 'error',
      LUOSHI_LANG: 'en',
    };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
    expect(cli('import', fixturePath(HONGTONG), '--accept-new-units').status).toBe(0);
    const run = cli('duties', 'generate', '--plan', '1');
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: plan 1 洪洞县妇女发展“十四五”规划: no issue date .*set the issue date first/);
    expect(run.stdout).toBe('');
    // The same in Chinese, the CLI's default language.
    const zh = spawnSync(process.execPath, ['dist/cli.js', 'duties', 'generate', '--plan', '1'], {
      cwd: root,
      env: { ...env, LUOSHI_LANG: 'zh-CN' },
      encoding: 'utf8',
    });
    expect(zh.stderr).toBe('错误：规划 1 洪洞县妇女发展“十四五”规划：没有颁布日期，请先填写颁布日期，再生成任务\n');
  });
});
