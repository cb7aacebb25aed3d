#!/usr/bin/env node
// Outbox throughput: queue N rendered reminder e-mails, then time the sender delivering them over
// pooled SMTP to a local SMTP sink (a separate process, so it does not share the sender's CPU).
// Target: 200 messages/s or better. SQLite, and MariaDB/MySQL when one answers.
// The database holds the demo, so the pre-send check (stop on submission) looks at real tasks:
// nine in ten messages are about an open task and are delivered, one in ten about an accepted
// one and is cancelled by the check; both counts are printed and must come out exactly.
// Usage: npm run bench -- notifications-outbox   (BENCH_MESSAGES=2000, BENCH_MYSQL_URL=mysql://…,
// BENCH_SMOKE=1: 100 messages)
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onExit } from './lib/children.mjs';

if (process.argv[2] === '--sink') {
  // The SMTP sink: accepts everything, counts messages.
  const { SMTPServer } = await import('smtp-server');
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        count++;
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
  process.on('message', (m) => {
    if (m === 'count') process.send({ count });
    if (m === 'reset') {
      count = 0;
      process.send({ reset: true });
    }
    if (m === 'stop') server.close(() => process.exit(0));
  });
  // The bench process ended (or died): so does the sink.
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main() {
  const N = Number(process.env.BENCH_MESSAGES ?? (process.env.BENCH_SMOKE === '1' ? 100 : 2000));
  const sink = fork(fileURLToPath(import.meta.url), ['--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stopSink = onExit(() => sink.kill('SIGKILL'));
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the SMTP sink did not answer ${JSON.stringify(msg)} in 30 s`)),
        30_000,
      );
      sink.once('message', (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      if (msg) sink.send(msg);
    });
  const ready = ask(null); // the sink's port, sent once it listens
  try {
    await benchAll(N, ask, ready);
    sink.send('stop');
  } finally {
    stopSink();
  }
}

async function benchAll(N, ask, ready) {
  const { connectOrNull } = await import('./lib/mariadb.mjs');
  const { loadConfig } = await import('../dist/config/app-config.js');
  const { createCliContext } = await import('../dist/bootstrap.js');
  const { OutboxService } = await import('../dist/notifications/outbox/outbox.service.js');
  const { OutboxSender } = await import('../dist/notifications/outbox/outbox-sender.js');
  const { buildDigests } = await import('../dist/notifications/domain/digest.js');
  const { renderDigest } = await import('../dist/notifications/templates/render-digest.template.js');
  const { DataSource } = await import('typeorm');
  const { Task } = await import('../dist/duties/entities/task.entity.js');
  const { port } = await ready;

  // A realistic body: a digest of three duties in two plans (≈ 9 KB of HTML + text).
  const [digest] = buildDigests(
    [
      ['2025-07-03', 1, '妇女发展规划（2021—2025年）'],
      ['2025-06-29', 2, '儿童发展规划（2021—2025年）'],
      ['2025-07-01', 1, '妇女发展规划（2021—2025年）'],
    ].map(([dueOn, planId, planTitle], i) => ({
      recipient: { email: 'liaison@example.gov.cn', name: '张敏', locale: 'zh-CN' },
      task: {
        id: i + 1,
        title: `2024年度规划实施情况报告（${i + 1}）`,
        kindLabel: '年度报告',
        planId,
        planTitle,
        unitName: '自治县卫生健康局',
        dueOn,
        link: `http://localhost:3000/tasks/${i + 1}`,
      },
      trigger: { kind: 'before', offsetDays: -3, key: 'before-3' },
    })),
    '2025-06-30',
  );
  const rendered = renderDigest(digest);

  async function run(label, database) {
    const config = loadConfig({
      env: {},
      configDir: fileURLToPath(new URL('../config', import.meta.url)),
      overrides: {
        'demo.loadOnEmptyDatabase': true,
        'scheduler.enabled': false,
        'database.url': database.url,
        'database.sqlitePath': database.sqlitePath,
        'mail.smtpUrl': `smtp://127.0.0.1:${port}`,
        'mail.batchSize': 100,
        'log.level': 'error',
      },
    });
    const app = await createCliContext(config, false);
    try {
      await ask('reset');
      // Real tasks of the demo: open ones (the reminder stands) and accepted ones (the check cancels it).
      const tasks = await app
        .get(DataSource)
        .getRepository(Task)
        .find({ select: { id: true, state: true, dueOn: true }, order: { id: 'ASC' } });
      const open = tasks.filter((t) => ['assigned', 'acknowledged', 'in_progress', 'returned'].includes(t.state));
      const closed = tasks.filter((t) => t.state === 'accepted');
      if (!open.length || !closed.length)
        throw new Error(`the demo has ${open.length} open and ${closed.length} accepted tasks; need both`);
      const vetoed = (i) => i % 10 === 9;
      const messages = Array.from({ length: N }, (_, i) => {
        const task = vetoed(i) ? closed[i % closed.length] : open[i % open.length];
        return {
          idempotencyKey: `bench:${i}`,
          kind: 'digest',
          to: { email: `liaison${i}@example.gov.cn`, name: `联络员${i}`, locale: 'zh-CN' },
          ...rendered,
          taskRefs: [{ taskId: task.id, dueOn: task.dueOn }],
        };
      });
      const expectCancelled = messages.filter((_, i) => vetoed(i)).length;
      const expectSent = N - expectCancelled;
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i += 500) await app.get(OutboxService).enqueue(messages.slice(i, i + 500));
      const enqueueMs = Number(process.hrtime.bigint() - t0) / 1e6;
      t0 = process.hrtime.bigint();
      const report = await app.get(OutboxSender).sendPending({ limit: N + 10_000 });
      const sendMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const { count } = await ask('count');
      const ours = report.outcomes.filter((o) => o.key.startsWith('bench:'));
      const sent = ours.filter((o) => o.status === 'sent').length;
      const cancelled = ours.filter((o) => o.status === 'cancelled').length;
      // The sink also counts anything the demo had queued (sent by the same run).
      if (sent !== expectSent || cancelled !== expectCancelled || count !== report.sent) {
        throw new Error(
          `expected ${expectSent} delivered and ${expectCancelled} cancelled by the pre-send check; sender says ${sent} delivered, ${cancelled} cancelled ` +
            `(${ours.length - sent - cancelled} otherwise: ${[...new Set(ours.filter((o) => o.status !== 'sent' && o.status !== 'cancelled').map((o) => `${o.status} ${o.detail ?? ''}`))].slice(0, 3).join('; ')}), sink got ${count} of ${report.sent}`,
        );
      }
      const rate = N / (sendMs / 1000);
      console.log(
        `${label}: queued ${N} messages in ${enqueueMs.toFixed(0)} ms (${(N / (enqueueMs / 1000)).toFixed(0)}/s); ` +
          `delivered ${sent} and cancelled ${cancelled} (pre-send check: task accepted) over pooled SMTP (${config.mail.pool.maxConnections} connections) in ${(sendMs / 1000).toFixed(2)} s = ${rate.toFixed(0)} messages/s handled (target ≥ 200) ${rate >= 200 ? 'OK' : 'BELOW TARGET'}`,
      );
    } finally {
      await app.close();
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-mail-'));
  try {
    await run('outbox → SMTP on SQLite', { url: '', sqlitePath: join(dir, 'bench.sqlite') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // A smoke run measures SQLite only (the MariaDB path is the same code; the full run covers it).
  if (process.env.BENCH_SMOKE === '1') return;
  const mysqlUrl =
    process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/luoshi_bench';
  const url = new URL(mysqlUrl);
  const admin = await connectOrNull(url, 'outbox → SMTP on MariaDB/MySQL');
  if (!admin) return;
  try {
    const name = `${url.pathname.slice(1) || 'luoshi_bench'}_outbox`;
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    url.pathname = `/${name}`;
    await run('outbox → SMTP on MariaDB/MySQL', { url: url.toString(), sqlitePath: 'unused.sqlite' });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.end();
  }
}
