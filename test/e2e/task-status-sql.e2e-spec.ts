import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { OFFICE_ACTOR } from '../../src/access/actor.js';
import { addDays, localDateOf, zonedDateTime, type CalendarDate } from '../../src/common/time/calendar-date.util.js';
import { TASK_STATES, type TaskState } from '../../src/duties/domain/task-lifecycle.js';
import { TASK_STATUSES, TRAFFIC_LIGHTS, computeTaskStatus, statusDates } from '../../src/duties/domain/task-status.js';
import {
  daysLateSql,
  lightCaseSql,
  lightConditionSql,
  statusCaseSql,
  statusConditionSql,
  statusSqlParameters,
} from '../../src/duties/domain/task-status.sql.js';
import { Task } from '../../src/duties/entities/task.entity.js';
import { TASK_COLUMNS, TaskQueryService } from '../../src/duties/tasks/task-query.service.js';
import { RatesService } from '../../src/supervision/rates/rates.service.js';
import { computeRateStats } from '../../src/supervision/domain/rates.js';

/**
 * The SQL generated from STATUS_RULES and computeTaskStatus agree on every state × date case:
 * due well before, just before, on and after today and the due-soon edge; no submission, one the
 * day before the deadline, at 23:59 and 00:01 around it (committee time), days later; with and
 * without an extension (due date moved from the original). Run against real rows on each engine,
 * under several due-soon / yellow-late settings, and through the services that use the SQL.
 */
describeEachEngine('task status: generated SQL agrees with computeTaskStatus', (engine) => {
  const TZ = 'Asia/Shanghai';
  const now = new Date('2025-06-30T12:00:00+08:00');
  const today: CalendarDate = '2025-06-30';
  const clock = new FixedClock(now);
  let t: TestApp;
  let ds: DataSource;
  let rows: Task[];

  const DUE_OFFSETS = [-30, -3, -2, -1, 0, 1, 3, 6, 7, 8, 30];
  // Submission relative to the due date: [days, local time]; null: never submitted.
  const SUBMISSIONS: ([number, string] | null)[] = [null, [-1, '10:00'], [0, '23:59'], [1, '00:01'], [5, '09:00']];

  beforeAll(async () => {
    t = await createTestApp(engine, { 'duties.dueSoonDays': 7, 'duties.yellowLateDays': 2 }, { clock });
    ds = t.app.get(DataSource);
    const unit = (await t.http().post('/api/units').send({ name: '状态单位', kind: 'government' })).body;
    const inserts: Partial<Task>[] = [];
    for (const state of TASK_STATES) {
      for (const offset of DUE_OFFSETS) {
        for (const sub of SUBMISSIONS) {
          for (const extended of [false, true]) {
            const dueOn = addDays(today, offset);
            const submittedAt = sub ? zonedDateTime(addDays(dueOn, sub[0]), sub[1], TZ) : null;
            inserts.push({
              committeeId: unit.committeeId,
              planId: null,
              unitId: unit.id,
              kind: 'ad_hoc',
              periodKey: 'adhoc',
              year: 2025,
              dutyKey: null,
              title: `${state} ${offset} ${sub?.join(' ') ?? '-'} ${extended ? 'ext' : ''}`,
              dueOn,
              originalDueOn: extended ? addDays(dueOn, -14) : dueOn,
              state,
              submittedAt,
              submittedOn: submittedAt ? localDateOf(submittedAt, TZ) : null,
              lastSubmittedAt: submittedAt,
              acceptedAt: state === 'accepted' ? zonedDateTime(addDays(dueOn, 10), '10:00', TZ) : null,
              createdBy: 'test',
            });
          }
        }
      }
    }
    for (let i = 0; i < inserts.length; i += 200) await ds.manager.insert(Task, inserts.slice(i, i + 200) as never);
    rows = await ds.manager.find(Task, { where: { committeeId: unit.committeeId }, order: { id: 'ASC' } });
    expect(rows).toHaveLength(TASK_STATES.length * DUE_OFFSETS.length * SUBMISSIONS.length * 2);
  });

  afterAll(async () => {
    await t?.close();
  });

  const SETTINGS: [number, number][] = [
    [7, 0],
    [7, 2],
    [0, 0],
    [3, 5],
  ];

  it.each(SETTINGS)(
    'CASE expressions and conditions, dueSoonDays %i, yellowLateDays %i',
    async (dueSoonDays, yellowLateDays) => {
      const dates = statusDates(now, TZ, dueSoonDays, yellowLateDays);
      const qb = ds
        .createQueryBuilder(Task, 'task')
        .select('task.id', 'id')
        .addSelect(statusCaseSql(TASK_COLUMNS), 'status')
        .addSelect(lightCaseSql(TASK_COLUMNS), 'light')
        .addSelect(daysLateSql(engine, TASK_COLUMNS), 'daysLate');
      for (const s of TASK_STATUSES)
        qb.addSelect(`CASE WHEN ${statusConditionSql(s, TASK_COLUMNS)} THEN 1 ELSE 0 END`, `is_${s}`);
      for (const l of TRAFFIC_LIGHTS)
        qb.addSelect(`CASE WHEN ${lightConditionSql(l, TASK_COLUMNS)} THEN 1 ELSE 0 END`, `is_${l}`);
      qb.addSelect(
        `CASE WHEN ${statusConditionSql('overdue', TASK_COLUMNS, undefined, 'red')} THEN 1 ELSE 0 END`,
        'is_overdue_red',
      );
      const raw = await qb
        .setParameters(statusSqlParameters(dates))
        .orderBy('task.id')
        .getRawMany<Record<string, unknown>>();
      expect(raw).toHaveLength(rows.length);
      const seen = new Set<string>();
      const mismatches: string[] = [];
      rows.forEach((task, i) => {
        const r = raw[i]!;
        const ts = computeTaskStatus({
          dueOn: task.dueOn,
          state: task.state,
          submittedAt: task.submittedAt,
          now,
          timeZone: TZ,
          dueSoonDays,
          yellowLateDays,
        });
        const sql = {
          status: r.status,
          light: r.light,
          daysLate: Number(r.daysLate),
          statuses: TASK_STATUSES.filter((s) => Number(r[`is_${s}`]) === 1),
          lights: TRAFFIC_LIGHTS.filter((l) => Number(r[`is_${l}`]) === 1),
          overdueRed: Number(r.is_overdue_red) === 1,
        };
        const expected = {
          status: ts.status,
          light: ts.light,
          daysLate: ts.daysLate ?? 0,
          statuses: [ts.status],
          lights: [ts.light],
          overdueRed: ts.status === 'overdue' && ts.light === 'red',
        };
        if (JSON.stringify(sql) !== JSON.stringify(expected))
          mismatches.push(`${task.title} due ${task.dueOn}: sql ${JSON.stringify(sql)} ts ${JSON.stringify(expected)}`);
        seen.add(`${ts.status}/${ts.light}`);
      });
      expect(mismatches).toEqual([]);
      // The cases reach every cell the settings allow (yellow overdue needs yellowLateDays > 0).
      const cells = [
        'cancelled/grey',
        'done_on_time/green',
        'done_late/yellow',
        'overdue/red',
        'due_soon/yellow',
        'not_due/green',
      ];
      if (yellowLateDays > 0) cells.push('overdue/yellow');
      expect([...seen].sort()).toEqual(cells.sort());
    },
  );

  it('the task list filters and the dashboard counts classify as the task view does', async () => {
    const tasks = t.app.get(TaskQueryService);
    const rates = t.app.get(RatesService);
    const ctx = await tasks.context(OFFICE_ACTOR, rows[0]!.committeeId);
    const views = rows.map((task) => tasks.view(task, ctx, OFFICE_ACTOR));
    for (const status of TASK_STATUSES) {
      const ids = (
        await tasks.filtered(OFFICE_ACTOR, { status }, ctx).select('task.id').orderBy('task.id').getMany()
      ).map((x) => x.id);
      expect({ status, ids }).toEqual({ status, ids: views.filter((v) => v.status === status).map((v) => v.id) });
    }
    for (const light of TRAFFIC_LIGHTS) {
      const ids = (
        await tasks.filtered(OFFICE_ACTOR, { light }, ctx).select('task.id').orderBy('task.id').getMany()
      ).map((x) => x.id);
      expect({ light, ids }).toEqual({ light, ids: views.filter((v) => v.light === light).map((v) => v.id) });
    }
    const lights = await rates.lights(OFFICE_ACTOR, {}, ctx);
    const count = (f: (v: (typeof views)[number]) => boolean) => views.filter(f).length;
    expect(lights).toEqual({
      not_due: count((v) => v.status === 'not_due'),
      due_soon: count((v) => v.status === 'due_soon'),
      overdue: count((v) => v.status === 'overdue'),
      done_on_time: count((v) => v.status === 'done_on_time'),
      done_late: count((v) => v.status === 'done_late'),
      cancelled: count((v) => v.status === 'cancelled'),
      green: count((v) => v.light === 'green'),
      yellow: count((v) => v.light === 'yellow'),
      red: count((v) => v.light === 'red'),
      grey: count((v) => v.light === 'grey'),
    });
    // yellowLateDays 2 here: both overdue lights occur.
    expect(count((v) => v.status === 'overdue' && v.light === 'yellow')).toBeGreaterThan(0);
    const overall = await rates.overall(OFFICE_ACTOR, {}, ctx);
    const facts = rows.map((r) => ({
      unitId: String(r.unitId),
      planId: 'none',
      kind: r.kind,
      dueOn: r.dueOn,
      state: r.state as TaskState,
      submittedAt: r.submittedAt,
      acceptedAt: r.acceptedAt,
    }));
    expect(overall).toEqual(computeRateStats(facts, { now, timeZone: TZ }));
  });
});
