import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';

/**
 * GET /api/tasks, the dashboard and the plan tree reuse their answer while nothing was written
 * (SQLite) for at most server.readCacheMs: what a caller sees must still follow every write, every
 * change of the clock, and stay the caller's own.
 */
describeEachEngine('read cache of the lists', (engine) => {
  const clock = new FixedClock('2025-03-20T09:00:00+08:00');
  let t: TestApp;
  let taskId: number;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { 'server.readCacheMs': 60_000 }, { clock });
    unitId = (await t.http().post('/api/units').send({ name: '自治县教育局', kind: 'government' })).body.id;
    const other = (await t.http().post('/api/units').send({ name: '自治县民政局', kind: 'government' })).body.id;
    taskId = (await t.http().post('/api/tasks').send({ unitId, title: '整改报告', dueOn: '2025-03-25' })).body.id;
    await t.http().post('/api/tasks').send({ unitId: other, title: '另一单位的任务', dueOn: '2025-03-25' });
  });
  afterAll(() => t.close());

  const list = async (client = t.http()) => {
    const res = await client.get('/api/tasks');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.body as {
      items: Array<{ id: number; title: string; status: string; daysLeft: number | null }>;
      total: number;
    };
  };

  it('answers the same twice, and follows a write through the API', async () => {
    const first = await list();
    expect(await list()).toEqual(first);
    expect(first.items.find((i) => i.id === taskId)).toMatchObject({
      title: '整改报告',
      status: 'due_soon',
      daysLeft: 5,
    });
    const version = (await t.http().get(`/api/tasks/${taskId}`)).body.version;
    expect((await t.http().patch(`/api/tasks/${taskId}`).send({ version, title: '整改报告（修订）' })).status).toBe(
      200,
    );
    expect((await list()).items.find((i) => i.id === taskId)?.title).toBe('整改报告（修订）');
  });

  it('follows a write made beside the API (the same database, raw SQL)', async () => {
    await list();
    await t.app.get(DataSource).query('UPDATE duty_task SET title = ? WHERE id = ?', ['直接改的标题', taskId]);
    expect((await list()).items.find((i) => i.id === taskId)?.title).toBe('直接改的标题');
  });

  it('follows the clock: days left and status move with it', async () => {
    expect((await list()).items.find((i) => i.id === taskId)?.daysLeft).toBe(5);
    clock.set('2025-03-27T09:00:00+08:00');
    expect((await list()).items.find((i) => i.id === taskId)).toMatchObject({ status: 'overdue', daysLeft: null });
    clock.set('2025-03-20T09:00:00+08:00');
    expect((await list()).items.find((i) => i.id === taskId)?.daysLeft).toBe(5);
  });

  it("never hands one caller another's answer", async () => {
    const office = await list();
    expect(office.total).toBe(2);
    const unit = await list(t.asUnit(unitId));
    expect(unit.items.map((i) => i.id)).toEqual([taskId]);
    expect((await list()).total).toBe(2);
  });
});
