import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';
import { OutboxService } from '../../src/notifications/outbox/outbox.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';
import { MailOutbox } from '../../src/notifications/outbox/mail-outbox.entity.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LEASE_SECONDS = 10;

/**
 * A real sender process (`mail send-pending` of the built CLI) is killed with SIGKILL while the
 * SMTP server is still answering one of its messages. Another sender, after the lease, delivers
 * the rest: nothing is lost, and only the message in flight at the kill arrives twice.
 */
describeEachEngine('notifications: a sender killed mid-batch', (engine) => {
  let database: DatabaseSettings;
  let dir: string | null = null;
  let sink: SmtpSink;
  let t: TestApp;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    if (engine === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'luoshi-crash-'));
      database = { url: '', sqlitePath: join(dir, 'luoshi.sqlite') };
    } else database = await freshDatabase(engine);
    sink = await SmtpSink.start({ dataDelayMs: 500 });
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url, 'mail.leaseSeconds': LEASE_SECONDS }, { database });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t.close();
    await sink.stop();
    if (engine === 'mysql') await dropDatabase(database);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing; at most the in-flight message is delivered twice', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `crash:${engine}:${i}`);
    await t.app.get(OutboxService).enqueue(
      keys.map((key, i) => ({
        idempotencyKey: key,
        kind: 'test',
        to: { email: `unit${i}@example.gov.cn` },
        subject: `催办 ${i}`,
        html: `<p>${i}</p>`,
        text: String(i),
      })),
    );

    child = spawn(process.execPath, ['dist/cli.js', 'mail', 'send-pending'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        DB_URL: database.url,
        SQLITE_PATH: database.sqlitePath,
        SMTP_URL: sink.url,
        LUOSHI_DEMO: 'false',
        LOG_LEVEL: 'error',
        LUOSHI__MAIL__POOL__MAXCONNECTIONS: '1',
        LUOSHI__MAIL__LEASESECONDS: String(LEASE_SECONDS),
      },
    });
    // Kill it while the server sits on its third message (received, not yet acknowledged).
    await sink.waitFor(3, 25_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    sink.dataDelayMs = 0;

    const repo = t.app.get(DataSource).getRepository(MailOutbox);
    const rows = await repo.find({ where: keys.map((idempotencyKey) => ({ idempotencyKey })), order: { id: 'ASC' } });
    const statuses = rows.map((r) => r.status);
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'sending')).toHaveLength(4); // the one in flight and three not started: all held by the dead claim

    // Before the lease runs out nobody takes them; after it, another sender delivers them.
    expect((await t.app.get(OutboxSender).sendPending()).claimed).toBe(0);
    const report = await t.app
      .get(OutboxSender)
      .sendPending({ now: new Date(Date.now() + (LEASE_SECONDS + t.config.mail.clockSkewSeconds + 1) * 1000) });
    expect(report).toMatchObject({ claimed: 4, sent: 4 });

    expect(
      (await repo.find({ where: keys.map((idempotencyKey) => ({ idempotencyKey })) })).every(
        (r) => r.status === 'sent',
      ),
    ).toBe(true);
    const counts = sink.countsByMessageId();
    expect(counts.size).toBe(6); // every message arrived
    expect([...counts.values()].sort()).toEqual([1, 1, 1, 1, 1, 2]); // one of them twice: the one in flight
    expect(sink.messages).toHaveLength(7);
  }, 60_000);
});
