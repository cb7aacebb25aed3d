import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { UnitsService } from '../../src/units/units.service.js';
import { AppError } from '../../src/common/errors/app-error.js';

const WEINING = readFileSync(new URL('../fixtures/weining-notice-and-women-plan-2021-2025.txt', import.meta.url));

/**
 * Plan import and the task-division sheet write units only through UnitsService (in their own
 * transaction), so its name rule holds: a name that is already some unit's alias is that unit
 * (reused), and creating or aliasing a name another unit carries is refused with DUPLICATE_NAME.
 */
describeEachEngine('units are written through the units module', (engine) => {
  let t: TestApp;
  let health: { id: number; committeeId: number };
  let other: { id: number };
  const unitCount = async () => (await t.http().get('/api/units?pageSize=200')).body.total as number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // The register knows the health bureau under a longer name; the plan text's name is its alias.
    health = (
      await t
        .http()
        .post('/api/units')
        .send({ name: '威宁自治县卫生健康局（全称）', kind: 'government', aliases: ['自治县卫生健康局'] })
    ).body;
    other = (await t.http().post('/api/units').send({ name: '共青团自治县委', kind: 'mass_organisation' })).body;
  });
  afterAll(async () => t?.close());

  it('a plan naming an existing alias reuses that unit; new names become units, mapped names aliases', async () => {
    const res = await t
      .http()
      .post('/api/imports')
      .attach('file', WEINING, 'weining.txt')
      .field('mapping', JSON.stringify({ 自治县团委: other.id }))
      .field('acceptNewUnits', 'true');
    expect(res.status).toBe(201);
    expect(res.body.units.find((u: { name: string }) => u.name === '自治县卫生健康局')).toMatchObject({
      status: 'known',
      unitId: health.id,
    });
    const units = (await t.http().get('/api/units?pageSize=200')).body.items as {
      id: number;
      name: string;
      aliases: { alias: string }[];
    }[];
    expect(units.filter((u) => u.name === '自治县卫生健康局')).toEqual([]);
    expect(units.find((u) => u.id === other.id)!.aliases.map((a) => a.alias)).toEqual(['自治县团委']);
    const tree = (await t.http().get(`/api/plans/${res.body.plans[0].changes.planId}`)).body;
    const goal7 = tree.areas[0].goals.find((g: { number: number }) => g.number === 7);
    expect(
      goal7.assignments.filter((a: { role: string }) => a.role === 'lead').map((a: { unitId: number }) => a.unitId),
    ).toEqual([health.id]);
  });

  it('a task-division sheet naming an alias reuses the unit; a new name is created through UnitsService', async () => {
    const planId = (await t.http().get('/api/plans')).body.items[0].id;
    const before = await unitCount();
    const sheet = Buffer.from(
      '领域,目标序号,目标,牵头单位,责任单位\n1 妇女与健康,1,,自治县卫生健康局,自治县新设单位局\n',
    );
    const res = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .attach('file', sheet, 's.csv')
      .field('acceptNewUnits', 'true');
    expect(res.status).toBe(201);
    expect(res.body.newUnits).toEqual(['自治县新设单位局']);
    expect(res.body.unknownUnits.map((u: { name: string }) => u.name)).toEqual(['自治县新设单位局']);
    expect(await unitCount()).toBe(before + 1);
    const created = (await t.http().get(`/api/units?q=${encodeURIComponent('自治县新设单位局')}`)).body.items;
    expect(created).toEqual([
      expect.objectContaining({
        name: '自治县新设单位局',
        kind: 'government',
        isMember: true,
        committeeId: health.committeeId,
      }),
    ]);
  });

  it("in the caller's transaction, a name another unit holds is refused as UnitsService refuses it", async () => {
    const units = t.app.get(UnitsService);
    const ds = t.app.get(DataSource);
    const before = await unitCount();
    const refused = (work: (em: import('typeorm').EntityManager) => Promise<unknown>) =>
      ds.transaction(work).then(
        () => null,
        (e: unknown) => (e instanceof AppError ? e.code : e),
      );
    // As a new unit's name: taken by health's alias, or by another unit's name.
    expect(
      await refused((em) =>
        units.create({ committeeId: health.committeeId, name: '自治县卫生健康局', kind: 'government' }, em),
      ),
    ).toBe('DUPLICATE_NAME');
    expect(
      await refused((em) =>
        units.create({ committeeId: health.committeeId, name: '共青团自治县委', kind: 'government' }, em),
      ),
    ).toBe('DUPLICATE_NAME');
    // As an alias for another unit: refused; for the unit that already carries it: kept as it is.
    expect(await refused((em) => units.ensureAlias(em, other.id, '自治县卫生健康局'))).toBe('DUPLICATE_NAME');
    expect(await refused((em) => units.ensureAlias(em, health.id, '自治县卫生健康局'))).toBeNull();
    expect(await refused((em) => units.ensureAlias(em, health.id, '威宁自治县卫生健康局（全称）'))).toBeNull();
    expect((await units.get(health.id)).aliases!.map((a) => a.alias)).toEqual(['自治县卫生健康局']);
    expect(await unitCount()).toBe(before);
  });
});
