import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { importWeining, type ImportedPlan } from '../helpers/duties-scenario.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { dutiesCommands } from '../../src/duties/duties.commands.js';
import { parseArgs } from '../../src/cli/cli-command.js';

type Row = {
  id: number;
  kind: string;
  periodKey: string;
  year: number;
  unitId: number | null;
  dueOn: string;
  originalDueOn: string;
  state: string;
  version: number;
};

describeEachEngine('duties: generation from the Weining plan', (engine) => {
  let t: TestApp;
  let weining: ImportedPlan;
  const clock = new FixedClock('2023-05-10T09:00:00+08:00');
  const tasks = async (query = ''): Promise<Row[]> => {
    const out: Row[] = [];
    for (let page = 1; ; page++) {
      const res = await t.http().get(`/api/tasks?pageSize=200&page=${page}&sort=id${query}`);
      expect(res.status).toBe(200);
      out.push(...res.body.items);
      if (out.length >= res.body.total) return out;
    }
  };

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    weining = await importWeining(t);
  });
  afterAll(async () => t.close());

  it('shows the plan its rules and the schedule they give (defaults from config/)', async () => {
    const res = await t.http().get(`/api/plans/${weining.planId}/duty-rules`);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(0);
    expect(res.body.overrides).toEqual({});
    const brief = res.body.schedule.duties.map(
      (d: { kind: string; period: string; dueOn: string }) => `${d.kind} ${d.period} ${d.dueOn}`,
    );
    expect(brief).toEqual([
      'implementation_plan once 2023-06-05',
      'annual_report 2023 2024-01-31',
      'monitoring_data 2023 2024-01-31',
      'upward_report 2023 2024-02-28',
      'annual_report 2024 2025-01-31',
      'monitoring_data 2024 2025-01-31',
      'upward_report 2024 2025-02-28',
      'final_evaluation final-2025 2025-12-31',
      'annual_report 2025 2026-01-31',
      'monitoring_data 2025 2026-01-31',
      'upward_report 2025 2026-02-28',
    ]);
    expect(res.body.schedule.skipped).toEqual([
      expect.objectContaining({ kind: 'midterm_evaluation', reason: 'midterm_auto_off' }),
    ]);
  });

  it('generates one task per duty and owing unit, with the due dates the rules give', async () => {
    const res = await t.http().post('/api/duties/generate').send({ planId: weining.planId });
    expect(res.status).toBe(200);
    const [report] = res.body;
    const all = await tasks();
    expect(report.added).toHaveLength(all.length);
    expect(report.moved).toEqual([]);
    expect(report.cancelled).toEqual([]);
    // 10 goals of the Weining plan have no lead unit (domain.md): listed for the office.
    expect(report.goalsWithoutLead).toHaveLength(10);
    const members = weining.memberIds.length;
    // Checked by hand against the text: 34 units (36 names less 各成员单位 and the alias 自治县法院);
    // 13 of them lead the 26 goals with indicators. 34 × (1 + 3 + 1) + 13 × 3 + 3 upward reports = 212.
    expect(members).toBe(34);
    expect(all).toHaveLength(212);
    const byKind = (kind: string) => all.filter((x) => x.kind === kind);
    // 各成员单位 is responsible for 15 goals: every member unit holds goals, so every one owes the unit duties.
    expect(byKind('implementation_plan')).toHaveLength(members);
    expect(new Set(byKind('implementation_plan').map((x) => x.dueOn))).toEqual(new Set(['2023-06-05']));
    expect(byKind('annual_report')).toHaveLength(3 * members);
    expect(byKind('final_evaluation').map((x) => x.dueOn)).toEqual(Array(members).fill('2025-12-31'));
    expect(byKind('midterm_evaluation')).toHaveLength(0);
    expect(byKind('upward_report').map((x) => `${x.unitId} ${x.year} ${x.dueOn}`)).toEqual([
      'null 2023 2024-02-28',
      'null 2024 2025-02-28',
      'null 2025 2026-02-28',
    ]);
    // Monitoring data: the lead units of goals that carry indicators, for 2023, 2024 and 2025.
    const leadsWithIndicators = new Set<number>();
    for (const area of weining.tree.areas)
      for (const g of area.goals)
        if (g.indicators.length)
          for (const a of g.assignments) if (a.role === 'lead' && a.unitId) leadsWithIndicators.add(a.unitId);
    expect(leadsWithIndicators.size).toBe(13);
    expect(byKind('monitoring_data')).toHaveLength(3 * leadsWithIndicators.size);
    expect(new Set(byKind('monitoring_data').map((x) => x.unitId))).toEqual(leadsWithIndicators);
    expect([...new Set(byKind('annual_report').map((x) => `${x.year} ${x.dueOn}`))].sort()).toEqual([
      '2023 2024-01-31',
      '2024 2025-01-31',
      '2025 2026-01-31',
    ]);
    expect(all.every((x) => x.state === 'assigned' && x.dueOn === x.originalDueOn)).toBe(true);
  });

  it('gives each task one item per goal and role the unit holds', async () => {
    const health = weining.units.get('自治县卫生健康局')!;
    const [impl] = await tasks(`&unitId=${health}&kind=implementation_plan`);
    const detail = (await t.http().get(`/api/tasks/${impl!.id}`)).body;
    let expected = 0;
    for (const area of weining.tree.areas)
      for (const g of area.goals) for (const a of g.assignments) if (a.unitId === health || a.allMembers) expected++;
    expect(detail.items).toHaveLength(expected);
    const goal7 = detail.items.find(
      (i: { target: { areaNumber: number; number: number } }) => i.target.areaNumber === 1 && i.target.number === 7,
    );
    expect(goal7).toMatchObject({ role: 'lead', progress: 'not_started', active: true });
    expect(goal7.indicators).toEqual([expect.objectContaining({ unit: '%', value: 20, reported: null })]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await tasks();
    const [report] = (await t.http().post('/api/duties/generate').send({ planId: weining.planId }).expect(200)).body;
    expect(report).toMatchObject({
      added: [],
      moved: [],
      cancelled: [],
      revived: [],
      items: { added: 0, deactivated: 0, reactivated: 0 },
    });
    expect(report.unchanged).toBe(before.length);
    expect(await tasks()).toEqual(before);
  });

  const generate = async (body: object = { planId: weining.planId }) => {
    const res = await t.http().post('/api/duties/generate').send(body);
    expect(res.status).toBe(200);
    return res.body[0];
  };
  const putRules = async (overrides: object) => {
    const current = (await t.http().get(`/api/plans/${weining.planId}/duty-rules`)).body;
    return t
      .http()
      .put(`/api/plans/${weining.planId}/duty-rules`)
      .set('Accept-Language', 'en')
      .send({ version: current.version, overrides });
  };

  it('rule changes are validated, stored per plan, and move the due dates of open tasks', async () => {
    let res = await putRules({ annualReport: { dueMonthDay: '02-30' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_DUTY_RULES');
    expect(res.body.message).toContain('annualReport.dueMonthDay');
    res = await putRules({ annualReport: { dueDay: '12-20' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('annualReport.dueDay: unknown setting');
    expect(
      (
        await t
          .asUnit(weining.memberIds[0])
          .put(`/api/plans/${weining.planId}/duty-rules`)
          .send({ version: 0, overrides: {} })
      ).status,
    ).toBe(403);

    res = await putRules({ annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      overrides: { annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 } },
      effective: { annualReport: { enabled: true, dueMonthDay: '12-20', dueYearOffset: 0 } },
    });
    expect(
      (await t.http().put(`/api/plans/${weining.planId}/duty-rules`).send({ version: 0, overrides: {} })).status,
    ).toBe(409);

    // A dry run reports without writing.
    const before = await tasks('&kind=annual_report');
    const dry = await generate({ planId: weining.planId, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.moved).toHaveLength(before.length);
    expect(await tasks('&kind=annual_report')).toEqual(before);

    const report = await generate();
    expect(report.added).toEqual([]);
    expect(report.moved).toHaveLength(3 * weining.memberIds.length);
    expect(new Set(report.moved.map((m: { from: string; to: string }) => `${m.from}→${m.to}`))).toEqual(
      new Set(['2024-01-31→2023-12-20', '2025-01-31→2024-12-20', '2026-01-31→2025-12-20']),
    );
    const after = await tasks('&kind=annual_report');
    expect(after.every((x) => x.dueOn === x.originalDueOn && x.dueOn === `${x.year}-12-20`)).toBe(true);
    expect(after.every((x, i) => x.version === before[i]!.version + 1)).toBe(true);
    const detail = (await t.http().get(`/api/tasks/${after[0]!.id}`)).body;
    expect(detail.events.at(-1)).toMatchObject({
      action: 'move_due',
      actorRole: 'system',
      details: { from: '2024-01-31', to: '2023-12-20', ruleDueOn: '2023-12-20' },
    });
  });

  it('switching the mid-term evaluation on adds tasks, off cancels the open ones, on again revives them', async () => {
    const members = weining.memberIds.length;
    expect(
      (
        await putRules({
          annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 },
          midtermEvaluation: { enabled: true },
        })
      ).status,
    ).toBe(200);
    let report = await generate();
    expect(report.added).toHaveLength(members);
    expect(new Set(report.added.map((a: { kind: string; dueOn: string }) => `${a.kind} ${a.dueOn}`))).toEqual(
      new Set(['midterm_evaluation 2023-12-31']),
    );
    expect(report.skipped).toEqual([]);
    const mid = await tasks('&kind=midterm_evaluation');
    // One unit has already handed its evaluation in: that stays whatever the rules say next.
    const unit = mid[0]!.unitId!;
    expect(
      (await t.asUnit(unit).post(`/api/tasks/${mid[0]!.id}/actions/submit`).send({ version: mid[0]!.version })).status,
    ).toBe(200);

    expect((await putRules({ annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 } })).status).toBe(200);
    report = await generate();
    expect(report.cancelled).toHaveLength(members - 1);
    expect(report.cancelled.every((c: { reason: string }) => c.reason === 'duty_no_longer_scheduled')).toBe(true);
    expect(report.keptSubmitted).toEqual([
      expect.objectContaining({ taskId: mid[0]!.id, reason: 'duty_no_longer_scheduled' }),
    ]);
    const cancelled = await tasks('&kind=midterm_evaluation&state=cancelled');
    expect(cancelled).toHaveLength(members - 1);
    const gone = (await t.http().get(`/api/tasks/${cancelled[0]!.id}`)).body;
    expect(gone).toMatchObject({
      cancelSource: 'generation',
      cancelledReason: 'no longer applies: the duty rules no longer call for it',
    });
    // The history keeps the service's sentence and its code, which the page words in the reader's language.
    expect(gone.events[gone.events.length - 1]).toMatchObject({
      action: 'cancel',
      reason: 'no longer applies: the duty rules no longer call for it',
      reasonCode: 'duty_no_longer_scheduled',
    });
    const meta = (await t.http().get('/api/duties/meta')).body;
    expect(meta.reasons.duty_no_longer_scheduled['zh-CN']).toBe('职责规则已不再安排此项任务');

    expect(
      (
        await putRules({
          annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 },
          midtermEvaluation: { enabled: true },
        })
      ).status,
    ).toBe(200);
    report = await generate();
    expect(report.revived).toHaveLength(members - 1);
    expect(report.added).toEqual([]);
    expect(await tasks('&kind=midterm_evaluation&state=cancelled')).toEqual([]);
    // An office cancellation is the office's decision: generation does not undo it.
    const [one] = await tasks('&kind=midterm_evaluation&state=assigned');
    expect(
      (
        await t
          .http()
          .post(`/api/tasks/${one!.id}/actions/cancel`)
          .send({ version: one!.version, reason: '合并到年度报告' })
      ).status,
    ).toBe(200);
    report = await generate();
    expect(report.revived).toEqual([]);
    // Nothing to change: the 212 tasks of the plan and its 34 mid-term evaluations (one submitted,
    // one cancelled by the office, the others open) all stay as they are.
    expect(report.unchanged).toBe(212 + members);
  });

  it('assignment changes add items to open tasks and deactivate dropped ones (never deleting them)', async () => {
    const forestry = weining.units.get('自治县林业局')!;
    const goal = weining.tree.areas[0]!.goals.find(
      (g) => g.indicators.length > 0 && !g.assignments.some((a) => a.unitId === forestry),
    )!;
    const assignment = await t
      .http()
      .post('/api/assignments')
      .send({ goalId: goal.id, unitId: forestry, role: 'lead' });
    expect(assignment.status).toBe(201);
    const hadMonitoring = (await tasks(`&unitId=${forestry}&kind=monitoring_data`)).length;
    let report = await generate();
    const open = (await tasks(`&unitId=${forestry}`)).filter(
      (x) => x.state !== 'cancelled' && x.kind !== 'monitoring_data',
    );
    // One item on each open task of the unit, and on its monitoring-data tasks (new ones if it had none).
    expect(report.items.added).toBe(open.length + 3);
    if (!hadMonitoring)
      expect(report.added.map((a: { kind: string; unitId: number }) => `${a.kind} ${a.unitId}`)).toEqual(
        Array(3).fill(`monitoring_data ${forestry}`),
      );
    const annual = (await tasks(`&unitId=${forestry}&kind=annual_report&year=2024`))[0]!;
    let items = (await t.http().get(`/api/tasks/${annual.id}`)).body.items;
    const item = items.find((i: { goalId: number; role: string }) => i.goalId === goal.id && i.role === 'lead');
    expect(item).toMatchObject({ active: true, progress: 'not_started' });
    // The unit writes something on it; then the office takes the goal away again.
    expect(
      (
        await t
          .asUnit(forestry)
          .patch(`/api/tasks/${annual.id}/items/${item.id}`)
          .send({ version: item.version, narrative: '开展林区妇女健康宣传' })
      ).status,
    ).toBe(200);
    expect((await t.http().delete(`/api/assignments/${assignment.body.id}`)).status).toBe(204);
    report = await generate();
    expect(report.items.deactivated).toBe(open.length + (hadMonitoring ? 3 : 0));
    if (!hadMonitoring)
      expect(report.cancelled.map((c: { kind: string; reason: string }) => `${c.kind} ${c.reason}`)).toEqual(
        Array(3).fill('monitoring_data unit_no_longer_holds_goals'),
      );
    items = (await t.http().get(`/api/tasks/${annual.id}`)).body.items;
    expect(items.find((i: { id: number }) => i.id === item.id)).toMatchObject({
      active: false,
      narrative: '开展林区妇女健康宣传',
    });
    const edit = await t
      .asUnit(forestry)
      .patch(`/api/tasks/${annual.id}/items/${item.id}`)
      .send({ version: item.version + 1, progress: 'done' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('ITEM_INACTIVE');
  });

  it('member register changes: a new member owes the duties of 各成员单位, a leaving one has its open tasks cancelled, submitted work stays', async () => {
    const created = await t.http().post('/api/units').send({ name: '自治县统计局', kind: 'government' });
    const stats = created.body.id as number;
    let report = await generate();
    const allMemberGoals = weining.tree.areas
      .flatMap((a) => a.goals)
      .filter((g) => g.assignments.some((a) => a.allMembers)).length;
    expect(report.added.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'annual_report',
      'annual_report',
      'annual_report',
      'final_evaluation',
      'implementation_plan',
      'midterm_evaluation',
    ]);
    expect(
      report.added.every((a: { unitId: number; items: number }) => a.unitId === stats && a.items === allMemberGoals),
    ).toBe(true);
    const impl = (await tasks(`&unitId=${stats}&kind=implementation_plan`))[0]!;
    expect(
      (await t.asUnit(stats).post(`/api/tasks/${impl.id}/actions/submit`).send({ version: impl.version })).status,
    ).toBe(200);

    expect(
      (await t.http().patch(`/api/units/${stats}`).send({ version: created.body.version, isMember: false })).status,
    ).toBe(200);
    report = await generate();
    expect(report.cancelled.map((c: { unitId: number; reason: string }) => `${c.unitId} ${c.reason}`)).toEqual(
      Array(5).fill(`${stats} unit_no_longer_holds_goals`),
    );
    expect(report.keptSubmitted.map((k: { taskId: number }) => k.taskId)).toContain(impl.id);

    const unit = (await t.http().get(`/api/units/${stats}`)).body;
    expect((await t.http().patch(`/api/units/${stats}`).send({ version: unit.version, isMember: true })).status).toBe(
      200,
    );
    report = await generate();
    expect(report.revived).toHaveLength(5);
    expect(report.added).toEqual([]);
  });

  it('a unit with tasks cannot be deleted; merging units moves its tasks, the one further along keeps a shared duty', async () => {
    const stats = (await t.http().get(`/api/units?q=${encodeURIComponent('统计局')}`)).body.items[0];
    const del = await t.http().delete(`/api/units/${stats.id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('UNIT_IN_USE');
    expect(del.body.details.references.some((r: { kind: string }) => r.kind === 'task')).toBe(true);
    const target = weining.units.get('自治县人大办')!;
    const targetImpl = (await tasks(`&unitId=${target}&kind=implementation_plan`))[0]!;
    const statsImpl = (await tasks(`&unitId=${stats.id}&kind=implementation_plan`))[0]!;
    const merged = await t.http().post(`/api/units/${target}/merge`).send({ sourceUnitId: stats.id });
    expect(merged.status).toBe(201);
    expect(merged.body.moved.tasks).toBe(6);
    const impls = await tasks(`&unitId=${target}&kind=implementation_plan`);
    // 统计局 had submitted its implementation plan: that task carries the duty now; 人大办's open one is cancelled, kept for the record.
    expect(impls.map((x) => `${x.id} ${x.state}`).sort()).toEqual(
      [`${statsImpl.id} submitted`, `${targetImpl.id} cancelled`].sort(),
    );
    // Each history says what happened to that task: 统计局's moved over; 人大办's stayed where it was
    // and was cancelled (not "reassigned": it never moved).
    const last = async (id: number) => {
      const events = (await t.http().get(`/api/tasks/${id}`)).body.events as Array<Record<string, unknown>>;
      return events[events.length - 1];
    };
    expect(await last(statsImpl.id)).toMatchObject({
      action: 'reassigned',
      toState: null,
      details: { fromUnitId: stats.id, toUnitId: target, replaces: targetImpl.id },
    });
    expect(await last(targetImpl.id)).toMatchObject({
      action: 'cancel',
      fromState: targetImpl.state,
      toState: 'cancelled',
      reason: "units merged: the other unit's task carries this duty",
      reasonCode: 'units_merged',
      details: { fromUnitId: stats.id, toUnitId: target, keptBy: statsImpl.id },
    });
    expect((await last(statsImpl.id)).reasonCode).toBeNull();
    const report = await generate();
    expect(report.added).toEqual([]);
    expect(report.cancelled).toEqual([]);
  });

  it('CLI: duties generate prints what it added, moved and cancelled', async () => {
    expect((await putRules({})).status).toBe(200);
    const lines: string[] = [];
    const code = await dutiesCommands[0]!.run({
      app: t.app,
      config: t.config,
      args: parseArgs(['generate', '--plan', String(weining.planId)]),
      io: { out: (s) => lines.push(s), err: (s) => lines.push(s) },
    });
    expect(code).toBe(0);
    const text = lines.join('\n');
    // Chinese by default (LUOSHI_LANG=en switches; test/e2e/cli-language.e2e-spec.ts covers both).
    expect(text).toMatch(new RegExp(`规划 ${weining.planId} 威宁自治县妇女发展规划`));
    expect(text).toMatch(/调整 \d+ 项，取消 \d+ 项/);
    expect(text).toContain('2024-12-20 → 2025-01-31');
    expect(text).toMatch(/取消 {2}任务 \d+ 中期评估报告 midterm-2023 .*：该职责已不再安排/);
    expect(text).toContain('没有牵头单位的目标（10项）');
  });

  it('deadlines at month ends: one calendar month after 31 January is the end of February', async () => {
    const unitId = weining.memberIds[0]!;
    for (const [issuedOn, due] of [
      ['2023-01-31', '2023-02-28'],
      ['2024-01-31', '2024-02-29'],
      ['2023-12-31', '2024-01-31'],
    ] as const) {
      const plan = await t
        .http()
        .post('/api/plans')
        .send({
          title: `月末测试 ${issuedOn}`,
          kind: 'other',
          periodStart: 2021,
          periodEnd: 2030,
          issuedOn,
          areas: [{ number: 1, name: '领域', goals: [{ number: 1, text: '目标', leadUnitIds: [unitId] }] }],
        });
      expect(plan.status).toBe(201);
      const report = await generate({ planId: plan.body.id });
      expect(
        report.added
          .filter((a: { kind: string }) => a.kind === 'implementation_plan')
          .map((a: { dueOn: string }) => a.dueOn),
      ).toEqual([due]);
      // A ten-year plan: mid-term evaluation on by default, in 2025.
      expect(
        report.added
          .filter((a: { kind: string }) => a.kind === 'midterm_evaluation')
          .map((a: { dueOn: string }) => a.dueOn),
      ).toEqual(['2025-12-31']);
    }
  });

  it('deleting a plan deletes its duties with it', async () => {
    const unitId = weining.memberIds[0]!;
    const item = (
      await t
        .http()
        .get(
          `/api/tasks/${(await tasks(`&unitId=${unitId}&kind=annual_report&year=2024&planId=${weining.planId}`))[0]!.id}`,
        )
    ).body.items[0];
    expect(
      (
        await t
          .asUnit(unitId)
          .patch(`/api/tasks/${item.taskId}/items/${item.id}`)
          .send({ version: item.version, narrative: 'x' })
      ).status,
    ).toBe(200);
    expect((await t.http().delete(`/api/plans/${weining.planId}`)).status).toBe(204);
    expect(await tasks(`&planId=${weining.planId}`)).toEqual([]);
    expect((await t.http().get(`/api/tasks/${item.taskId}`)).status).toBe(404);
  });
});
