import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { CommitteesService } from '../../src/committees/committees.service.js';
import { PlansService } from '../../src/plans/plans.service.js';
import { UnitsService } from '../../src/units/units.service.js';

describeEachEngine('plans API', (engine) => {
  let t: TestApp;
  let health: number;
  let fulian: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    health = (await t.http().post('/api/units').send({ name: '自治县卫生健康局', kind: 'government' })).body.id;
    fulian = (await t.http().post('/api/units').send({ name: '自治县妇联', kind: 'mass_organisation' })).body.id;
  });
  afterAll(async () => t.close());

  const planBody = () => ({
    title: '威宁自治县妇女发展规划（2021—2025年）',
    kind: 'women',
    periodStart: 2021,
    periodEnd: 2025,
    issuedOn: '2023-05-05',
    documentNumber: '威府发〔2023〕4号',
    areas: [
      {
        number: 1,
        name: '妇女与健康',
        goals: [
          {
            number: 3,
            text: '孕产妇死亡率下降到12/10万以下。',
            sourceLine: 81,
            leadUnitIds: [health],
            indicators: [
              {
                phrase: '孕产妇死亡率下降到12/10万以下',
                name: '孕产妇死亡率',
                comparator: 'lte',
                value: 12,
                unit: 'per_100k',
              },
            ],
          },
          {
            number: 6,
            text: '目标六（4 之后直接是 6，照印刷保留）',
            leadUnitIds: [health],
            responsibleUnitIds: [fulian],
            allMembersResponsible: true,
          },
        ],
        measures: [{ number: 1, text: '完善妇幼健康服务体系。' }],
      },
    ],
  });

  it('creates a plan with its tree and reads it back with assignments and indicators', async () => {
    const res = await t.http().post('/api/plans').send(planBody());
    expect(res.status).toBe(201);
    const tree = (await t.http().get(`/api/plans/${res.body.id}`)).body;
    expect(tree).toMatchObject({
      title: '威宁自治县妇女发展规划（2021—2025年）',
      kind: 'women',
      periodStart: 2021,
      periodEnd: 2025,
      issuedOn: '2023-05-05',
      documentNumber: '威府发〔2023〕4号',
      status: 'active',
      version: 1,
    });
    expect(tree.areas).toHaveLength(1);
    const [g3, g6] = tree.areas[0].goals;
    expect(g3).toMatchObject({ number: 3, sourceLine: 81 });
    expect(g3.indicators).toEqual([
      expect.objectContaining({ comparator: 'lte', value: 12, unit: 'per_100k', name: '孕产妇死亡率' }),
    ]);
    expect(g6.number).toBe(6);
    const roles = g6.assignments
      .map(
        (a: { unitId: number | null; allMembers: boolean; role: string }) =>
          `${a.role}:${a.allMembers ? 'all' : a.unitId}`,
      )
      .sort();
    expect(roles).toEqual([`lead:${health}`, `responsible:${fulian}`, 'responsible:all'].sort());
    expect(tree.areas[0].measures).toEqual([
      expect.objectContaining({ number: 1, text: '完善妇幼健康服务体系。', assignments: [] }),
    ]);
  });

  it('lists plans with filters, sort and paging', async () => {
    await t
      .http()
      .post('/api/plans')
      .send({ title: '儿童发展规划（2021—2030年）', kind: 'children', periodStart: 2021, periodEnd: 2030 })
      .expect(201);
    await t
      .http()
      .post('/api/plans')
      .send({
        title: '旧妇女发展规划（2011—2020年）',
        kind: 'women',
        periodStart: 2011,
        periodEnd: 2020,
        status: 'archived',
      })
      .expect(201);
    const women = (await t.http().get('/api/plans?kind=women&sort=periodStart')).body;
    expect(women.items.map((p: { periodStart: number }) => p.periodStart)).toEqual([2011, 2021]);
    expect((await t.http().get('/api/plans?year=2028')).body.items.map((p: { kind: string }) => p.kind)).toEqual([
      'children',
    ]);
    expect((await t.http().get('/api/plans?status=archived')).body.total).toBe(1);
    expect((await t.http().get(`/api/plans?q=${encodeURIComponent('儿童')}`)).body.total).toBe(1);
    const paged = (await t.http().get('/api/plans?pageSize=1&page=2&sort=-periodEnd')).body;
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(paged.items[0].periodEnd).toBe(2025);
  });

  it('rejects a period that ends before it starts or is longer than 20 years', async () => {
    const backwards = await t
      .http()
      .post('/api/plans')
      .set('Accept-Language', 'en')
      .send({ ...planBody(), periodStart: 2025, periodEnd: 2021 });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ code: 'INVALID_PERIOD' });
    expect(backwards.body.message).toContain('before');
    const long = await t
      .http()
      .post('/api/plans')
      .set('Accept-Language', 'en')
      .send({ ...planBody(), periodStart: 2021, periodEnd: 2041 });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('21 years');
    expect(
      (
        await t
          .http()
          .post('/api/plans')
          .send({ ...planBody(), areas: [], periodStart: 2021, periodEnd: 2040 })
      ).status,
    ).toBe(201);
    const plan = (await t.http().get('/api/plans?kind=children')).body.items[0];
    const patch = await t.http().patch(`/api/plans/${plan.id}`).send({ version: plan.version, periodEnd: 2019 });
    expect(patch.status).toBe(400);
  });

  it('edits areas, goals, measures and assignments; duplicates are 409; nothing half-written', async () => {
    const plan = (
      await t
        .http()
        .post('/api/plans')
        .send({ title: '编辑测试规划', kind: 'other', periodStart: 2021, periodEnd: 2025 })
    ).body;
    const withArea = await t.http().post(`/api/plans/${plan.id}/areas`).send({ number: 1, name: '领域一' });
    expect(withArea.status).toBe(201);
    const areaId = withArea.body.areas[0].id;
    expect((await t.http().post(`/api/plans/${plan.id}/areas`).send({ number: 1, name: '重复' })).status).toBe(409);
    const goal = await t
      .http()
      .post(`/api/areas/${areaId}/goals`)
      .send({ number: 1, text: '目标', leadUnitIds: [health] });
    expect(goal.status).toBe(201);
    expect((await t.http().post(`/api/areas/${areaId}/goals`).send({ number: 1, text: '重复' })).status).toBe(409);
    const unknownUnit = await t
      .http()
      .post(`/api/areas/${areaId}/goals`)
      .send({ number: 2, text: '目标二', leadUnitIds: [99999] });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.code).toBe('UNKNOWN_UNIT');
    expect((await t.http().get(`/api/plans/${plan.id}`)).body.areas[0].goals).toHaveLength(1);
    const edited = await t.http().patch(`/api/goals/${goal.body.id}`).send({ text: '改过的目标' });
    expect(edited.body.text).toBe('改过的目标');
    const measure = await t.http().post(`/api/areas/${areaId}/measures`).send({ number: 1, text: '措施' });
    expect(measure.status).toBe(201);
    const assign = await t
      .http()
      .post('/api/assignments')
      .send({ measureId: measure.body.id, unitId: fulian, role: 'responsible' });
    expect(assign.status).toBe(201);
    expect(
      (
        await t
          .http()
          .post('/api/assignments')
          .send({ measureId: measure.body.id, unitId: fulian, role: 'responsible' })
      ).status,
    ).toBe(409);
    expect(
      (
        await t
          .http()
          .post('/api/assignments')
          .send({ goalId: goal.body.id, measureId: measure.body.id, unitId: fulian, role: 'lead' })
      ).status,
    ).toBe(400);
    const listed = (await t.http().get(`/api/plans/${plan.id}/assignments?unitId=${fulian}`)).body;
    expect(listed.items.map((a: { id: number }) => a.id)).toEqual([assign.body.id]);
    expect((await t.http().delete(`/api/assignments/${assign.body.id}`)).status).toBe(204);
    expect((await t.http().delete(`/api/goals/${goal.body.id}`)).status).toBe(204);
    expect((await t.http().delete(`/api/measures/${measure.body.id}`)).status).toBe(204);
    expect((await t.http().delete(`/api/areas/${areaId}`)).status).toBe(204);
    expect((await t.http().delete(`/api/plans/${plan.id}`)).status).toBe(204);
    expect((await t.http().get(`/api/plans/${plan.id}`)).status).toBe(404);
  });

  it('deleting a plan removes its tree and frees its units for deletion', async () => {
    const unit = (await t.http().post('/api/units').send({ name: '自治县科协', kind: 'mass_organisation' })).body;
    const plan = (
      await t
        .http()
        .post('/api/plans')
        .send({
          ...planBody(),
          title: '待删规划',
          areas: [{ number: 1, name: 'A', goals: [{ number: 1, text: 'g', leadUnitIds: [unit.id] }] }],
        })
    ).body;
    expect((await t.http().delete(`/api/units/${unit.id}`)).status).toBe(409);
    await t.http().delete(`/api/plans/${plan.id}`).expect(204);
    expect((await t.http().delete(`/api/units/${unit.id}`)).status).toBe(204);
  });

  it('updates a plan with optimistic locking', async () => {
    const plan = (
      await t.http().post('/api/plans').send({ title: '锁测试', kind: 'other', periodStart: 2021, periodEnd: 2025 })
    ).body;
    const ok = await t.http().patch(`/api/plans/${plan.id}`).send({ version: 1, documentNumber: '测府发〔2024〕1号' });
    expect(ok.body).toMatchObject({ version: 2, documentNumber: '测府发〔2024〕1号' });
    const stale = await t.http().patch(`/api/plans/${plan.id}`).send({ version: 1, title: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
  });
  it("edits a goal's assignments as the plan page does: office adds and removes, viewers 403, other committees not found", async () => {
    const plan = (
      await t
        .http()
        .post('/api/plans')
        .send({
          title: '分工编辑规划',
          kind: 'other',
          periodStart: 2021,
          periodEnd: 2025,
          areas: [{ number: 1, name: '领域', goals: [{ number: 1, text: '无牵头的目标' }] }],
        })
    ).body;
    const goalId = (await t.http().get(`/api/plans/${plan.id}`)).body.areas[0].goals[0].id;
    const viewer = await t.asRole('viewer').post('/api/assignments').send({ goalId, unitId: health, role: 'lead' });
    expect(viewer.status).toBe(403);
    const lead = await t.http().post('/api/assignments').send({ goalId, unitId: health, role: 'lead' });
    expect(lead.status).toBe(201);
    const all = await t.http().post('/api/assignments').send({ goalId, allMembers: true, role: 'responsible' });
    expect(all.status).toBe(201);
    // The duplicate the editor never offers still answers 409, in the user's language.
    const again = await t
      .http()
      .post('/api/assignments')
      .set('Accept-Language', 'zh-CN')
      .send({ goalId, unitId: health, role: 'lead' });
    expect([again.status, again.body.code, again.body.message]).toEqual([409, 'DUPLICATE', '已存在相同的记录']);
    const goal = () =>
      t
        .http()
        .get(`/api/plans/${plan.id}`)
        .then((r) => r.body.areas[0].goals[0]);
    expect(
      (await goal()).assignments
        .map(
          (a: { role: string; allMembers: boolean; unit: { name: string } | null }) =>
            `${a.role}:${a.allMembers ? 'all' : a.unit?.name}`,
        )
        .sort(),
    ).toEqual(['lead:自治县卫生健康局', 'responsible:all']);
    expect((await t.asRole('viewer').delete(`/api/assignments/${lead.body.id}`)).status).toBe(403);
    expect((await t.http().delete(`/api/assignments/${lead.body.id}`)).status).toBe(204);
    expect((await t.http().delete(`/api/assignments/${lead.body.id}`)).status).toBe(404);
    expect((await goal()).assignments.map((a: { id: number }) => a.id)).toEqual([all.body.id]);

    // Another committee's plan: its goal and its assignment do not exist for this office.
    const city = await t.app
      .get(CommitteesService)
      .create({ name: '分工测试市委员会', level: 'city', timeZone: 'Asia/Shanghai' });
    const cityUnit = await t.app
      .get(UnitsService)
      .create({ name: '市卫生健康委', kind: 'government', committeeId: city.id });
    const cityPlan = await t.app.get(PlansService).create({
      title: '市规划',
      kind: 'other',
      periodStart: 2021,
      periodEnd: 2025,
      committeeId: city.id,
      areas: [{ number: 1, name: '领域', goals: [{ number: 1, text: '目标', leadUnitIds: [cityUnit.id] }] }],
    });
    const cityGoal = cityPlan.areas[0].goals[0];
    const cityAssignment = cityGoal.assignments[0];
    const foreignAdd = await t
      .http()
      .post('/api/assignments')
      .send({ goalId: cityGoal.id, unitId: cityUnit.id, role: 'responsible' });
    expect([foreignAdd.status, foreignAdd.body.code]).toEqual([404, 'NOT_FOUND']);
    const foreignDelete = await t.http().delete(`/api/assignments/${cityAssignment.id}`);
    expect([foreignDelete.status, foreignDelete.body.code]).toEqual([404, 'NOT_FOUND']);
    const cityTree = await t.app.get(PlansService).getTree(cityPlan.id);
    expect(cityTree.areas[0].goals[0].assignments.map((a) => a.id)).toEqual([cityAssignment.id]);

    // Nor do its areas, goals and measures, to read or to change.
    const cityArea = cityTree.areas[0];
    const foreign = await Promise.all([
      t.http().post(`/api/plans/${cityPlan.id}/areas`).send({ number: 2, name: '新领域' }),
      t.http().get(`/api/plans/${cityPlan.id}/assignments`),
      t.http().patch(`/api/areas/${cityArea.id}`).send({ name: '改名' }),
      t.http().delete(`/api/areas/${cityArea.id}`),
      t.http().post(`/api/areas/${cityArea.id}/goals`).send({ number: 2, text: '新目标' }),
      t.http().post(`/api/areas/${cityArea.id}/measures`).send({ number: 1, text: '新措施' }),
      t.http().get(`/api/goals/${cityGoal.id}`),
      t.http().patch(`/api/goals/${cityGoal.id}`).send({ text: '改写' }),
      t.http().delete(`/api/goals/${cityGoal.id}`),
    ]);
    expect(foreign.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404]);
    // Nor its duty rules, task-division sheet, goal and indicator views or its annual report.
    const foreignReads = await Promise.all([
      t.http().get(`/api/plans/${cityPlan.id}/duty-rules`),
      t.http().get(`/api/plans/${cityPlan.id}/task-division`),
      t
        .http()
        .post(`/api/plans/${cityPlan.id}/task-division`)
        .attach('file', Buffer.from('领域\t目标\t牵头单位\n'), 'sheet.txt'),
      t.http().get(`/api/supervision/goals?planId=${cityPlan.id}&year=2023`),
      t.http().get(`/api/supervision/indicators?planId=${cityPlan.id}&year=2023`),
      t.http().get(`/api/reports/plans/${cityPlan.id}/annual.docx?year=2023`),
      t.http().get(`/api/reports/plans/${cityPlan.id}/monitoring.xlsx?year=2023`),
    ]);
    expect(foreignReads.map((r) => [r.status, r.body?.code])).toEqual(
      Array.from({ length: 7 }, () => [404, 'NOT_FOUND']),
    );
    const after = await t.app.get(PlansService).getTree(cityPlan.id);
    expect([after.areas.length, after.areas[0].name, after.areas[0].goals.map((g) => g.text)]).toEqual([
      1,
      '领域',
      ['目标'],
    ]);
  });
});
