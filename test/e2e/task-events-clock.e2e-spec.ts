import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { TaskEvent } from '../../src/duties/entities/task-event.entity.js';
import { Task } from '../../src/duties/entities/task.entity.js';

/**
 * Every task event is written by the one writer at the injected clock's time. The clock is a
 * FixedClock set two years back, so an event stamped with the machine's real time would stand
 * out; it is moved once before the merge, so an event stamped with a time read earlier (and kept)
 * would too. The scenario covers generation, assignment, progress (implicit start), submission,
 * return, acceptance, a deadline change, an extension request and decision, and a unit merge
 * (reassigned).
 */
describeEachEngine('task events: one writer, the injected clock', (engine) => {
  const SET = '2024-03-01T09:00:00+08:00';
  const MERGED_AT = '2024-03-04T10:30:00+08:00';
  const clock = new FixedClock(SET);
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
  });
  afterAll(async () => t?.close());

  it("every event of the scenario carries the clock's time when it was written", async () => {
    const http = t.http();
    const a = (await http.post('/api/units').send({ name: '甲单位', kind: 'government' })).body.id;
    const b = (await http.post('/api/units').send({ name: '乙单位', kind: 'government' })).body.id;
    const plan = (
      await http.post('/api/plans').send({
        title: '时钟测试规划',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        issuedOn: '2023-03-01',
        areas: [{ number: 1, name: '妇女与健康', goals: [{ number: 1, text: '目标一', leadUnitIds: [a] }] }],
      })
    ).body;
    expect((await http.post('/api/duties/generate').send({ planId: plan.id })).status).toBe(200);
    const goalId = plan.areas[0].goals[0].id;

    const task = (
      await http.post('/api/tasks').send({ unitId: a, title: '专项任务', dueOn: '2024-04-30', goalIds: [goalId] })
    ).body;
    const detail = (await http.get(`/api/tasks/${task.id}`)).body;
    const item = detail.items[0];
    expect(
      (
        await t
          .asUnit(a)
          .patch(`/api/tasks/${task.id}/items/${item.id}`)
          .send({ version: item.version, progress: 'on_track', narrative: '已开展' })
      ).status,
    ).toBe(200);
    const act = async (id: number, action: string, as: 'unit' | 'office', reason?: string) => {
      const current = (await http.get(`/api/tasks/${id}`)).body;
      const res = await (as === 'unit' ? t.asUnit(current.unitId) : http)
        .post(`/api/tasks/${id}/actions/${action}`)
        .send({ version: current.version, reason });
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
    };
    await act(task.id, 'submit', 'unit');
    await act(task.id, 'return', 'office', '请补充数据');
    await act(task.id, 'submit', 'unit');
    await act(task.id, 'accept', 'office');

    const second = (await http.post('/api/tasks').send({ unitId: a, title: '延期任务', dueOn: '2024-04-30' })).body;
    expect(
      (
        await http
          .patch(`/api/tasks/${second.id}`)
          .send({ version: second.version, dueOn: '2024-05-10', reason: '统一调整' })
      ).status,
    ).toBe(200);
    const request = (
      await t
        .asUnit(a)
        .post(`/api/tasks/${second.id}/extension-requests`)
        .send({ requestedDueOn: '2024-06-30', reason: '数据尚未发布' })
    ).body;
    expect(
      (await http.post(`/api/extension-requests/${request.id}/decision`).send({ decision: 'approve' })).status,
    ).toBe(200);

    const third = (await http.post('/api/tasks').send({ unitId: b, title: '乙的任务', dueOn: '2024-04-30' })).body;
    clock.set(MERGED_AT);
    expect((await http.post(`/api/units/${a}/merge`).send({ sourceUnitId: b })).status).toBe(201);

    const events = await t.app.get(DataSource).manager.find(TaskEvent, { order: { id: 'ASC' } });
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'generate',
      'assign',
      'start',
      'submit',
      'return',
      'accept',
      'change_due',
      'extension_request',
      'extension_approve',
      'reassigned',
    ]) {
      expect({ action, present: actions.has(action) }).toEqual({ action, present: true });
    }
    // Exactly the clock's instant: the merge's event at the time it was moved to, every other at SET.
    const off = events
      .filter((e) => e.at.getTime() !== new Date(e.action === 'reassigned' ? MERGED_AT : SET).getTime())
      .map((e) => `${e.action} ${e.at.toISOString()}`);
    expect(off).toEqual([]);
    // The merge moved 乙's task to 甲 and said so in its history, by whom.
    const merged = events.filter((e) => e.action === 'reassigned');
    expect(merged).toEqual([
      expect.objectContaining({ taskId: third.id, actorRole: 'office', details: { fromUnitId: b, toUnitId: a } }),
    ]);
    expect((await t.app.get(DataSource).manager.findOneByOrFail(Task, { id: third.id })).unitId).toBe(a);
  });
});
