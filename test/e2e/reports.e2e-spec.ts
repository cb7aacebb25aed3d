import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type HttpClient, type TestApp } from '../helpers/test-app.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { importWeining, type ImportedPlan } from '../helpers/duties-scenario.js';
import { readDocx } from '../helpers/docx-text.js';
import { binary } from '../helpers/binary.js';
import { FixedClock } from '../../src/common/time/clock.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';

type Row = {
  id: number;
  kind: string;
  year: number;
  unitId: number | null;
  dueOn: string;
  state: string;
  version: number;
  unit?: { name: string } | null;
};

/**
 * The office's Word documents from the Weining plan's duties as of 2024-02-05 (issue 14, done
 * when): each file is opened and read; the CLI writes the circular and the 2023 annual report.
 */
describeEachEngine('reports: documents from the Weining plan', (engine) => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-reports-'));
  const clock = new FixedClock('2023-05-10T09:00:00+08:00');
  let database: DatabaseSettings;
  let t: TestApp;
  let weining: ImportedPlan;
  let planTitle: string;
  let lead: { unitId: number; name: string; goalId: number; indicatorId: number; indicatorName: string };
  let indicatorNames: string[];

  const download = (req: ReturnType<HttpClient['get']>) => req.buffer(true).parse(binary);
  const tasks = async (query = ''): Promise<Row[]> => {
    const out: Row[] = [];
    for (let page = 1; ; page++) {
      const res = await t.http().get(`/api/tasks?pageSize=200&page=${page}&sort=id${query}`);
      expect(res.status).toBe(200);
      out.push(...res.body.items);
      if (out.length >= res.body.total) return out;
    }
  };
  const cli = (args: string[], lang = 'zh-CN') => {
    const env = {
      PATH: process.env.PATH ?? '',
      LUOSHI_LANG: lang,
      DB_URL: database.url,
      SQLITE_PATH: database.sqlitePath,
      LUOSHI_DEMO: 'false',
      LOG_LEVEL: 'error',
      LUOSHI_SCHEDULER: 'false',
      LUOSHI_NOW: '2024-02-05T09:00:00+08:00',
    };
    return spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
  };
  /** Every member unit's name (the alias 自治县法院 folded into 自治县人民法院). */
  const unitNames = () => [...weining.units.keys()].filter((n) => n !== '自治县法院');

  beforeAll(async () => {
    database =
      engine === 'sqlite' ? { url: '', sqlitePath: join(dir, 'reports.sqlite') } : await freshDatabase('mysql');
    t = await createTestApp(engine, {}, { database, clock });
    weining = await importWeining(t);
    expect((await t.http().post('/api/duties/generate').send({ planId: weining.planId })).status).toBe(200);
    const plan = (await t.http().get(`/api/plans/${weining.planId}`)).body;
    planTitle = plan.title;
    indicatorNames = [];
    for (const a of plan.areas)
      for (const g of a.goals) for (const i of g.indicators) indicatorNames.push(i.name ?? i.phrase);
    // A lead unit of a goal with indicators reports its 2023 work on time: a narrative and a value.
    const goal = plan.areas
      .flatMap((a: { goals: unknown[] }) => a.goals)
      .find(
        (g: { indicators: unknown[]; assignments: { role: string; unitId: number | null }[] }) =>
          g.indicators.length && g.assignments.some((x) => x.role === 'lead' && x.unitId),
      );
    const unitId = goal.assignments.find(
      (x: { role: string; unitId: number | null }) => x.role === 'lead' && x.unitId,
    ).unitId;
    lead = {
      unitId,
      name: [...weining.units].find(([, id]) => id === unitId)![0],
      goalId: goal.id,
      indicatorId: goal.indicators[0].id,
      indicatorName: goal.indicators[0].name ?? goal.indicators[0].phrase,
    };
    clock.set('2024-01-20T10:00:00+08:00');
    for (const kind of ['annual_report', 'monitoring_data']) {
      const [task] = await tasks(`&unitId=${unitId}&kind=${kind}&year=2023`);
      const detail = (await t.http().get(`/api/tasks/${task!.id}`)).body;
      const item = detail.items.find((i: { goalId: number; active: boolean }) => i.goalId === goal.id && i.active);
      const change =
        kind === 'annual_report'
          ? { narrative: '开展妇女健康讲座12场，覆盖3200人。', progress: 'on_track' }
          : { indicatorValues: [{ indicatorId: lead.indicatorId, value: 97.5 }] };
      expect(
        (
          await t
            .asUnit(unitId)
            .patch(`/api/tasks/${task!.id}/items/${item.id}`)
            .send({ version: item.version, ...change })
        ).status,
      ).toBe(200);
      const current = (await t.http().get(`/api/tasks/${task!.id}`)).body;
      expect(
        (await t.asUnit(unitId).post(`/api/tasks/${task!.id}/actions/submit`).send({ version: current.version }))
          .status,
      ).toBe(200);
    }
    clock.set('2024-02-05T09:00:00+08:00');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await dropDatabase(database);
    rmSync(dir, { recursive: true, force: true });
  });

  it('通报: names every late unit with its overdue tasks and days late, and ranks the units', async () => {
    const res = await download(t.http().get('/api/reports/circular.docx'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('通报-2024-02-05.docx')}`,
    );
    const doc = await readDocx(res.body as Buffer);
    const overdue = (await tasks('&status=overdue')).filter((x) => x.unitId !== null);
    const late = new Map<string, Row[]>();
    for (const x of overdue) late.set(x.unit!.name, [...(late.get(x.unit!.name) ?? []), x]);
    expect(late.size).toBe(34);
    const total = overdue.length;
    expect(doc.text).toContain(`截至2024-02-05，共有34个成员单位的${total}项任务逾期未完成`);
    const p = doc.paragraphs;
    for (const [name, rows] of late) {
      const at = p.indexOf(name);
      expect(at).toBeGreaterThan(0);
      expect(p[at + 1]).toBe(String(rows.length));
      for (const r of rows) expect(doc.text).toContain(`（${r.dueOn}截止，逾期`);
    }
    // The implementation plan was due 2023-06-05: 245 days late on 2024-02-05.
    expect(doc.text).toContain('（2023-06-05截止，逾期245天）');
    // The unit that reported on time ranks first.
    const ranking = p.slice(p.indexOf('逾期未办结') + 1);
    expect(ranking.slice(0, 2)).toEqual(['1', lead.name]);
    // Read access: the viewer may, a liaison may not.
    expect((await t.asRole('viewer').get('/api/reports/circular.docx')).status).toBe(200);
    expect((await t.asUnit(lead.unitId).get('/api/reports/circular.docx')).status).toBe(403);
    const other = await t.http().get('/api/reports/circular.docx?asOf=2024-01-01');
    expect(other.status).toBe(400);
  });

  it('催办/督办通知书: numbered once per committee and year, the same number again, only for the unit it is addressed to', async () => {
    const [impl] = await tasks(`&unitId=${lead.unitId}&kind=implementation_plan`);
    const urge = await download(t.http().get(`/api/reports/tasks/${impl!.id}/notice.docx?level=urge`));
    expect(urge.status).toBe(200);
    expect(decodeURIComponent(urge.headers['x-notice-number'] as string)).toBe('〔2024〕第1号');
    const doc = await readDocx(urge.body as Buffer);
    expect(doc.paragraphs.slice(1, 4)).toEqual(['催办通知书', '〔2024〕第1号', `${lead.name}：`]);
    expect(doc.text).toContain('应于2023年6月5日前完成，截至2024年2月5日仍未办结，已逾期245天。现予催办。');
    expect(doc.text).toContain('于2024年2月12日前在系统中提交');
    expect(doc.text).toContain(`抄送：${lead.name}主要负责人。`);

    // Again, by the office or by the unit's own liaison: the same number.
    const again = await download(t.asUnit(lead.unitId).get(`/api/reports/tasks/${impl!.id}/notice.docx?level=urge`));
    expect(again.status).toBe(200);
    expect((await readDocx(again.body as Buffer)).paragraphs[2]).toBe('〔2024〕第1号');
    const supervise = await download(
      t.http().get(`/api/reports/tasks/${impl!.id}/notice.docx?level=supervise&replyBy=2024-02-09`),
    );
    expect(decodeURIComponent(supervise.headers['x-notice-number'] as string)).toBe('〔2024〕第2号');
    expect((await readDocx(supervise.body as Buffer)).text).toContain('于2024年2月9日前办结');

    // Another unit's liaison does not see the task; a task not late has no notice; bad input is 400.
    const someoneElse = weining.memberIds.find((id) => id !== lead.unitId)!;
    expect((await t.asUnit(someoneElse).get(`/api/reports/tasks/${impl!.id}/notice.docx?level=urge`)).status).toBe(404);
    const [notYet] = await tasks(`&unitId=${lead.unitId}&kind=annual_report&year=2024`);
    expect((await t.http().get(`/api/reports/tasks/${notYet!.id}/notice.docx?level=urge`)).status).toBe(400);
    expect((await t.http().get(`/api/reports/tasks/${impl!.id}/notice.docx?level=scold`)).status).toBe(400);

    // The CLI gets the number kept with the notice; a new notice the next number.
    const out = join(dir, 'notice.docx');
    const run = cli(['report', 'notice', '--task', String(impl!.id), '--level', 'supervise', '--out', out]);
    expect(run.stderr).not.toMatch(/错误|error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^已生成督办通知书〔2024〕第2号：.*notice\.docx（\d+字节）\n$/);
    expect((await readDocx(readFileSync(out))).paragraphs[2]).toBe('〔2024〕第2号');
    const [otherTask] = await tasks(`&unitId=${someoneElse}&kind=implementation_plan`);
    const next = cli(['report', 'notice', '--task', String(otherTask!.id), '--level', 'urge', '--out', out], 'en');
    expect(next.stdout).toMatch(/^wrote the urging notice 〔2024〕第3号: /);
  }, 300_000);

  it('numbers notices requested at the same time once each, without gaps or duplicates', async () => {
    const late = (await tasks('&status=overdue&kind=implementation_plan')).filter((x) => x.unitId !== null);
    // Units whose notices the test before numbered (〔2024〕第1–3号) are left out.
    const numbered = new Set([lead.unitId, weining.memberIds.find((id) => id !== lead.unitId)]);
    const fresh = late.filter((x) => !numbered.has(x.unitId!)).slice(0, 6);
    const get = (id: number) => t.http().get(`/api/reports/tasks/${id}/notice.docx?level=urge`);
    const first = await Promise.all([...fresh, ...fresh].map((x) => get(x.id)));
    expect(first.map((r) => r.status)).toEqual(Array(12).fill(200));
    const numbers = first.map((r) => decodeURIComponent(r.headers['x-notice-number'] as string));
    // The same task twice at once: one number; six tasks: six numbers after the ones issued before.
    expect(numbers.slice(0, 6)).toEqual(numbers.slice(6));
    const seqs = numbers
      .slice(0, 6)
      .map((n) => Number(/第(\d+)号/.exec(n)![1]))
      .sort((a, b) => a - b);
    expect(seqs).toEqual([4, 5, 6, 7, 8, 9]);
  }, 300_000);

  it('年度工作报告 and its monitoring table over HTTP', async () => {
    const res = await download(t.asRole('viewer').get(`/api/reports/plans/${weining.planId}/annual.docx?year=2023`));
    expect(res.status).toBe(200);
    const doc = await readDocx(res.body as Buffer);
    expect(doc.paragraphs[1]).toBe(`《${planTitle}》2023年度工作报告`);
    expect(doc.text).toContain(`${lead.name}（牵头，正常推进）：开展妇女健康讲座12场，覆盖3200人。`);
    const xlsx = await download(t.http().get(`/api/reports/plans/${weining.planId}/monitoring.xlsx?year=2023`));
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('2023年监测数据')!;
    expect(sheet.rowCount - 1).toBe(indicatorNames.length);
    const reported = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === lead.indicatorName)!;
    expect(reported.getCell(7).value).toBe(97.5);
    expect((await t.http().get(`/api/reports/plans/${weining.planId}/annual.docx?year=2030`)).status).toBe(400);
    expect((await t.asUnit(lead.unitId).get(`/api/reports/plans/${weining.planId}/annual.docx?year=2023`)).status).toBe(
      403,
    );
  });

  it('CLI (done when): the circular names every late unit; the 2023 annual report names the plan, every unit and the indicators', async () => {
    const circular = join(dir, '通报.docx');
    const run = cli(['report', 'circular', '--as-of', '2024-02-05', '--out', circular]);
    expect(run.stderr).not.toMatch(/错误|error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^已生成通报：/);
    const c = await readDocx(readFileSync(circular));
    const lateNames = new Set((await tasks('&status=overdue')).filter((x) => x.unit).map((x) => x.unit!.name));
    for (const name of lateNames) expect(c.paragraphs).toContain(name);

    const annual = join(dir, 'annual.docx');
    const xlsx = join(dir, 'monitoring.xlsx');
    const a = cli([
      'report',
      'annual',
      '--plan',
      String(weining.planId),
      '--year',
      '2023',
      '--out',
      annual,
      '--xlsx',
      xlsx,
    ]);
    expect(a.status).toBe(0);
    expect(
      a.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(/：.*/, '')),
    ).toEqual(['已生成年度工作报告', '已生成年度监测数据表']);
    const doc = await readDocx(readFileSync(annual));
    expect(doc.text).toContain(planTitle);
    const names = unitNames();
    expect(names).toHaveLength(34);
    for (const name of names) expect(doc.paragraphs).toContain(name);
    for (const name of indicatorNames) expect(doc.text).toContain(name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('2023年监测数据')!.rowCount - 1).toBe(indicatorNames.length);

    expect(cli(['report', 'annual', '--plan', String(weining.planId), '--out', annual]).status).toBe(2);
    expect(cli(['report', 'circular', '--as-of', '2024-01-01', '--out', circular]).status).toBe(2);
  }, 300_000);
});
