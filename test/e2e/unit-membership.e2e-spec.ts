import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { UnitsService } from '../../src/units/units.service.js';

/**
 * 各成员单位 means the current members, by one rule (isCurrentMember) everywhere: duty generation,
 * the member list (UnitsService.members) and the ranking's unranked rows. "Today" is 2025-06-30 in
 * Shanghai; one unit's membership ended yesterday, one starts tomorrow, one is no member at all.
 */
describeEachEngine('units: current members by membership dates', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2025-06-30T10:00:00+08:00');
  const id: Record<string, number> = {};
  let committeeId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    const units: [string, object][] = [
      ['current', { name: '现任成员单位', kind: 'government' }],
      ['ended', { name: '已退出单位', kind: 'government', memberSince: '2021-01-01', memberUntil: '2025-06-29' }],
      ['future', { name: '待加入单位', kind: 'government', memberSince: '2025-07-01' }],
      ['outsider', { name: '非成员单位', kind: 'government', isMember: false }],
    ];
    for (const [key, body] of units) {
      const res = await t.http().post('/api/units').send(body);
      expect(res.status).toBe(201);
      id[key] = res.body.id;
      committeeId = res.body.committeeId;
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('UnitsService.members: only units whose membership covers the day (both ends inclusive)', async () => {
    const units = t.app.get(UnitsService);
    expect((await units.members(committeeId)).map((u) => u.id)).toEqual([id.current]);
    expect((await units.members(committeeId, '2025-06-29')).map((u) => u.id)).toEqual([id.current, id.ended]);
    expect((await units.members(committeeId, '2025-07-01')).map((u) => u.id)).toEqual([id.current, id.future]);
  });

  it('generation gives 各成员单位 duties to current members only', async () => {
    const plan = await t
      .http()
      .post('/api/plans')
      .send({
        title: '成员测试规划',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        issuedOn: '2023-03-01',
        areas: [
          {
            number: 1,
            name: '妇女与健康',
            goals: [{ number: 1, text: '各成员单位共同负责的目标', allMembersLead: true }],
          },
        ],
      });
    expect(plan.status).toBe(201);
    const run = await t.http().post('/api/duties/generate').send({ planId: plan.body.id });
    expect({ status: run.status, body: run.status === 200 ? null : run.body }).toEqual({ status: 200, body: null });
    const tasks = (await t.http().get(`/api/tasks?planId=${plan.body.id}&pageSize=100`)).body.items as {
      unitId: number | null;
    }[];
    expect(tasks.length).toBeGreaterThan(0);
    expect([...new Set(tasks.map((x) => x.unitId).filter((u) => u !== null))]).toEqual([id.current]);
  });

  it('the ranking lists current members only (those with nothing due unranked)', async () => {
    const ranking = (await t.http().get('/api/supervision/ranking')).body as { unitId: string }[];
    expect(ranking.map((r) => r.unitId)).toEqual([String(id.current)]);
    clock.set('2025-07-01T10:00:00+08:00');
    const later = (await t.http().get('/api/supervision/ranking')).body as { unitId: string }[];
    expect(later.map((r) => r.unitId).sort()).toEqual([String(id.current), String(id.future)].sort());
  });
});
