import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { UnitsService } from '../../src/units/units.service.js';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describeEachEngine('committees API', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('creates the installation committee from config on first use', async () => {
    const res = await t.http().get('/api/committees/default');
    expect(res.body).toMatchObject({
      id: 1,
      name: t.config.committee.name,
      level: 'county',
      timeZone: 'Asia/Shanghai',
      parentId: null,
      version: 1,
    });
  });

  it('keeps a hierarchy of committees, with validation and optimistic locking', async () => {
    const city = await t
      .http()
      .post('/api/committees')
      .send({ name: '毕节市妇女儿童工作委员会', level: 'city', timeZone: 'Asia/Shanghai' });
    expect(city.status).toBe(201);
    const linked = await t.http().patch('/api/committees/1').send({ version: 1, parentId: city.body.id });
    expect(linked.body).toMatchObject({ parentId: city.body.id, version: 2 });
    expect((await t.http().patch('/api/committees/1').send({ version: 1, name: 'x' })).status).toBe(409);
    expect((await t.http().patch('/api/committees/1').send({ version: 2, parentId: 1 })).status).toBe(409);
    const badZone = await t
      .http()
      .post('/api/committees')
      .send({ name: '某委员会', level: 'county', timeZone: 'Mars/Base' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.details.fields[0].field).toBe('timeZone');
    expect(
      (
        await t
          .http()
          .post('/api/committees')
          .send({ name: '毕节市妇女儿童工作委员会', level: 'city', timeZone: 'Asia/Shanghai' })
      ).status,
    ).toBe(409);
    expect((await t.http().get('/api/committees')).body).toHaveLength(2);
  });

  it("keeps units of different committees apart; a user sees and changes only their own committee's", async () => {
    const other = (await t.http().get('/api/committees')).body.find((c: { level: string }) => c.level === 'city');
    // The city committee's unit, made as the city's office would (its own users are its own business).
    const cityUnit = await t.app
      .get(UnitsService)
      .create({ name: '市妇联', kind: 'mass_organisation', committeeId: other.id });
    // The same name is free in another committee; a committeeId in a request cannot reach another committee.
    const own = await t
      .http()
      .post('/api/units')
      .send({ name: '市妇联', kind: 'mass_organisation', committeeId: other.id })
      .expect(201);
    expect(own.body.committeeId).not.toBe(other.id);
    expect(
      (await t.http().get(`/api/units?committeeId=${other.id}`)).body.items.map((u: { id: number }) => u.id),
    ).toEqual([own.body.id]);
    expect((await t.http().get(`/api/units/${cityUnit.id}`)).status).toBe(404);
    expect(
      (await t.http().patch(`/api/units/${cityUnit.id}`).send({ version: cityUnit.version, name: 'x' })).status,
    ).toBe(404);
    expect((await t.http().post(`/api/units/${own.body.id}/merge`).send({ sourceUnitId: cityUnit.id })).status).toBe(
      404,
    );
    // The service refuses such a merge even when asked directly.
    await expect(t.app.get(UnitsService).merge(own.body.id, cityUnit.id)).rejects.toMatchObject({
      code: 'DIFFERENT_COMMITTEES',
    });
  });
});
