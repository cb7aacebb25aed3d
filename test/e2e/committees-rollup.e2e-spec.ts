import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { binary } from '../helpers/binary.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import type { Role } from '../../src/access/permissions.js';

/**
 * Committees one level up: a city sees its two counties (and a district below one of them) side by
 * side, reads their plans, tasks and the report one sends upward with its file, and changes none
 * of it (403); parents that would close a cycle are refused.
 */
describeEachEngine('committees: hierarchy and roll-up', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2024-02-05T09:00:00+08:00');
  const server = () => request(t.app.getHttpServer());
  let county: number; // the installation's own committee (t.http()'s)
  let city: number;
  let other: number; // a county of another city
  let district: number; // below the second county
  let second: { id: number; client: ReturnType<typeof clientFor> };
  let cityViewer: ReturnType<typeof clientFor>;
  let cityAdmin: ReturnType<typeof clientFor>;
  let countyUnit: number;
  let upwardId: number;
  let attachmentId: number;
  let overdue: number[] = [];

  function clientFor(token: string) {
    const auth = { Authorization: `Bearer ${token}` };
    return {
      get: (url: string) => server().get(url).set(auth),
      post: (url: string) => server().post(url).set(auth),
      patch: (url: string) => server().patch(url).set(auth),
      delete: (url: string) => server().delete(url).set(auth),
    };
  }
  const userIn = async (committeeId: number, login: string, role: Role) => {
    const accounts = t.app.get(AccountsService);
    const user = await accounts.create(committeeId, { login, displayName: login, role });
    return clientFor((await accounts.createToken(user.id, { name: 'test' })).token);
  };
  const committee = async (body: object) =>
    (await t.http().post('/api/committees').send(body).expect(201)).body.id as number;
  /** A committee's own data, made by its own office: units, a plan with its duties, one late ad hoc task per unit. */
  const fill = async (client: { post: (u: string) => request.Test }, units: string[], planTitle: string) => {
    const ids: number[] = [];
    for (const name of units)
      ids.push((await client.post('/api/units').send({ name, kind: 'government' }).expect(201)).body.id);
    const plan = (
      await client
        .post('/api/plans')
        .send({ title: planTitle, kind: 'women', periodStart: 2021, periodEnd: 2025, issuedOn: '2021-12-01' })
        .expect(201)
    ).body;
    await client.post('/api/duties/generate').send({ planId: plan.id }).expect(200);
    for (const unitId of ids)
      await client.post('/api/tasks').send({ unitId, title: '整改督查发现的问题', dueOn: '2024-01-31' }).expect(201);
    return { unitIds: ids, planId: plan.id as number };
  };

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    county = (await t.http().get('/api/auth/me')).body.user.committeeId;
    city = await committee({ name: '毕节市妇女儿童工作委员会', level: 'city', timeZone: 'Asia/Shanghai' });
    const county1 = (await t.http().get(`/api/committees/${county}`)).body;
    await t.http().patch(`/api/committees/${county}`).send({ version: county1.version, parentId: city }).expect(200);
    const secondId = await committee({
      name: '赫章县妇女儿童工作委员会',
      level: 'county',
      timeZone: 'Asia/Shanghai',
      parentId: city,
    });
    second = { id: secondId, client: await userIn(secondId, 'hezhang-office', 'office_admin') };
    district = await committee({
      name: '赫章县某街道妇儿工委',
      level: 'district',
      timeZone: 'Asia/Shanghai',
      parentId: secondId,
    });
    other = await committee({ name: '六盘水市某县妇女儿童工作委员会', level: 'county', timeZone: 'Asia/Shanghai' });
    cityViewer = await userIn(city, 'city-viewer', 'viewer');
    cityAdmin = await userIn(city, 'city-admin', 'office_admin');

    const own = await fill(t.http(), ['自治县卫生健康局', '自治县教育局'], '威宁自治县妇女发展规划（2021—2025年）');
    countyUnit = own.unitIds[0]!;
    await fill(second.client, ['赫章县妇联'], '赫章县妇女发展规划（2021—2025年）');
    // The county office sends its report about 2023 upward, with the document attached.
    const upward = (await t.http().get('/api/tasks?kind=upward_report&year=2023')).body.items[0];
    upwardId = upward.id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x41), Buffer.from('\n%%EOF\n')]);
    const token = (
      await t.app
        .get(AccountsService)
        .createToken((await t.http().get('/api/auth/me')).body.user.id, { name: 'upload' })
    ).token;
    const uploaded = await server()
      .post(`/api/tasks/${upwardId}/attachments`)
      .set('Authorization', `Bearer ${token}`)
      .attach('file', pdf, { filename: '2023年度工作报告.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    attachmentId = uploaded.body.id;
    await t.http().post(`/api/tasks/${upwardId}/actions/submit`).send({ version: upward.version }).expect(200);
  }, 180_000);
  afterAll(async () => t?.close());

  describe('cycles', () => {
    it('refuses a parent below the committee (not only itself), naming the chain', async () => {
      // Only the city's own office changes the city (see the next test).
      const c = (await cityAdmin.get(`/api/committees/${city}`)).body;
      const res = await cityAdmin.patch(`/api/committees/${city}`).send({ version: c.version, parentId: county });
      expect(res.body).toMatchObject({ status: 409, code: 'PARENT_CYCLE', details: { path: [city, county, city] } });
      // Three levels down.
      const deep = await cityAdmin.patch(`/api/committees/${city}`).send({ version: c.version, parentId: district });
      expect(deep.body).toMatchObject({
        status: 409,
        code: 'PARENT_CYCLE',
        details: { path: [city, district, second.id, city] },
      });
      expect(
        (await cityAdmin.patch(`/api/committees/${city}`).send({ version: c.version, parentId: city })).body.code,
      ).toBe('INVALID_PARENT');
      // Nothing changed.
      expect((await t.http().get(`/api/committees/${city}`)).body).toMatchObject({
        parentId: null,
        version: c.version,
      });
    });
  });

  it("changes a committee only through its own office: not its parent's, not a neighbour's, not a stranger's", async () => {
    const before = await Promise.all(
      [city, second.id, other].map(async (id) => (await t.http().get(`/api/committees/${id}`)).body),
    );
    const [cityNow, secondNow, otherNow] = before;
    const answers = [
      // The county office renaming the city above it, or moving it below itself.
      await t.http().patch(`/api/committees/${city}`).send({ version: cityNow.version, name: '改名' }),
      await t.http().patch(`/api/committees/${city}`).send({ version: cityNow.version, parentId: other }),
      // …a neighbouring county under the same city, a committee of another city.
      await t.http().patch(`/api/committees/${second.id}`).send({ version: secondNow.version, parentId: county }),
      await t.http().patch(`/api/committees/${other}`).send({ version: otherNow.version, timeZone: 'Asia/Urumqi' }),
      // A county office changing its district's parent is a write below: read-only.
      await second.client.patch(`/api/committees/${district}`).send({ version: 1, parentId: other }),
    ];
    expect(answers.map((r) => `${r.status} ${r.body.code}`)).toEqual([
      '403 NOT_OWN_COMMITTEE',
      '403 NOT_OWN_COMMITTEE',
      '403 NOT_OWN_COMMITTEE',
      '403 NOT_OWN_COMMITTEE',
      '403 READ_ONLY_COMMITTEE',
    ]);
    expect(answers[0]!.body.message).toBe('只能修改本工委自己的信息');
    // Nothing changed.
    for (const committee of before)
      expect((await t.http().get(`/api/committees/${committee.id}`)).body).toEqual(committee);
    // Its own office may: the city renames itself and back.
    const renamed = await cityAdmin
      .patch(`/api/committees/${city}`)
      .send({ version: cityNow.version, name: '毕节市妇儿工委' })
      .expect(200);
    await cityAdmin
      .patch(`/api/committees/${city}`)
      .send({ version: renamed.body.version, name: cityNow.name })
      .expect(200);
  });

  it("a city viewer sees both counties' (and the district's) plans, rates and overdue counts side by side", async () => {
    const res = await cityViewer.get('/api/supervision/rollup').expect(200);
    expect(res.body.committee).toMatchObject({ id: city, level: 'city' });
    const rows = res.body.rows as Array<{
      committeeId: number;
      name: string;
      depth: number;
      parentId: number;
      today: string;
      plans: Array<{ title: string }>;
      overall: { overdueOpen: number; expected: number; total: number };
      upwardReports: Array<{
        taskId: number;
        year: number;
        state: string;
        attachments: Array<{ id: number; fileName: string }>;
      }>;
    }>;
    expect(rows.map((r) => [r.committeeId, r.depth, r.parentId])).toEqual([
      [county, 1, city],
      [second.id, 1, city],
      [district, 2, second.id],
    ]);
    const [a, b, d] = rows;
    expect(a!.plans.map((p) => p.title)).toEqual(['威宁自治县妇女发展规划（2021—2025年）']);
    expect(b!.plans.map((p) => p.title)).toEqual(['赫章县妇女发展规划（2021—2025年）']);
    expect(d!.plans).toEqual([]);
    expect(a!.today).toBe('2024-02-05');
    // The figures each county's own office sees; the county has one more unit, so one more late task.
    expect(a!.overall).toEqual((await t.http().get('/api/supervision/dashboard')).body.overall);
    expect(b!.overall).toEqual((await second.client.get('/api/supervision/dashboard')).body.overall);
    expect(a!.overall.overdueOpen).toBeGreaterThanOrEqual(2);
    expect(a!.overall.overdueOpen).toBe(b!.overall.overdueOpen + 1);
    overdue = [a!.overall.overdueOpen, b!.overall.overdueOpen];
    // The county's report upward about 2023 is there, submitted, with its document.
    const sent = a!.upwardReports.find((u) => u.year === 2023)!;
    expect(sent).toMatchObject({
      taskId: upwardId,
      state: 'submitted',
      attachments: [{ id: attachmentId, fileName: '2023年度工作报告.pdf' }],
    });
    expect(b!.upwardReports.find((u) => u.year === 2023)).toMatchObject({ state: 'assigned', attachments: [] });
    // Not another city's county.
    expect(rows.map((r) => r.committeeId)).not.toContain(other);
    // Filters: one year's duties only.
    const y2023 = (await cityViewer.get('/api/supervision/rollup?year=2023').expect(200)).body.rows;
    expect(y2023[0].overall.total).toBeLessThan(a!.overall.total);
    expect((await cityViewer.get('/api/supervision/rollup?kind=nonsense')).status).toBe(400);
  });

  it("reads a county's tasks, plans, units and the report's file, by the county's committee id", async () => {
    const detail = await cityViewer.get(`/api/tasks/${upwardId}`).expect(200);
    expect(detail.body).toMatchObject({ id: upwardId, state: 'submitted', allowedActions: [] });
    const file = await cityViewer.get(`/api/tasks/${upwardId}/attachments/${attachmentId}`).buffer(true).parse(binary);
    expect(file.status).toBe(200);
    expect((file.body as Buffer).subarray(0, 8).toString()).toBe('%PDF-1.7');
    const list = (await cityViewer.get(`/api/tasks?committeeId=${second.id}&status=overdue`).expect(200)).body;
    expect(list.items).toHaveLength(overdue[1]!);
    expect(list.items.every((x: { committeeId: number }) => x.committeeId === second.id)).toBe(true);
    expect((await cityViewer.get(`/api/units/${countyUnit}`)).status).toBe(200);
    expect((await cityViewer.get(`/api/plans?committeeId=${second.id}`)).body.items).toHaveLength(1);
    expect((await cityViewer.get(`/api/supervision/dashboard?committeeId=${county}`)).body.overall.overdueOpen).toBe(
      overdue[0],
    );
    // Another city's county does not exist for it; a county does not read its city.
    expect((await cityViewer.get(`/api/units?committeeId=${other}`)).body.items).toEqual([]);
    expect(
      (await second.client.get(`/api/tasks?committeeId=${county}`)).body.items.every(
        (x: { committeeId: number }) => x.committeeId === second.id,
      ),
    ).toBe(true);
    expect(
      (await second.client.get('/api/supervision/rollup')).body.rows.map((r: { committeeId: number }) => r.committeeId),
    ).toEqual([district]);
  });

  it("gets 403 on every write to a county's data — as a viewer, and as the city's administrator too", async () => {
    const unit = (await t.http().get(`/api/units/${countyUnit}`)).body;
    const plan = (await t.http().get('/api/plans')).body.items[0];
    const task = (await t.http().get(`/api/tasks/${upwardId}`)).body;
    const county1 = (await t.http().get(`/api/committees/${county}`)).body;
    const late = (await t.http().get(`/api/tasks?unitId=${countyUnit}&kind=ad_hoc`)).body.items[0];
    const extension = (
      await t
        .asUnit(countyUnit)
        .post(`/api/tasks/${late.id}/extension-requests`)
        .send({ requestedDueOn: '2024-02-29', reason: '数据未齐' })
        .expect(201)
    ).body;
    for (const [who, client] of [
      ['viewer', cityViewer],
      ['admin', cityAdmin],
    ] as const) {
      const writes = [
        await client.patch(`/api/units/${countyUnit}`).send({ version: unit.version, name: '改名' }),
        await client.post(`/api/units/${countyUnit}/liaisons`).send({ name: '王五', email: 'wangwu@example.gov.cn' }),
        await client.post('/api/units').send({ name: '市里建的单位', kind: 'government', committeeId: county }),
        await client.patch(`/api/plans/${plan.id}`).send({ version: plan.version, title: '改名' }),
        await client.post(`/api/tasks/${upwardId}/actions/accept`).send({ version: task.version }),
        await client.post(`/api/tasks/${upwardId}/actions/return`).send({ version: task.version, reason: '重写' }),
        await client.post('/api/duties/generate').send({ planId: plan.id, committeeId: county }),
        await client.patch(`/api/committees/${county}`).send({ version: county1.version, name: '改名' }),
        await client.post(`/api/extension-requests/${extension.id}/decision`).send({ decision: 'approve' }),
      ];
      const codes = writes.map((r) => `${r.status} ${r.body.code}`);
      if (who === 'viewer') expect(codes.every((c) => c.startsWith('403'))).toBe(true);
      else expect(codes).toEqual(Array(writes.length).fill('403 READ_ONLY_COMMITTEE'));
    }
    // Nothing changed.
    expect((await t.http().get(`/api/units/${countyUnit}`)).body.name).toBe(unit.name);
    expect((await t.http().get(`/api/tasks/${upwardId}`)).body).toMatchObject({
      state: 'submitted',
      version: task.version,
    });
    expect((await t.http().get(`/api/tasks/${late.id}`)).body.dueOn).toBe('2024-01-31');
    // The county itself still works on its own data.
    await t.http().patch(`/api/units/${countyUnit}`).send({ version: unit.version, headName: '张三' }).expect(200);
    // A unit liaison sees no roll-up.
    expect((await t.asUnit(countyUnit).get('/api/supervision/rollup')).status).toBe(403);
  });

  it('downloads the roll-up as CSV and as a workbook with the same figures', async () => {
    const csv = await cityViewer.get('/api/supervision/rollup/export?format=csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '工委,层级,上级,今日,规划,应报任务,已报送,已通过,按时,逾期报送,逾期未报,按时率(%),完成率(%),向上报告',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      (await t.http().get(`/api/committees/${county}`)).body.name,
      '赫章县妇女儿童工作委员会',
      '  赫章县某街道妇儿工委',
    ]);
    expect([lines[1]!.split(',')[10], lines[2]!.split(',')[10]]).toEqual(overdue.map(String));
    // The state of the report upward in the reader's words, not its code.
    expect(lines[1]!.split(',')[13]).toContain('2023: 已提交 (1)');
    const xlsx = await cityViewer
      .get('/api/supervision/rollup/export?format=xlsx&lang=en')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('Roll-up')!;
    expect(sheet.getRow(1).getCell(11).value).toBe('Overdue open');
    expect([sheet.getRow(2).getCell(11).value, sheet.getRow(3).getCell(11).value]).toEqual(overdue);
    expect(String(sheet.getRow(2).getCell(14).value)).toContain('2023: Submitted (1)');
  });
});
