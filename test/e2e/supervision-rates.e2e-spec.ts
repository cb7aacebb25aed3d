import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { binary } from '../helpers/binary.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { OFFICE_ACTOR } from '../../src/access/actor.js';
import { RatesService } from '../../src/supervision/rates/rates.service.js';
import { computeRateStats, computeRates, type RateGroupBy } from '../../src/supervision/domain/rates.js';
import { supervisionCommands } from '../../src/supervision/supervision.commands.js';
import { parseArgs } from '../../src/cli/cli-command.js';

/**
 * A scripted scenario with early, on-time, late and missing submissions (the same tasks as
 * src/supervision/domain/__tests__/rates.spec.ts, played through the API), "now" = 2025-06-30
 * 12:00 Shanghai. Hand-computed per task:
 *  A1 due 03-31, submitted 03-20, accepted             → on time, accepted
 *  A2 due 05-31, submitted 05-31 23:59 local           → on time (edge), awaiting review
 *  A3 due 09-30, submitted 06-10 (early), accepted     → on time, accepted (counts although not yet due)
 *  A4 due 12-20, assigned                              → not yet due: outside the denominator
 *  B1 due 03-31, submitted 04-05, accepted             → late 5 days
 *  B2 due 06-01, submitted 05-30, returned 06-02       → open again: overdue 29 days
 *  B3 due 06-30 (today), in progress                   → not yet due
 *  B4 due 04-30, submitted 05-01 00:30 local, accepted → late 1 day
 *  C1 due 04-30, never submitted                       → overdue 61 days
 *  C2 due 06-29, acknowledged                          → overdue 1 day
 *  C3 due 03-31, cancelled                             → left out
 *  D has no tasks.
 */
describeEachEngine('supervision: rates, ranking, ledger, goal view', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2025-01-02T09:00:00+08:00');
  const unit: Record<string, number> = {};
  const taskIds: Record<string, number> = {};
  let women: { id: number; areas: { id: number; goals: { id: number; indicators: { id: number }[] }[] }[] };
  let children: { id: number; areas: { id: number; goals: { id: number }[] }[] };

  const http = (unitId?: number) => ({
    get: (url: string) => (unitId ? t.asUnit(unitId) : t.http()).get(url),
    post: (url: string, body: object) => (unitId ? t.asUnit(unitId) : t.http()).post(url).send(body),
    patch: (url: string, body: object) => (unitId ? t.asUnit(unitId) : t.http()).patch(url).send(body),
  });
  const act = async (name: string, action: string, at: string, by: 'unit' | 'office', reason?: string) => {
    clock.set(at);
    const id = taskIds[name]!;
    const current = (await http().get(`/api/tasks/${id}`)).body;
    const res = await http(by === 'unit' ? current.unitId : undefined).post(`/api/tasks/${id}/actions/${action}`, {
      version: current.version,
      reason,
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    for (const name of ['A', 'B', 'C', 'D'])
      unit[name] = (await http().post('/api/units', { name: `单位${name}`, kind: 'government' })).body.id;
    women = (
      await http().post('/api/plans', {
        title: '妇女发展规划',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        issuedOn: '2023-03-01',
        areas: [
          {
            number: 1,
            name: '妇女与健康',
            goals: [
              {
                number: 1,
                text: '孕产妇死亡率控制在12/10万以下',
                leadUnitIds: [unit.A],
                responsibleUnitIds: [unit.B],
                indicators: [
                  { phrase: '孕产妇死亡率控制在12/10万以下', comparator: 'lte', value: 12, unit: 'per_100k' },
                ],
              },
            ],
          },
          {
            number: 2,
            name: '妇女与教育',
            goals: [
              {
                number: 1,
                text: '女性高中阶段毛入学率达到70%以上',
                leadUnitIds: [unit.B],
                indicators: [{ phrase: '达到70%以上', comparator: 'gte', value: 70, unit: '%' }],
              },
            ],
          },
        ],
      })
    ).body;
    children = (
      await http().post('/api/plans', {
        title: '儿童发展规划',
        kind: 'children',
        periodStart: 2021,
        periodEnd: 2030,
        areas: [{ number: 1, name: '儿童与安全', goals: [{ number: 1, text: '儿童伤害死亡率持续下降' }] }],
      })
    ).body;
    const health = women.areas[0]!.goals[0]!.id;
    const education = women.areas[1]!.goals[0]!.id;
    const safety = children.areas[0]!.goals[0]!.id;
    const adHoc: [string, string, string, object][] = [
      ['A1', 'A', '2025-03-31', { goalIds: [health] }],
      ['A2', 'A', '2025-05-31', { goalIds: [health, education] }],
      ['A3', 'A', '2025-09-30', { goalIds: [safety] }],
      ['A4', 'A', '2025-12-20', { planId: children.id }],
      ['B1', 'B', '2025-03-31', { goalIds: [education] }],
      ['B2', 'B', '2025-06-01', { planId: women.id }],
      ['B3', 'B', '2025-06-30', { planId: children.id }],
      ['B4', 'B', '2025-04-30', { planId: children.id }],
      ['C1', 'C', '2025-04-30', { planId: women.id }],
      ['C2', 'C', '2025-06-29', { planId: children.id }],
      ['C3', 'C', '2025-03-31', { planId: children.id }],
    ];
    for (const [name, owner, dueOn, extra] of adHoc) {
      const res = await http().post('/api/tasks', { unitId: unit[owner], title: `督办事项${name}`, dueOn, ...extra });
      expect(res.status).toBe(201);
      taskIds[name] = res.body.id;
    }
    await act('C3', 'cancel', '2025-03-01T10:00:00+08:00', 'office', '重复交办');
    await act('A1', 'submit', '2025-03-20T10:00:00+08:00', 'unit');
    await act('A1', 'accept', '2025-03-25T10:00:00+08:00', 'office');
    await act('B1', 'submit', '2025-04-05T09:00:00+08:00', 'unit');
    await act('B1', 'accept', '2025-04-08T09:00:00+08:00', 'office');
    await act('B4', 'submit', '2025-04-30T16:30:00Z', 'unit');
    await act('B4', 'accept', '2025-05-06T09:00:00+08:00', 'office');
    await act('B2', 'submit', '2025-05-30T10:00:00+08:00', 'unit');
    await act('A2', 'submit', '2025-05-31T23:59:00+08:00', 'unit');
    await act('B3', 'start', '2025-06-01T09:00:00+08:00', 'unit');
    await act('C2', 'acknowledge', '2025-06-01T09:00:00+08:00', 'unit');
    await act('B2', 'return', '2025-06-02T09:00:00+08:00', 'office', '材料不全');
    await act('A3', 'submit', '2025-06-10T10:00:00+08:00', 'unit');
    await act('A3', 'accept', '2025-06-12T10:00:00+08:00', 'office');
    // The women's plan's own duties too (annual reports, monitoring data …), some of them worked on.
    clock.set('2025-01-02T09:00:00+08:00');
    expect((await http().post('/api/duties/generate', { planId: women.id })).status).toBe(200);
    clock.set('2025-06-30T12:00:00+08:00');
  });
  afterAll(async () => t.close());

  type Group = { key: string; completionRate: number | null; averageDaysLate: number | null };
  const rows = (body: { groups: Group[] }): Record<string, Group> =>
    Object.fromEntries(body.groups.map((g) => [g.key, g]));

  it('rates per unit for the scripted scenario are the hand-computed ones', async () => {
    const res = await http().get('/api/supervision/rates?groupBy=unit&kind=ad_hoc');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ today: '2025-06-30', timeZone: 'Asia/Shanghai', groupBy: 'unit' });
    const g = rows(res.body);
    expect(g[unit.A!]).toEqual({
      key: String(unit.A),
      label: '单位A',
      total: 4,
      cancelled: 0,
      expected: 3,
      submitted: 3,
      accepted: 2,
      pendingReview: 1,
      onTime: 3,
      late: 0,
      overdueOpen: 0,
      notYetDue: 1,
      completionRate: 2 / 3,
      onTimeRate: 1,
      averageDaysLate: null,
    });
    expect(g[unit.B!]).toMatchObject({
      total: 4,
      expected: 3,
      submitted: 2,
      accepted: 2,
      pendingReview: 0,
      onTime: 0,
      late: 2,
      overdueOpen: 1,
      notYetDue: 1,
      onTimeRate: 0,
    });
    expect(g[unit.B!].completionRate).toBeCloseTo(2 / 3);
    expect(g[unit.B!].averageDaysLate).toBeCloseTo((5 + 1 + 29) / 3);
    // C never submits: its open overdue tasks fill the denominator, so it does not look perfect.
    expect(g[unit.C!]).toMatchObject({
      total: 2,
      cancelled: 1,
      expected: 2,
      submitted: 0,
      overdueOpen: 2,
      completionRate: 0,
      onTimeRate: 0,
      averageDaysLate: 31,
    });
    expect(g[unit.D!]).toBeUndefined();
    expect(res.body.overall).toMatchObject({
      total: 10,
      cancelled: 1,
      expected: 8,
      submitted: 5,
      accepted: 4,
      onTime: 3,
      late: 2,
      overdueOpen: 3,
      notYetDue: 2,
    });
  });

  it('the ranking orders units by on-time rate, completion rate and open overdue tasks; a unit with nothing expected is not ranked', async () => {
    const ranking = (await http().get('/api/supervision/ranking?kind=ad_hoc')).body;
    expect(ranking.map((u: { name: string; rank: number | null }) => `${u.rank} ${u.name}`)).toEqual([
      '1 单位A',
      '2 单位B',
      '3 单位C',
      'null 单位D',
    ]);
    expect(ranking[3]).toMatchObject({ expected: 0, onTimeRate: null, completionRate: null });
  });

  it('the SQL aggregates agree with the pure computeRates on every grouping and filter', async () => {
    const rates = t.app.get(RatesService);
    const actor = OFFICE_ACTOR;
    const now = clock.now();
    for (const filter of [{}, { kind: 'ad_hoc' as const }, { planId: women.id }, { year: 2024 }, { unitId: unit.B }]) {
      const facts = await rates.facts(actor, filter);
      expect(facts.length).toBeGreaterThan(0);
      expect(await rates.overall(actor, filter)).toEqual(computeRateStats(facts, { now, timeZone: 'Asia/Shanghai' }));
      for (const groupBy of ['unit', 'plan', 'area', 'kind'] as RateGroupBy[]) {
        const sql = (await rates.grouped(actor, filter, groupBy)).map(({ label: _label, ...g }) => g);
        const pure = computeRates(facts, { now, timeZone: 'Asia/Shanghai', groupBy }).filter(
          (g) => !(groupBy === 'plan' && g.key === 'none'),
        );
        const clean = (list: typeof sql) =>
          list.map((g) => ({
            ...g,
            averageDaysLate: g.averageDaysLate === null ? null : Math.round(g.averageDaysLate * 1e9) / 1e9,
          }));
        expect({ filter, groupBy, groups: clean(sql) }).toEqual({ filter, groupBy, groups: clean(pure) });
      }
    }
  });

  it('the dashboard: overall rates, traffic lights and rates per unit, plan, area and kind', async () => {
    const d = (await http().get('/api/supervision/dashboard?kind=ad_hoc')).body;
    expect(d.lights).toEqual({
      not_due: 1,
      due_soon: 1,
      overdue: 3,
      done_on_time: 3,
      done_late: 2,
      cancelled: 1,
      green: 4,
      yellow: 3,
      red: 3,
      grey: 1,
    });
    const area = Object.fromEntries(d.byArea.map((g: { label: string }) => [g.label, g]));
    // A2 is behind goals of two areas: it counts once in each.
    expect(area['（1）妇女与健康']).toMatchObject({ expected: 2, onTime: 2, accepted: 1 });
    expect(area['（2）妇女与教育']).toMatchObject({ expected: 2, onTime: 1, late: 1 });
    expect(d.byKind.map((g: { key: string; label: string }) => `${g.key} ${g.label}`)).toEqual(['ad_hoc 交办事项']);
    expect(d.byPlan.map((g: { label: string; total: number }) => `${g.label} ${g.total}`)).toEqual([
      '妇女发展规划 5',
      '儿童发展规划 5',
    ]); // C3 (children) is cancelled: not in the total
  });

  it("the dashboard's charts, drawn on the server from the same figures at the widths asked, in the caller's language", async () => {
    const url = '/api/supervision/dashboard/charts?kind=ad_hoc&statusWidth=340&rankingWidth=700';
    const res = await http().get(url);
    expect(res.status).toBe(200);
    const { status, ranking } = res.body;
    expect(status.svg).toMatch(/^<svg width="340" height="260" /);
    // The dashboard's lights above: 1 not due, 1 due soon, 3 overdue, 3 on time, 2 late, 1 cancelled (11).
    expect(status.tips).toEqual([
      [
        '未到期：1 项（9.1%）',
        '临近到期：1 项（9.1%）',
        '已逾期：3 项（27.3%）',
        '按时完成：3 项（27.3%）',
        '逾期完成：2 项（18.2%）',
        '已取消：1 项（9.1%）',
      ],
    ]);
    // The ranking's units bottom-up (the best on top), with the rates /supervision/ranking gives.
    const ranked = (await http().get('/api/supervision/ranking?kind=ad_hoc')).body as {
      name: string;
      rank: number | null;
      completionRate: number | null;
      onTimeRate: number | null;
    }[];
    const label = (u: (typeof ranked)[number]) => (u.rank === null ? u.name : `${u.rank}. ${u.name}`);
    const pct = (rate: number | null) => `${Math.round((rate ?? 0) * 1000) / 10}%`;
    expect(ranking.height).toBe(300);
    expect(ranking.svg).toMatch(/^<svg width="700" height="300" /);
    expect(ranking.tips).toEqual([
      [...ranked].reverse().map((u) => `${label(u)}：完成率 ${pct(u.completionRate)}`),
      [...ranked].reverse().map((u) => `${label(u)}：按时率 ${pct(u.onTimeRate)}`),
    ]);
    expect(ranking.tips[1]).toEqual([
      '单位D：按时率 0%',
      '3. 单位C：按时率 0%',
      '2. 单位B：按时率 0%',
      '1. 单位A：按时率 100%',
    ]);
    for (const name of ['1. 单位A', '2. 单位B', '3. 单位C', '单位D']) expect(ranking.svg).toContain(`>${name}</text>`);

    const en = (await http().get(url).set('Accept-Language', 'en')).body;
    expect(en.status.tips[0][0]).toBe('Not yet due: 1 (9.1%)');
    expect(en.ranking.tips[1][3]).toBe('1. 单位A: On time 100%');
    // A chart without a width is not drawn; sizes out of bounds are refused, saying which.
    expect((await http().get('/api/supervision/dashboard/charts?statusWidth=340')).body.ranking).toBeNull();
    const bad = await http().get('/api/supervision/dashboard/charts?statusWidth=79&rankingWidth=4001');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['statusWidth', 'rankingWidth']);
    // A unit's picture holds only its own row.
    const own = (await http(unit.B).get(url)).body;
    expect(own.ranking.tips[0]).toHaveLength(1);
    expect(own.ranking.tips[0][0]).toMatch(/单位B：完成率/);
    expect(own.ranking.svg).not.toContain('单位A');
  });

  it('a unit sees only its own rows in every supervision view', async () => {
    const b = http(unit.B);
    expect(Object.keys(rows((await b.get('/api/supervision/rates?kind=ad_hoc')).body))).toEqual([String(unit.B)]);
    expect((await b.get('/api/supervision/ranking?kind=ad_hoc')).body.map((u: { name: string }) => u.name)).toEqual([
      '单位B',
    ]);
    expect((await b.get('/api/supervision/dashboard?kind=ad_hoc')).body.overall.total).toBe(4);
    expect((await b.get('/api/supervision/ledger?kind=ad_hoc')).body.total).toBe(4);
    const csv = (await b.get('/api/supervision/ledger/export?format=csv&kind=ad_hoc')).text;
    expect(csv.trim().split('\r\n')).toHaveLength(5);
  });

  it('the ledger lists and exports (.csv, .xlsx) the rows of the same filters', async () => {
    const list = (await http().get('/api/supervision/ledger?kind=ad_hoc&status=overdue&sort=dueOn')).body;
    expect(list.items.map((x: { title: string; daysLate: number }) => `${x.title} ${x.daysLate}`)).toEqual([
      '督办事项C1 61',
      '督办事项B2 29',
      '督办事项C2 1',
    ]);

    const csv = await http().get('/api/supervision/ledger/export?format=csv&kind=ad_hoc&status=overdue&sort=dueOn');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('督办台账-2025-06-30.csv')}`,
    );
    const text = csv.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      '任务编号,规划,责任单位,事项,年度,名称,截止日期,原定截止,办理状态,督办状态,信号灯,逾期天数,首次提交,办结时间,条目完成,催办督办',
    );
    expect(lines.slice(1)).toEqual([
      `${taskIds.C1},妇女发展规划,单位C,交办事项,2025,督办事项C1,2025-04-30,2025-04-30,已交办,已逾期,红,61,,,0/0,`,
      `${taskIds.B2},妇女发展规划,单位B,交办事项,2025,督办事项B2,2025-06-01,2025-06-01,已退回,已逾期,红,29,2025-05-30 10:00,,0/0,`,
      `${taskIds.C2},儿童发展规划,单位C,交办事项,2025,督办事项C2,2025-06-29,2025-06-29,已签收,已逾期,红,1,,,0/0,`,
    ]);

    const xlsx = await http().get('/api/supervision/ledger/export?kind=ad_hoc&lang=en').buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('Ledger')!;
    expect(sheet.rowCount).toBe(12); // header + 11 tasks, the cancelled one included
    expect(sheet.getRow(1).values).toContain('Days late');
    const a2 = sheet.getRows(2, 10)!.find((r) => r.getCell(6).value === '督办事项A2')!;
    expect([a2.getCell(10).value, a2.getCell(11).value, a2.getCell(13).value, a2.getCell(15).value]).toEqual([
      'Done on time',
      'green',
      '2025-05-31 23:59',
      '0/2',
    ]);
    const filters = wb.getWorksheet('Filters')!;
    expect(filters.getRow(2).values).toContain('2025-06-30 12:00 (Asia/Shanghai)');
    expect(filters.getRow(4).values).toEqual([undefined, 'kind', 'ad_hoc']);
  });

  it('goal view and indicator status for one year', async () => {
    const [healthGoal, educationGoal] = [women.areas[0]!.goals[0]!, women.areas[1]!.goals[0]!];
    const taskOf = async (u: number, kind: string, year: number) =>
      (await http().get(`/api/tasks?unitId=${u}&kind=${kind}&year=${year}&planId=${women.id}`)).body.items[0];
    const report = async (u: number, kind: string, year: number, goalId: number, body: object) => {
      const task = (await http().get(`/api/tasks/${(await taskOf(u, kind, year)).id}`)).body;
      const item = task.items.find((i: { goalId: number }) => i.goalId === goalId);
      const res = await http(u).patch(`/api/tasks/${task.id}/items/${item.id}`, { version: item.version, ...body });
      expect(res.status).toBe(200);
    };
    await report(unit.A!, 'annual_report', 2024, healthGoal.id, {
      progress: 'on_track',
      narrative: '孕产妇死亡率持续下降',
    });
    await report(unit.B!, 'annual_report', 2024, healthGoal.id, { progress: 'done' });
    await report(unit.B!, 'annual_report', 2024, educationGoal.id, { progress: 'on_track' });
    await report(unit.A!, 'monitoring_data', 2024, healthGoal.id, {
      indicatorValues: [{ indicatorId: healthGoal.indicators[0]!.id, value: 13.5 }],
    });
    await report(unit.B!, 'monitoring_data', 2024, educationGoal.id, {
      indicatorValues: [{ indicatorId: educationGoal.indicators[0]!.id, value: 75 }],
    });
    await report(unit.A!, 'monitoring_data', 2025, healthGoal.id, {
      indicatorValues: [{ indicatorId: healthGoal.indicators[0]!.id, value: 12.5 }],
    });

    const view = (await http().get(`/api/supervision/goals?planId=${women.id}&year=2024`)).body;
    const health = view.goals.find((g: { goalId: number }) => g.goalId === healthGoal.id);
    expect(health.lead).toEqual([
      expect.objectContaining({
        unitName: '单位A',
        progress: 'on_track',
        narrative: '孕产妇死亡率持续下降',
        taskState: 'in_progress',
        status: 'overdue',
        light: 'red',
      }),
    ]);
    expect(health.responsible).toEqual([expect.objectContaining({ unitName: '单位B', progress: 'done' })]);
    expect(health.assigned).toEqual({
      lead: ['单位A'],
      responsible: ['单位B'],
      allMembersLead: false,
      allMembersResponsible: false,
    });
    expect(health.indicatorStatus).toBe('at_risk');
    expect((await http().get(`/api/supervision/goals?planId=${women.id}&year=2019`)).status).toBe(400);

    const y2024 = (await http().get(`/api/supervision/indicators?planId=${women.id}&year=2024`)).body;
    expect(y2024.goals.map((g: { goalId: number; status: string }) => `${g.goalId} ${g.status}`)).toEqual([
      `${healthGoal.id} at_risk`,
      `${educationGoal.id} met`,
    ]);
    expect(y2024.goals[0].indicators[0]).toMatchObject({
      value: 13.5,
      target: 12,
      unit: 'per_100k',
      status: 'at_risk',
    });
    expect(y2024.summary).toEqual({ met: 1, at_risk: 1, not_met: 0, no_data: 0, not_evaluable: 0, conflict: 0 });
    const y2025 = (await http().get(`/api/supervision/indicators?planId=${women.id}&year=2025`)).body;
    expect(y2025.goals.map((g: { status: string }) => g.status)).toEqual(['not_met', 'no_data']);
    expect(y2025.goals[0].indicators[0]).toMatchObject({ value: 12.5, previousValue: 13.5 });
  });

  it('CLI: supervision report prints the rates per unit and the overdue tasks', async () => {
    const lines: string[] = [];
    const run = (argv: string[], locale: 'en' | 'zh-CN' = 'en') =>
      supervisionCommands[0]!.run({
        app: t.app,
        config: t.config,
        args: parseArgs(argv),
        io: { out: (s) => lines.push(s), err: (s) => lines.push(s) },
        locale,
      });
    expect(await run(['report', '--plan', String(children.id)])).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('as of 2025-06-30 (Asia/Shanghai)');
    expect(text).toMatch(/1\s+单位A\s+1\s+1\s+1\s+100\.0%\s+100\.0%\s+0\s+–/);
    expect(text).toMatch(/2\s+单位B\s+1\s+1\s+1\s+0\.0%\s+100\.0%\s+0\s+1\.0/);
    expect(text).toMatch(new RegExp(`task ${taskIds.C2}\\s+单位C.*due 2025-06-29\\s+1 days late`));
    lines.length = 0;
    expect(await run(['report', '--json'])).toBe(0);
    const json = JSON.parse(lines.join('\n'));
    expect(json.units.map((u: { name: string }) => u.name)).toContain('单位D');
    // Open and overdue on 2025-06-30, counted by hand: ad hoc B2 (returned, due 06-01), C1 (04-30),
    // C2 (06-29) = 3; the women's plan (issued 2023-03-01) for A and B each: implementation plan
    // (due 2023-04-01), annual reports and monitoring data on 2023 and 2024 (due 2024-01-31,
    // 2025-01-31) = 2 × 5 = 10; the office's reports upward on 2023 and 2024 (02-28) = 2. 3 + 10 + 2.
    expect(json.overdue.length).toBe(15);
  });
});
