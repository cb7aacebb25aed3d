import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { parseArgs } from '../../src/cli/cli-command.js';
import { supervisionCommands } from '../../src/supervision/supervision.commands.js';

/**
 * Figures that do not mislead: the ranking ranks only units with something due; units are listed
 * by rank, then by name in Chinese collation (not by id as text, not by code point); a goal is met
 * only when every indicator is; qualitative indicators take an assessment; two units reporting
 * different figures are flagged; an empty submission is visible as such.
 */
describeEachEngine('supervision: figures that do not mislead', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2025-02-20T09:00:00+08:00');
  // Created in this order: ids 1..11, so id-as-text order (1, 10, 11, 2, …) and code-point order both differ from pinyin.
  const NAMES = [
    '自治县卫生健康局',
    '自治县妇联',
    '自治县财政局',
    '自治县残联',
    '自治县教育科技局',
    '自治县民政局',
    '自治县公安局',
    '自治县司法局',
    '自治县团委',
    '自治县总工会',
    '自治县科协',
  ];
  const u: Record<string, number> = {};
  const adHoc: Record<string, number> = {};
  let planId: number;
  let goal1: { id: number; indicators: { id: number }[] };
  let goal2: { id: number; indicators: { id: number }[] };

  /** The office, or a unit's liaison (logged in). */
  const http = (unitId?: number) => {
    const c = () => (unitId ? t.asUnit(unitId) : t.http());
    return {
      get: (url: string) => c().get(url),
      post: (url: string, body: object) => c().post(url).send(body),
      patch: (url: string, body: object) => c().patch(url).send(body),
    };
  };
  const act = async (taskId: number, action: string, by: number | undefined, reason?: string) => {
    const current = (await http().get(`/api/tasks/${taskId}`)).body;
    const res = await http(by).post(`/api/tasks/${taskId}/actions/${action}`, { version: current.version, reason });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    for (const name of NAMES) u[name] = (await http().post('/api/units', { name, kind: 'government' })).body.id;
    for (const name of NAMES) {
      const res = await http().post('/api/tasks', { unitId: u[name], title: `督办事项 ${name}`, dueOn: '2025-03-01' });
      expect(res.status).toBe(201);
      adHoc[name] = res.body.id;
    }
    // 妇联 on time and accepted; 教育科技局 and 总工会 on time, awaiting review.
    clock.set('2025-02-28T10:00:00+08:00');
    for (const name of ['自治县妇联', '自治县教育科技局', '自治县总工会']) await act(adHoc[name]!, 'submit', u[name]);
    await act(adHoc['自治县妇联']!, 'accept', undefined);
    // 科协 gets more time: nothing is due from it yet.
    const ext = await http(u['自治县科协']).post(`/api/tasks/${adHoc['自治县科协']}/extension-requests`, {
      requestedDueOn: '2025-04-30',
      reason: '等待上级部署',
    });
    expect(ext.status).toBe(201);
    expect((await http().post(`/api/extension-requests/${ext.body.id}/decision`, { decision: 'approve' })).status).toBe(
      200,
    );
    clock.set('2025-03-15T09:00:00+08:00');
  });
  afterAll(async () => t.close());

  // Hand-ranked: 妇联 1/1 on time and accepted; 教育科技局 and 总工会 on time, not accepted (tie, rank 2);
  // seven units with their only task overdue (tie, rank 4), in pinyin order cai, can, gong, min, si, tuan, wei;
  // 科协 has nothing due: not ranked.
  const EXPECTED_ORDER = [
    '1 自治县妇联',
    '2 自治县教育科技局',
    '2 自治县总工会',
    '4 自治县财政局',
    '4 自治县残联',
    '4 自治县公安局',
    '4 自治县民政局',
    '4 自治县司法局',
    '4 自治县团委',
    '4 自治县卫生健康局',
    'null 自治县科协',
  ];

  it('ranks only units with something due; a unit with an approved extension is listed apart, not last', async () => {
    const ranking = (await http().get('/api/supervision/ranking?kind=ad_hoc')).body;
    expect(ranking.map((x: { rank: number | null; name: string }) => `${x.rank} ${x.name}`)).toEqual(EXPECTED_ORDER);
    expect(ranking[10]).toMatchObject({ name: '自治县科协', expected: 0, notYetDue: 1, onTimeRate: null });
  });

  it('the dashboard lists units by rank, then name (not by id as text)', async () => {
    const d = (await http().get('/api/supervision/dashboard?kind=ad_hoc')).body;
    expect(d.byUnit.map((g: { rank: number | null; label: string }) => `${g.rank} ${g.label}`)).toEqual(EXPECTED_ORDER);
  });

  it('the CLI report prints the unranked units apart', async () => {
    const lines: string[] = [];
    const run = (locale: 'en' | 'zh-CN') =>
      supervisionCommands[0]!.run({
        app: t.app,
        config: t.config,
        args: parseArgs(['report']),
        io: { out: (s) => lines.push(s), err: (s) => lines.push(s) },
        locale,
      });
    expect(await run('en')).toBe(0);
    const at = lines.indexOf('not ranked (nothing due yet):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^–\s+自治县科协\s+0\s+0\s+0/);
    lines.length = 0;
    expect(await run('zh-CN')).toBe(0);
    const zh = lines.indexOf('不参与排名（尚无到期任务）：');
    expect(zh).toBeGreaterThan(0);
    expect(lines[zh + 1]).toMatch(/^–\s+自治县科协\s+0\s+0\s+0/);
  });

  describe('indicators', () => {
    beforeAll(async () => {
      const [health, fulian] = [u['自治县卫生健康局']!, u['自治县妇联']!];
      const plan = await http().post('/api/plans', {
        title: '测试县妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        issuedOn: '2024-01-15',
        areas: [
          {
            number: 1,
            name: '妇女参与决策和管理',
            goals: [
              {
                number: 1,
                text: '女性参与率达到70%以上，女性参与社区治理水平稳中有升。',
                leadUnitIds: [health],
                responsibleUnitIds: [fulian],
                indicators: [
                  { phrase: '女性参与率达到70%以上', name: '女性参与率', comparator: 'gte', value: 70, unit: '%' },
                  {
                    phrase: '女性参与社区治理水平稳中有升',
                    name: '女性参与社区治理水平',
                    comparator: 'qualitative',
                    value: null,
                    unit: null,
                  },
                ],
              },
              {
                number: 2,
                text: '孕产妇死亡率控制在12/10万以下。',
                leadUnitIds: [health],
                responsibleUnitIds: [fulian],
                indicators: [
                  {
                    phrase: '孕产妇死亡率控制在12/10万以下',
                    name: '孕产妇死亡率',
                    comparator: 'lte',
                    value: 12,
                    unit: 'per_100k',
                  },
                ],
              },
            ],
          },
        ],
      });
      expect(plan.status).toBe(201);
      planId = plan.body.id;
      [goal1, goal2] = plan.body.areas[0].goals;
      expect((await http().post('/api/duties/generate', { planId })).status).toBe(200);
    });

    const report = async (unitId: number, kind: string, goalId: number, body: object) => {
      const list = (await http().get(`/api/tasks?unitId=${unitId}&kind=${kind}&year=2024&planId=${planId}`)).body;
      expect(list.total).toBe(1);
      const task = (await http().get(`/api/tasks/${list.items[0].id}`)).body;
      const item = task.items.find((i: { goalId: number }) => i.goalId === goalId);
      return http(unitId).patch(`/api/tasks/${task.id}/items/${item.id}`, { version: item.version, ...body });
    };
    const indicators = async () => (await http().get(`/api/supervision/indicators?planId=${planId}&year=2024`)).body;

    it('a goal with one indicator met and the other without data is "data incomplete", not met', async () => {
      const res = await report(u['自治县卫生健康局']!, 'monitoring_data', goal1.id, {
        indicatorValues: [{ indicatorId: goal1.indicators[0]!.id, value: 80 }],
      });
      expect(res.status).toBe(200);
      const body = await indicators();
      expect(body.goals.map((g: { goalNumber: number; status: string }) => `${g.goalNumber} ${g.status}`)).toEqual([
        '1 data_incomplete',
        '2 no_data',
      ]);
      expect(body.goals[0].indicators.map((i: { status: string }) => i.status)).toEqual(['met', 'no_data']);
      expect(body.goalSummary).toEqual({
        met: 0,
        at_risk: 0,
        not_met: 0,
        no_data: 1,
        not_evaluable: 0,
        conflict: 0,
        data_incomplete: 1,
      });
      const view = (await http().get(`/api/supervision/goals?planId=${planId}&year=2024&kind=monitoring_data`)).body;
      expect(view.goals[0].indicatorStatus).toBe('data_incomplete');
    });

    it('a qualitative indicator takes an assessment with a note, shown in the indicator view; a quantitative one does not', async () => {
      const health = u['自治县卫生健康局']!;
      const [quantitative, qualitative] = goal1.indicators.map((i) => i.id);
      let res = await report(health, 'monitoring_data', goal1.id, {
        indicatorValues: [{ indicatorId: quantitative, assessment: 'met' }],
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'INVALID_INDICATOR_VALUE',
        details: { fields: [{ field: 'indicatorValues[0].assessment' }] },
      });
      res = await report(health, 'monitoring_data', goal1.id, {
        indicatorValues: [{ indicatorId: qualitative, assessment: 'excellent' }],
      });
      expect(res.status).toBe(400);
      res = await report(health, 'monitoring_data', goal1.id, {
        indicatorValues: [
          { indicatorId: qualitative, assessment: 'largely_met', note: '城镇社区已达标，农村社区仍偏低' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.item.indicatorValues).toEqual([
        { indicatorId: quantitative, value: 80 },
        { indicatorId: qualitative, value: null, assessment: 'largely_met', note: '城镇社区已达标，农村社区仍偏低' },
      ]);
      let body = await indicators();
      expect(body.goals[0].status).toBe('at_risk');
      expect(body.goals[0].indicators[1]).toMatchObject({
        value: null,
        assessment: 'largely_met',
        assessmentLabel: '基本达到',
        note: '城镇社区已达标，农村社区仍偏低',
        status: 'at_risk',
        statusLabel: '存在风险',
        reason: '评估为基本达到；距规划期末还有1年',
        reasonCode: 'assessed_years_left',
        reasonParams: { assessment: 'largely_met', years: 1 },
        conflict: null,
      });
      expect(body.goals[0].statusLabel).toBe('存在风险');
      // The same in English for a reader who asks for it (issue 10: status texts in the user's language).
      const en = (
        await t.http().get(`/api/supervision/indicators?planId=${planId}&year=2024`).set('Accept-Language', 'en')
      ).body;
      expect(en.goals[0].indicators[1]).toMatchObject({
        status: 'at_risk',
        statusLabel: 'at risk',
        assessmentLabel: 'largely met',
        reason: 'assessed as largely met; 1 year(s) left',
      });
      const view = (await t.http().get(`/api/supervision/goals?planId=${planId}&year=2024&kind=monitoring_data`)).body;
      expect(view.goals[0]).toMatchObject({ indicatorStatus: 'at_risk', indicatorStatusLabel: '存在风险' });
      expect(view.goals[0].indicators[1]).toMatchObject({ statusLabel: '存在风险', assessmentLabel: '基本达到' });
      const task = (await http().get(`/api/tasks?unitId=${health}&kind=monitoring_data&year=2024&planId=${planId}`))
        .body.items[0];
      const detail = (await http().get(`/api/tasks/${task.id}`)).body;
      expect(detail.items.find((i: { goalId: number }) => i.goalId === goal1.id).indicators[1]).toMatchObject({
        id: qualitative,
        reported: null,
        assessment: 'largely_met',
        note: '城镇社区已达标，农村社区仍偏低',
      });
      res = await report(health, 'monitoring_data', goal1.id, {
        indicatorValues: [{ indicatorId: qualitative, assessment: 'met', note: '城乡社区均已达标' }],
      });
      expect(res.status).toBe(200);
      body = await indicators();
      expect(body.goals[0].status).toBe('met');
      expect(body.goals[0]).toMatchObject({ statusLabel: '已达标' });
      expect(body.goals[0].indicators[1]).toMatchObject({ assessmentLabel: '达到', reason: '评估为达到' });
    });

    it('two units reporting different values for one indicator and year are flagged to the office, not settled for the lead', async () => {
      const [health, fulian] = [u['自治县卫生健康局']!, u['自治县妇联']!];
      const indicatorId = goal2.indicators[0]!.id;
      expect(
        (await report(health, 'monitoring_data', goal2.id, { indicatorValues: [{ indicatorId, value: 11 }] })).status,
      ).toBe(200);
      expect(
        (await report(fulian, 'annual_report', goal2.id, { indicatorValues: [{ indicatorId, value: 13 }] })).status,
      ).toBe(200);
      let body = await indicators();
      const ind = body.goals[1].indicators[0];
      expect(ind).toMatchObject({
        status: 'conflict',
        statusLabel: '数据冲突',
        reason: '2个单位上报的2024年数值不一致',
      });
      expect(
        ind.conflict.map(
          (r: { unitName: string; value: number; taskState: string }) => `${r.unitName} ${r.value} ${r.taskState}`,
        ),
      ).toEqual(['自治县妇联 13 in_progress', '自治县卫生健康局 11 in_progress']);
      expect(body.goals[1].status).toBe('conflict');
      expect(body.conflicts).toEqual([
        expect.objectContaining({ goalId: goal2.id, goalNumber: 2, indicatorId, name: '孕产妇死亡率' }),
      ]);
      expect(body.summary).toEqual({ met: 2, at_risk: 0, not_met: 0, no_data: 0, not_evaluable: 0, conflict: 1 });
      // The unit corrects its figure: one value, judged.
      expect(
        (await report(fulian, 'annual_report', goal2.id, { indicatorValues: [{ indicatorId, value: 11 }] })).status,
      ).toBe(200);
      body = await indicators();
      expect(body.goals[1].indicators[0]).toMatchObject({ value: 11, status: 'met', conflict: null });
      expect(body.conflicts).toEqual([]);
    });
  });

  it('an empty submission: the unit is warned before submitting (empty flag) and the office sees it in the review queue', async () => {
    const tuanwei = u['自治县团委']!;
    const sifa = u['自治县司法局']!;
    const empty = (
      await http().post('/api/tasks', {
        unitId: tuanwei,
        title: '妇女议事会建设情况',
        dueOn: '2025-06-30',
        goalIds: [goal1.id],
      })
    ).body;
    const written = (
      await http().post('/api/tasks', {
        unitId: sifa,
        title: '法律援助工作情况',
        dueOn: '2025-06-30',
        goalIds: [goal1.id],
      })
    ).body;
    expect((await http(tuanwei).get(`/api/tasks/${empty.id}`)).body).toMatchObject({ empty: true, reviewFlags: [] });
    const item = (await http(sifa).get(`/api/tasks/${written.id}`)).body.items[0];
    expect(
      (
        await http(sifa).patch(`/api/tasks/${written.id}/items/${item.id}`, {
          version: item.version,
          narrative: '办理法律援助案件42件',
        })
      ).status,
    ).toBe(200);
    expect((await http(sifa).get(`/api/tasks/${written.id}`)).body).toMatchObject({ empty: false, reviewFlags: [] });
    await act(empty.id, 'submit', tuanwei);
    await act(written.id, 'submit', sifa);
    const queue = (await http().get('/api/tasks?state=submitted&kind=ad_hoc&dueFrom=2025-06-30')).body;
    expect(
      queue.items
        .map(
          (x: { id: number; empty: boolean; reviewFlags: string[] }) => `${x.id} ${x.empty} ${x.reviewFlags.join(',')}`,
        )
        .sort(),
    ).toEqual([`${empty.id} true empty_submission`, `${written.id} false `].sort());
    const detail = (await http().get(`/api/tasks/${empty.id}`)).body;
    expect(detail.reviewFlags).toEqual(['empty_submission']);
    expect(detail.events.at(-1)).toMatchObject({ action: 'submit', details: { empty: true } });
  });
});
