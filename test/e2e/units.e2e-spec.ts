import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DataSource, In } from 'typeorm';
import { Unit } from '../../src/units/unit.entity.js';

describeEachEngine('units API', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  const create = (body: object) => t.http().post('/api/units').send(body);

  it('creates a unit with aliases and liaisons, in UTF-8 both ways', async () => {
    const res = await create({
      name: '自治县卫生健康局',
      kind: 'government',
      aliases: ['县卫健局', '卫生健康局'],
      liaisons: [{ name: '张敏', email: 'zhangmin@example.gov.cn', phone: '0857-6221234' }],
      headName: '王局长',
      headEmail: 'head@example.gov.cn',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '自治县卫生健康局', kind: 'government', isMember: true, version: 1 });
    expect(res.body.aliases.map((a: { alias: string }) => a.alias).sort()).toEqual(['县卫健局', '卫生健康局'].sort());
    expect(res.body.liaisons).toEqual([
      expect.objectContaining({ name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' }),
    ]);
    const got = await t.http().get(`/api/units/${res.body.id}`);
    expect(got.body.name).toBe('自治县卫生健康局');
  });

  it('handles concurrent writes (each one a transaction) without losing any', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `并发单位${i}`);
    const results = await Promise.all(
      names.map((name) =>
        create({
          name,
          kind: 'other',
          aliases: [`${name}简称`],
          liaisons: [{ name: 'x', email: `c${name.length}@example.org` }],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(names.map(() => 201));
    const listed = await t.http().get(`/api/units?q=${encodeURIComponent('并发单位')}&pageSize=50`);
    expect(listed.body.total).toBe(8);
    await Promise.all(results.map((r) => t.http().delete(`/api/units/${r.body.id}`).expect(204)));
  });

  it('runs overlapping transactions on one data source (SQLite has a single connection)', async () => {
    const ds = t.app.get(DataSource);
    // Yields one turn of the event loop (no clock): the other transactions, already started by
    // Promise.all, get to run their statements while this one is still open.
    const pause = () => new Promise((resolve) => setImmediate(resolve));
    const work = (name: string) =>
      ds.transaction(async (em) => {
        await em.query('SELECT 1');
        await pause();
        await em.getRepository(Unit).save({ committeeId: 1, name, kind: 'other' as const, isMember: false });
        await pause();
      });
    await Promise.all([work('重叠事务甲'), work('重叠事务乙'), work('重叠事务丙')]);
    expect(await ds.getRepository(Unit).countBy({ name: In(['重叠事务甲', '重叠事务乙', '重叠事务丙']) })).toBe(3);
    await ds.getRepository(Unit).delete({ name: In(['重叠事务甲', '重叠事务乙', '重叠事务丙']) });
  });

  it('refuses a duplicate name or alias with 409, across names and aliases', async () => {
    const dupName = await create({ name: '自治县卫生健康局', kind: 'government' });
    expect(dupName.status).toBe(409);
    expect(dupName.body.code).toBe('DUPLICATE_NAME');
    const nameIsAlias = await create({ name: '县卫健局', kind: 'government' });
    expect(nameIsAlias.status).toBe(409);
    const aliasIsName = await create({ name: '自治县妇联', kind: 'mass_organisation', aliases: ['自治县卫生健康局'] });
    expect(aliasIsName.status).toBe(409);
    expect(aliasIsName.body.message).toContain('自治县卫生健康局');
  });

  it('lists with filter, search by alias, sort and paging', async () => {
    for (const [name, kind] of [
      ['自治县总工会', 'mass_organisation'],
      ['自治县人民法院', 'judicial'],
      ['自治县委宣传部', 'party'],
    ]) {
      expect((await create({ name, kind, aliases: name === '自治县人民法院' ? ['自治县法院'] : [] })).status).toBe(201);
    }
    const judicial = await t.http().get('/api/units?kind=judicial');
    expect(judicial.body.items.map((u: { name: string }) => u.name)).toEqual(['自治县人民法院']);
    const byAlias = await t.http().get(`/api/units?q=${encodeURIComponent('法院')}`);
    expect(byAlias.body.total).toBe(1);
    const page = await t.http().get('/api/units?sort=-name&pageSize=2&page=1');
    expect(page.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    const names = (await t.http().get('/api/units?sort=name&pageSize=200')).body.items.map(
      (u: { name: string }) => u.name,
    );
    expect([...names].sort()).toEqual(names);
    const wildcard = await t.http().get(`/api/units?q=${encodeURIComponent('%')}`);
    expect(wildcard.body.total).toBe(0);
    const badSort = await t.http().get('/api/units?sort=password').set('Accept-Language', 'en');
    expect(badSort.status).toBe(400);
    expect(badSort.body.message).toContain('allowed');
  });

  it('updates with optimistic locking: a stale version gets 409', async () => {
    const unit = (await create({ name: '自治县民政局', kind: 'government' })).body;
    const first = await t.http().patch(`/api/units/${unit.id}`).send({ version: 1, headName: '李四' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ headName: '李四', version: 2 });
    const stale = await t.http().patch(`/api/units/${unit.id}`).send({ version: 1, headName: '王五' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, expectedVersion: 1 } });
    expect((await t.http().get(`/api/units/${unit.id}`)).body.headName).toBe('李四');
  });

  it('manages aliases and liaisons individually', async () => {
    const unit = (await create({ name: '共青团自治县委', kind: 'mass_organisation' })).body;
    const withAlias = await t.http().post(`/api/units/${unit.id}/aliases`).send({ alias: '自治县团委' });
    expect(withAlias.status).toBe(201);
    const aliasId = withAlias.body.aliases[0].id;
    expect((await t.http().post(`/api/units/${unit.id}/aliases`).send({ alias: '自治县团委' })).status).toBe(409);
    const liaison = await t
      .http()
      .post(`/api/units/${unit.id}/liaisons`)
      .send({ name: 'Li Lei', email: 'lilei@example.org', locale: 'en' });
    expect(liaison.status).toBe(201);
    const edited = await t.http().patch(`/api/units/${unit.id}/liaisons/${liaison.body.id}`).send({ phone: '123' });
    expect(edited.body).toMatchObject({ phone: '123', locale: 'en' });
    expect((await t.http().delete(`/api/units/${unit.id}/liaisons/${liaison.body.id}`)).status).toBe(204);
    expect((await t.http().delete(`/api/units/${unit.id}/aliases/${aliasId}`)).status).toBe(200);
    expect((await t.http().get(`/api/units/${unit.id}`)).body).toMatchObject({ aliases: [], liaisons: [] });
  });

  it('refuses to delete an assigned unit, saying where, and merges keeping every reference', async () => {
    const keep = (
      await create({ name: '自治县妇联', kind: 'mass_organisation', liaisons: [{ name: 'A', email: 'a@example.org' }] })
    ).body;
    const dup = (
      await create({
        name: '县妇女联合会',
        kind: 'mass_organisation',
        aliases: ['妇联'],
        liaisons: [
          { name: 'A', email: 'A@example.org' },
          { name: 'B', email: 'b@example.org' },
        ],
      })
    ).body;
    const plan = await t
      .http()
      .post('/api/plans')
      .send({
        title: '测试妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        areas: [
          {
            number: 1,
            name: '妇女与健康',
            goals: [
              { number: 1, text: '目标一', leadUnitIds: [dup.id], responsibleUnitIds: [keep.id] },
              { number: 2, text: '目标二', responsibleUnitIds: [dup.id, keep.id] },
            ],
          },
        ],
      });
    expect(plan.status).toBe(201);
    const refused = await t.http().delete(`/api/units/${dup.id}`).set('Accept-Language', 'en');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('UNIT_IN_USE');
    expect(refused.body.message).toContain('测试妇女发展规划');
    expect(refused.body.message).toContain('merge');
    expect(refused.body.details.references).toHaveLength(2);

    const merged = await t.http().post(`/api/units/${keep.id}/merge`).send({ sourceUnitId: dup.id });
    expect(merged.status).toBe(201);
    expect(merged.body.unit.aliases.map((a: { alias: string }) => a.alias).sort()).toEqual(
      ['县妇女联合会', '妇联'].sort(),
    );
    expect(merged.body.unit.liaisons.map((l: { email: string }) => l.email).sort()).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
    expect((await t.http().get(`/api/units/${dup.id}`)).status).toBe(404);
    const tree = (await t.http().get(`/api/plans/${plan.body.id}`)).body;
    const [g1, g2] = tree.areas[0].goals;
    expect(g1.assignments.map((a: { unitId: number; role: string }) => [a.unitId, a.role]).sort()).toEqual([
      [keep.id, 'lead'],
      [keep.id, 'responsible'],
    ]);
    // Both were responsible for goal 2: one assignment remains.
    expect(g2.assignments.map((a: { unitId: number; role: string }) => [a.unitId, a.role])).toEqual([
      [keep.id, 'responsible'],
    ]);

    const unassigned = (await create({ name: '临时单位', kind: 'other' })).body;
    expect((await t.http().delete(`/api/units/${unassigned.id}`)).status).toBe(204);
  });
});
