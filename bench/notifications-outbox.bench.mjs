#!/usr/bin/env node
// Outbox throughput: queue N rendered reminder e-mails, then time the sender delivering them over
// pooled SMTP to a local SMTP sink (a separate process, so it does not share the sender's CPU).
// Target: 200 messages/s or better. SQLite, and MariaDB/MySQL when one answers.
// Usage: npm run bench -- notifications-outbox   (BENCH_MESSAGES=2000, BENCH_MYSQL_URL=mysql://…)
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--sink') {
  // The SMTP sink: accepts everything, counts messages.
  const { SMTPServer } = await import('smtp-server');
  let count = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => { count++; callback(); });
    },
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
  process.on('message', (m) => {
    if (m === 'count') process.send({ count });
    if (m === 'reset') { count = 0; process.send({ reset: true }); }
    if (m === 'stop') server.close(() => process.exit(0));
  });
} else {
  await main();
}

async function main() {
  const { createConnection } = await import('mysql2/promise');
  const { loadConfig } = await import('../dist/config/app-config.js');
  const { createCliContext } = await import('../dist/bootstrap.js');
  const { OutboxService } = await import('../dist/notifications/outbox/outbox.service.js');
  const { OutboxSender } = await import('../dist/notifications/outbox/outbox-sender.js');
  const { buildDigests } = await import('../dist/notifications/domain/digest.js');
  const { renderDigest } = await import('../dist/notifications/templates/render-digest.template.js');

  const N = Number(process.env.BENCH_MESSAGES ?? 2000);
  const sink = fork(fileURLToPath(import.meta.url), ['--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (msg) => new Promise((resolve) => { sink.once('message', resolve); if (msg) sink.send(msg); });
  const { port } = await ask(null);

  // A realistic body: a digest of three duties in two plans (≈ 9 KB of HTML + text).
  const [digest] = buildDigests(
    [['2025-07-03', 1, '妇女发展规划（2021—2025年）'], ['2025-06-29', 2, '儿童发展规划（2021—2025年）'], ['2025-07-01', 1, '妇女发展规划（2021—2025年）']].map(([dueOn, planId, planTitle], i) => ({
      recipient: { email: 'liaison@example.gov.cn', name: '张敏', locale: 'zh-CN' },
      task: { id: i + 1, title: `2024年度规划实施情况报告（${i + 1}）`, kindLabel: '年度报告', planId, planTitle, unitName: '自治县卫生健康局', dueOn, link: `http://localhost:3000/tasks/${i + 1}` },
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
        'demo.loadOnEmptyDatabase': false, 'scheduler.enabled': false, 'database.url': database.url, 'database.sqlitePath': database.sqlitePath,
        'mail.smtpUrl': `smtp://127.0.0.1:${port}`, 'mail.batchSize': 100, 'log.level': 'error',
      },
    });
    const app = await createCliContext(config, false);
    try {
      await ask('reset');
      const messages = Array.from({ length: N }, (_, i) => ({
        idempotencyKey: `bench:${i}`, kind: 'digest', to: { email: `liaison${i}@example.gov.cn`, name: `联络员${i}`, locale: 'zh-CN' }, ...rendered,
        taskRefs: [{ taskId: 1, dueOn: '2025-07-03' }],
      }));
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i += 500) await app.get(OutboxService).enqueue(messages.slice(i, i + 500));
      const enqueueMs = Number(process.hrtime.bigint() - t0) / 1e6;
      t0 = process.hrtime.bigint();
      const report = await app.get(OutboxSender).sendPending();
      const sendMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const { count } = await ask('count');
      if (report.sent !== N || count !== N) throw new Error(`expected ${N} delivered, sender says ${report.sent}, sink got ${count}`);
      const rate = N / (sendMs / 1000);
      console.log(`${label}: queued ${N} messages in ${enqueueMs.toFixed(0)} ms (${(N / (enqueueMs / 1000)).toFixed(0)}/s); ` +
        `delivered ${N} over pooled SMTP (${config.mail.pool.maxConnections} connections) in ${(sendMs / 1000).toFixed(2)} s = ${rate.toFixed(0)} messages/s (target ≥ 200) ${rate >= 200 ? 'OK' : 'BELOW TARGET'}`);
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

  const mysqlUrl = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/luoshi_bench';
  let admin;
  try {
    const url = new URL(mysqlUrl);
    admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
    const name = `${url.pathname.slice(1) || 'luoshi_bench'}_outbox`;
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    url.pathname = `/${name}`;
    await run('outbox → SMTP on MariaDB/MySQL', { url: url.toString(), sqlitePath: 'unused.sqlite' });
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } catch (error) {
    console.log(`outbox → SMTP on MariaDB/MySQL: skipped (${error.message}); set BENCH_MYSQL_URL`);
  } finally {
    await admin?.end();
  }
  sink.send('stop');
}
