#!/usr/bin/env node
// Selecting the due reminders among about a million task items, on MariaDB/MySQL (target < 1 s).
// Usage: npm run bench -- notifications-reminders [--committees 100] [--keep]
//
// A synthetic province: N committees × 60 member units (each with a liaison or two and a head),
// 34 tasks per unit with due dates spread over 2021-01-01 … 2026-06-30 and realistic states (most
// past ones submitted or accepted), 5 task items per task: ≈ 1,020,000 task items for N = 100.
// Then, as of 2025-06-30 09:00 (Asia/Shanghai), the daily reminder run is timed:
//   - selection: the duties module's query for every committee's remindable tasks (the due dates
//     that have a reminder today, an index lookup each) — target < 1 s for the whole province;
//   - the ladder's selection: open tasks whose next step (催办/督办) may be due today, with the steps
//     a daily service has already taken recorded in task_escalation (every task 3+ days late urged,
//     10+ days late supervised, each on its day) — against loading every overdue open task, as
//     the run did before;
//   - the whole run without writing (selection + triggers + digests per recipient + rendering);
//   - the same run writing the outbox (one transaction), and a repeat (idempotent: nothing new).
// The database (default mysql://root@127.0.0.1:3306/luoshi_bench, env BENCH_MYSQL_URL) is dropped
// and created anew, and dropped at the end unless --keep.
import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { connectOrSkip } from './lib/mariadb.mjs';

const { loadConfig } = await import('../dist/config/app-config.js');
const { createCliContext } = await import('../dist/bootstrap.js');
const { ReminderService } = await import('../dist/notifications/reminders/reminder.service.js');
const { reminderWindow } = await import('../dist/notifications/reminders/reminder-window.js');
const { DutyRemindersService } = await import('../dist/duties/reminders/duty-reminders.service.js');
const { ladderStepDue } = await import('../dist/notifications/escalation/escalation.store.js');
const { addDays } = await import('../dist/common/time/calendar-date.util.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const COMMITTEES = arg('committees', process.env.BENCH_SMOKE === '1' ? 2 : 100);
const UNITS = 60;
const TASKS_PER_UNIT = 34;
const ITEMS_PER_TASK = 5;
const NOW = '2025-06-30T09:00:00+08:00';
const TODAY = '2025-06-30';
const keep = process.argv.includes('--keep');
const url = new URL(process.env.BENCH_MYSQL_URL || 'mysql://root@127.0.0.1:3306/luoshi_bench');
url.pathname = `/${url.pathname.slice(1) || 'luoshi_bench'}_reminders`;
const dbName = url.pathname.slice(1);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Deterministic pseudo-random numbers, so every run builds the same province.
let seed = 42;
const rnd = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

const conn = {
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
};
// A smoke run (BENCH_SMOKE=1) on a machine without MariaDB skips; CI has one.
const admin = await connectOrSkip(url);
await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
const [[{ v: version }]] = await admin.query('SELECT VERSION() AS v');

const config = loadConfig({
  env: { LUOSHI_NOW: NOW },
  overrides: {
    'database.url': url.toString(),
    'demo.loadOnEmptyDatabase': false,
    'scheduler.enabled': false,
    'log.level': 'error',
  },
});
const app = await createCliContext(config, false); // runs the migrations
const db = await createConnection({ ...conn, database: dbName });
// The first start made the installation's own committee (id 1) and its administrator; the
// synthetic province numbers its committees from 1, so those go first. Foreign key checks stay
// off on this connection for the deletes and the bulk load below (rows go in table by table).
await db.query('SET FOREIGN_KEY_CHECKS = 0');
for (const t of ['audit_entry', 'api_token', 'user_session', 'app_user', 'committee'])
  await db.query(`DELETE FROM \`${t}\``);
async function insert(table, columns, rows) {
  for (let i = 0; i < rows.length; i += 5000)
    await db.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [
      rows.slice(i, i + 5000),
    ]);
}

const t0 = process.hrtime.bigint();
const day0 = Date.parse('2021-01-01T00:00:00Z');
const span = (Date.parse('2026-06-30T00:00:00Z') - day0) / 86_400_000;
const dateAt = (d) => new Date(day0 + d * 86_400_000).toISOString().slice(0, 10);
let unitId = 0,
  liaisonId = 0,
  taskId = 0,
  itemId = 0,
  items = 0,
  tasks = 0;
for (let c = 1; c <= COMMITTEES; c++) {
  const committees = [[c, `委员会${c}`, 'county', 'Asia/Shanghai', null, 1]];
  const plans = [
    [2 * c - 1, c, `妇女发展规划${c}`, 'women', 2021, 2025, 1],
    [2 * c, c, `儿童发展规划${c}`, 'children', 2021, 2025, 1],
  ];
  const units = [],
    liaisons = [],
    taskRows = [],
    itemRows = [];
  for (let u = 0; u < UNITS; u++) {
    unitId++;
    units.push([unitId, c, `单位${c}-${u}`, 'government', 1, `负责人${unitId}`, `head${unitId}@example.gov.cn`, 1]);
    for (let l = 0; l < (u % 4 === 0 ? 2 : 1); l++)
      liaisons.push([
        ++liaisonId,
        unitId,
        `联络员${liaisonId}`,
        `liaison${liaisonId}@example.gov.cn`,
        l === 1 ? 'en' : 'zh-CN',
      ]);
    for (let k = 0; k < TASKS_PER_UNIT; k++) {
      taskId++;
      const due = dateAt(Math.floor(rnd() * span));
      const past = due < TODAY;
      const r = rnd();
      const state = past
        ? r < 0.6
          ? 'accepted'
          : r < 0.7
            ? 'submitted'
            : r < 0.8
              ? 'returned'
              : r < 0.9
                ? 'in_progress'
                : 'assigned'
        : r < 0.1
          ? 'submitted'
          : r < 0.5
            ? 'in_progress'
            : 'assigned';
      taskRows.push([
        taskId,
        c,
        2 * c - 1 + (k % 2),
        unitId,
        'ad_hoc',
        'adhoc',
        Number(due.slice(0, 4)),
        null,
        `任务${taskId}`,
        due,
        due,
        state,
        'bench',
        1,
        '2021-01-01 00:00:00',
        '2021-01-01 00:00:00',
      ]);
      for (let i = 0; i < ITEMS_PER_TASK; i++)
        itemRows.push([++itemId, taskId, `goal:${i}`, null, 'linked', 1, 'not_started', 1]);
    }
  }
  await insert('committee', ['id', 'name', 'level', 'time_zone', 'parent_id', 'version'], committees);
  await insert('plan', ['id', 'committee_id', 'title', 'kind', 'period_start', 'period_end', 'version'], plans);
  await insert(
    'unit',
    ['id', 'committee_id', 'name', 'kind', 'is_member', 'head_name', 'head_email', 'version'],
    units,
  );
  await insert('liaison', ['id', 'unit_id', 'name', 'email', 'locale'], liaisons);
  await insert(
    'duty_task',
    [
      'id',
      'committee_id',
      'plan_id',
      'unit_id',
      'kind',
      'period_key',
      'year',
      'duty_key',
      'title',
      'due_on',
      'original_due_on',
      'state',
      'created_by',
      'version',
      'created_at',
      // Written last when made, before any step (as the service's clock would have it): a task
      // written after its last step stays a ladder candidate (a withdrawn step is retaken).
      'updated_at',
    ],
    taskRows,
  );
  await insert(
    'duty_task_item',
    ['id', 'task_id', 'target_key', 'goal_id', 'role', 'active', 'progress', 'version'],
    itemRows,
  );
  tasks += taskRows.length;
  items += itemRows.length;
}
await db.query('ANALYZE TABLE duty_task, duty_task_item, liaison, unit');
console.log(
  `database ${url.host}/${dbName} (${version}): ${COMMITTEES} committees, ${unitId} units, ${liaisonId} liaisons, ${tasks.toLocaleString('en')} tasks, ${items.toLocaleString('en')} task items (built in ${(ms(t0) / 1000).toFixed(1)} s); as of ${NOW}`,
);

try {
  const source = app.get(DutyRemindersService);
  const reminders = app.get(ReminderService);
  const window = reminderWindow('2025-06-29', TODAY, reminders.policy);

  // Selection for the whole province, warm (the service runs daily; the first run warms the buffer pool).
  const selections = [];
  let selected = 0;
  for (let run = 0; run < 5; run++) {
    const s0 = process.hrtime.bigint();
    selected = 0;
    for (let c = 1; c <= COMMITTEES; c++) selected += (await source.findRemindable(c, TODAY, window)).length;
    selections.push(ms(s0));
  }
  const [[explain]] = await db.query(
    `EXPLAIN SELECT id FROM duty_task WHERE committee_id = 1 AND unit_id IS NOT NULL AND state IN ('assigned','acknowledged','in_progress','returned') AND due_on IN (${window.dueDates.map((d) => `'${d}'`).join(',')})`,
  );
  console.log(
    `selection: ${selected.toLocaleString('en')} open tasks with a reminder due today among ${items.toLocaleString('en')} task items (${window.dueDates.length} candidate due dates, index ${explain.key}): median ${median(selections).toFixed(0)} ms for all ${COMMITTEES} committees over 5 runs, first ${selections[0].toFixed(0)} ms (target < 1000 ms) ${median(selections) < 1000 ? 'OK' : 'ABOVE TARGET'}`,
  );

  // The ladder as a daily service leaves it: every open task urged on its day +3, supervised on +10
  // (those that fell due in the last days are not there yet: their step is due today or soon).
  const ladder = [];
  const [late] = await db.query(
    `SELECT id, committee_id, due_on FROM duty_task WHERE unit_id IS NOT NULL AND state IN ('assigned','acknowledged','in_progress','returned') AND due_on < ?`,
    [addDays(TODAY, -3)],
  );
  const iso = (d) =>
    typeof d === 'string'
      ? d.slice(0, 10)
      : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  for (const t of late) {
    const due = iso(t.due_on);
    if (addDays(due, 3) < TODAY)
      ladder.push([t.committee_id, t.id, due, 'urge', addDays(due, 3), 2, `${addDays(due, 3)} 01:00:00`]);
    if (addDays(due, 10) < TODAY)
      ladder.push([t.committee_id, t.id, due, 'supervise', addDays(due, 10), 3, `${addDays(due, 10)} 01:00:00`]);
  }
  await insert(
    'task_escalation',
    ['committee_id', 'task_id', 'due_on', 'level', 'sent_on', 'recipients', 'created_at'],
    ladder,
  );
  await db.query('ANALYZE TABLE task_escalation');
  const urgeBy = addDays(TODAY, -reminders.policy.escalation.urgeAfterDays);
  const condition = ladderStepDue(TODAY, reminders.policy.escalation);
  const timeLadder = async (also) => {
    const runs = [];
    let n = 0;
    for (let run = 0; run < 5; run++) {
      const s0 = process.hrtime.bigint();
      n = 0;
      for (let c = 1; c <= COMMITTEES; c++) n += (await source.findOverdue(c, urgeBy, also)).length;
      runs.push(ms(s0));
    }
    return { n, median: median(runs) };
  };
  const everyLate = await timeLadder(undefined);
  const stepDue = await timeLadder(condition);
  console.log(
    `ladder selection (${ladder.length.toLocaleString('en')} steps already taken): ${stepDue.n.toLocaleString('en')} tasks with a step that may be due today, median ${stepDue.median.toFixed(0)} ms for all ${COMMITTEES} committees; loading every overdue open task instead (before): ${everyLate.n.toLocaleString('en')} tasks, median ${everyLate.median.toFixed(0)} ms`,
  );
  console.log(
    `reminder selection (digest dates + ladder): median ${(median(selections) + stepDue.median).toFixed(0)} ms (target < 300 ms) ${median(selections) + stepDue.median < 300 ? 'OK' : 'ABOVE TARGET'}`,
  );

  const p0 = process.hrtime.bigint();
  const { messages, report } = await reminders.plan(TODAY);
  const planMs = ms(p0);
  console.log(
    `whole run without writing (selection, triggers, ${report.digests.toLocaleString('en')} digests, ${report.urgeNotices} urging and ${report.superviseNotices} supervision notices, rendered): ${planMs.toFixed(0)} ms for ${messages.length.toLocaleString('en')} messages`,
  );

  const r0 = process.hrtime.bigint();
  const first = await reminders.runTick(TODAY);
  const runMs = ms(r0);
  const a0 = process.hrtime.bigint();
  const again = await reminders.runTick(TODAY);
  const againMs = ms(a0);
  console.log(
    `run writing the outbox: ${first.queued.toLocaleString('en')} messages queued in one transaction in ${runMs.toFixed(0)} ms; repeated: ${again.queued} new, ${again.duplicates.toLocaleString('en')} already queued, ${againMs.toFixed(0)} ms`,
  );
} finally {
  await app.close();
  await db.end();
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
