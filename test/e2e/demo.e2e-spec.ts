import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type HttpClient, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { DEMO_COMMITTEE_NAME } from '../../src/committees/committees.service.js';
import { DEMO_RETURN_REASON, DemoSeedService } from '../../src/demo/demo-seed.service.js';

const fixture = readFileSync(new URL('../fixtures/hongtong-women-children-plans-14th-fyp.txt', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/**
 * The demo as a new user meets it: live at the clock's date, in a committee of its own, and gone
 * with `demo remove` while real work stays.
 */
describeEachEngine('demo: live at the clock, in its own committee, removable', (engine) => {
  let t: TestApp;
  /** The demo's own office login (the demo committee's administrator). */
  let demoOffice: HttpClient;
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await t.app.get(DataSource).query(sql, params)) as Array<{ n: number | string }>)[0]!.n);

  beforeAll(async () => {
    t = await createTestApp(engine, { 'demo.loadOnEmptyDatabase': true }, { clock });
    demoOffice = t.asLogin('office');
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads into its own committee on an empty database, and the default view shows it', async () => {
    // The demo's committee, then the installation's own (its first administrator belongs to it).
    const committees = (await t.http().get('/api/committees')).body as Array<{ id: number; name: string }>;
    expect(committees.map((c) => c.name)).toEqual([DEMO_COMMITTEE_NAME, t.config.committee.name]);
    // While the installation's own committee holds nothing, the demo is the default view.
    expect((await t.http().get('/api/committees/default')).body.name).toBe(DEMO_COMMITTEE_NAME);
    expect((await demoOffice.get('/api/auth/me')).body.user).toMatchObject({
      role: 'office_admin',
      committeeName: DEMO_COMMITTEE_NAME,
    });
    expect(await count('SELECT COUNT(*) AS n FROM app_user WHERE committee_id = ?', [committees[0]!.id])).toBe(1 + 33);
    // 33 member units and one municipal body (市生态环境局威宁分局), each with one liaison:
    // 36 names in the text less 各成员单位 and the alias 自治县法院.
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(34);
    expect(await count('SELECT COUNT(*) AS n FROM unit WHERE is_member = ?', [true])).toBe(33);
    expect(readme).toContain('with its 34 units (33 members)');
  });

  it("the plan period includes the clock's year: issued last year, moved from the printed 2021–2025", async () => {
    const plans = (await demoOffice.get('/api/plans')).body.items as Array<{
      title: string;
      periodStart: number;
      periodEnd: number;
      issuedOn: string;
      documentNumber: string;
    }>;
    expect(plans).toEqual([
      expect.objectContaining({
        title: '威宁自治县妇女发展规划(2023—2027年)',
        periodStart: 2023,
        periodEnd: 2027,
        issuedOn: '2025-05-05',
        documentNumber: '威府发〔2025〕4号',
      }),
    ]);
  });

  it('its tasks are in every state an office meets', async () => {
    const total = async (query: string) =>
      (await demoOffice.get(`/api/tasks?pageSize=1&${query}`)).body.total as number;
    // Duties due before 2026-12-02: 34 implementation plans (2025-06-05), 34 annual reports and 13
    // monitoring-data tasks for 2025 (2026-01-31), the office's report upward (2026-02-28).
    expect(await total('dueTo=2026-12-01&kind=implementation_plan')).toBe(34);
    // Units 1 and 2 (by id among members) sent nothing: their 2 + 2 + (2 monitoring) are overdue.
    expect(await total('state=accepted')).toBe(70);
    expect(await total('state=returned')).toBe(1);
    expect(await total('state=submitted')).toBe(5);
    // Ad hoc 交办: due in 3 and 7 days; 1, 3 and 10 days late.
    expect(await total('status=due_soon')).toBe(2);
    expect(await total('kind=ad_hoc&status=overdue')).toBe(3);
    expect(await total('status=overdue')).toBe(10);
    const returned = (await demoOffice.get('/api/tasks?state=returned')).body.items[0] as { id: number };
    const detail = (await demoOffice.get(`/api/tasks/${returned.id}`)).body as {
      kind: string;
      events: Array<{ action: string; reason: string | null }>;
    };
    expect(detail.kind).toBe('implementation_plan');
    expect(detail.events.map((e) => e.action).slice(-2)).toEqual(['submit', 'return']);
    expect(detail.events.at(-1)).toMatchObject({ action: 'return', reason: DEMO_RETURN_REASON });
  });

  it("an import by the installation's office goes to its own committee, never the demo", async () => {
    const res = await t
      .http()
      .post('/api/imports')
      .attach('file', fixture, 'hongtong.txt')
      .field('acceptNewUnits', 'true');
    expect(res.status).toBe(201);
    const committees = (await t.http().get('/api/committees')).body as Array<{ id: number; name: string }>;
    expect(committees.map((c) => c.name)).toEqual([DEMO_COMMITTEE_NAME, t.config.committee.name]);
    const [demo, real] = committees;
    expect(await count('SELECT COUNT(*) AS n FROM plan WHERE committee_id = ?', [demo!.id])).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM plan WHERE committee_id = ?', [real!.id])).toBe(2);
    expect(await count('SELECT COUNT(*) AS n FROM unit WHERE committee_id = ?', [demo!.id])).toBe(34);
    // Real work now exists: it is what a request without a committee sees.
    expect((await t.http().get('/api/committees/default')).body.name).toBe(t.config.committee.name);
  });

  it('demo remove deletes the demo committee and everything in it; real data survives', async () => {
    const realUnit = (
      await t
        .http()
        .post('/api/units')
        .send({
          name: '洪洞县妇联',
          kind: 'mass_organisation',
          liaisons: [{ name: '联络员', email: 'l@hongtong.example.org' }],
        })
    ).body as { id: number; committeeId: number };
    const realPlan = (await t.http().get('/api/plans')).body.items[0] as { id: number };
    const task = await t
      .http()
      .post('/api/tasks')
      .send({ unitId: realUnit.id, planId: realPlan.id, title: '报送材料', dueOn: '2026-12-20' });
    expect(task.status).toBe(201);
    const before = {
      units: await count('SELECT COUNT(*) AS n FROM unit WHERE committee_id = ?', [realUnit.committeeId]),
      plans: 2,
    };

    const removed = await t.app.get(DemoSeedService).remove();
    expect(removed).toMatchObject({ plans: 1, units: 34, tasks: 212 + 5 });
    expect(((await t.http().get('/api/committees')).body as Array<{ name: string }>).map((c) => c.name)).toEqual([
      t.config.committee.name,
    ]);
    expect(await count('SELECT COUNT(*) AS n FROM unit')).toBe(before.units);
    expect(await count('SELECT COUNT(*) AS n FROM plan')).toBe(before.plans);
    expect(await count('SELECT COUNT(*) AS n FROM duty_task')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM liaison')).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM unit_alias WHERE alias = '自治县团委'")).toBe(0);
    expect((await t.http().get(`/api/tasks/${task.body.id}`)).status).toBe(200);
    expect(await t.app.get(DemoSeedService).remove()).toBeNull();
    // The demo's logins went with it; the installation's stay.
    expect(await count("SELECT COUNT(*) AS n FROM app_user WHERE login = 'office'")).toBe(0);
    expect((await t.http().get('/api/auth/me')).status).toBe(200);
  });
});
