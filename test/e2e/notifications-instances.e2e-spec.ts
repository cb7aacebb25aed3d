import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeOnMysql } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { addDays } from '../../src/common/time/calendar-date.util.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';
import { SchedulerService, type TickReport } from '../../src/scheduling/scheduler.service.js';
import { SlotClaimsService } from '../../src/scheduling/slot-claims.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';
import { OutboxService } from '../../src/notifications/outbox/outbox.service.js';
import { OutboxStore } from '../../src/notifications/outbox/outbox.store.js';

const DUE = '2025-06-30';

/**
 * Two application instances on one MySQL/MariaDB database, running the same ticks at the same
 * moments (as two servers behind a load balancer would): every slot runs once and every message
 * goes out once. (Embedded SQLite is a single-server database: no second instance there.)
 */
describeOnMysql('notifications: two instances on one database', (engine) => {
  let database: DatabaseSettings;
  let sink: SmtpSink;
  let a: TestApp;
  let b: TestApp;
  const clockA = new FixedClock(`${addDays(DUE, -8)}T09:00:00+08:00`);
  const clockB = new FixedClock(`${addDays(DUE, -8)}T09:00:00+08:00`);
  beforeAll(async () => {
    database = await freshDatabase(engine);
    sink = await SmtpSink.start();
    const overrides = { 'mail.smtpUrl': sink.url, 'mail.officeEmail': 'office@example.gov.cn', 'mail.batchSize': 7 };
    a = await createTestApp(engine, overrides, { clock: clockA, database });
    b = await createTestApp(engine, overrides, { clock: clockB, database });
    // The duties both instances remind of: 12 units with a liaison and a head, three tasks each.
    const post = async (path: string, body: object) => {
      const res = await a.http().post(path).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id: number };
    };
    const women = (
      await post('/api/plans', {
        title: '妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
      })
    ).id;
    const children = (
      await post('/api/plans', {
        title: '儿童发展规划（2021—2025年）',
        kind: 'children',
        periodStart: 2021,
        periodEnd: 2025,
      })
    ).id;
    for (let n = 1; n <= 12; n++) {
      const unit = await post('/api/units', {
        name: `单位${n}`,
        kind: 'government',
        headName: `负责人${n}`,
        headEmail: `head${n}@example.gov.cn`,
        liaisons: [{ name: `联络员${n}`, email: `liaison${n}@example.gov.cn`, locale: n % 3 === 0 ? 'en' : 'zh-CN' }],
      });
      for (const offset of [0, 2, 5])
        await post('/api/tasks', {
          unitId: unit.id,
          planId: offset === 2 ? children : women,
          title: `任务${n}-${offset}`,
          dueOn: addDays(DUE, offset),
        });
    }
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await sink.stop();
    await dropDatabase(database);
  });

  const both = async <T>(fn: (t: TestApp) => Promise<T>): Promise<[T, T]> => Promise.all([fn(a), fn(b)]);

  it('the two instances are distinct', () => {
    expect(a.app.get(SchedulerService).instanceId).not.toBe(b.app.get(SchedulerService).instanceId);
  });

  it('ticking the same slots at the same moments: each slot runs once, each reminder is sent once', async () => {
    const ran: Record<string, string[]> = {};
    for (let offset = -8; offset <= 12; offset++) {
      const at = `${addDays(DUE, offset)}T09:00:00+08:00`;
      clockA.set(at);
      clockB.set(at);
      const reports: TickReport[] = (await both((t) => t.app.get(SchedulerService).tick()))
        .flat()
        .filter((r) => r.name === 'reminders');
      const winners = reports.filter((r) => r.action === 'ran');
      expect(winners).toHaveLength(1);
      expect(reports.filter((r) => r.action !== 'ran').map((r) => r.action)).toEqual([
        expect.stringMatching(/^(lost|skipped)$/),
      ]);
      ran[addDays(DUE, offset)] = winners.map((w) => w.slotKey!);
      await both((t) => t.app.get(OutboxSender).sendPending());
    }
    const slots = await a.app.get(SlotClaimsService).list('reminders');
    expect(slots).toHaveLength(21);
    expect(new Set(slots.map((s) => s.slotKey)).size).toBe(21);
    expect(slots.every((s) => s.completedAt !== null && s.runs === 1)).toBe(true);

    // Every message exactly once.
    const counts = sink.countsByMessageId();
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const outbox = await a.app.get(OutboxService).countByStatus();
    expect(outbox).toMatchObject({ queued: 0, sending: 0, failed: 0 });
    expect(sink.messages).toHaveLength(outbox.sent);
    // What one instance alone would have sent: per liaison one digest on each digest day of their three
    // tasks, per task urge (liaison + head) and supervise (liaison + head + office) notices.
    const byKind = (kind: string) => sink.messages.filter((m) => m.headers['x-luoshi-kind'] === kind).length;
    expect(byKind('urge')).toBe(36 * 2);
    expect(byKind('supervise')).toBe(24 * 3); // tasks due on T and T+2 reach +10 by T+12; those due T+5 do not
    const digestDays = new Set<string>();
    for (const offset of [0, 2, 5])
      for (const k of [-7, -3, -1, 0, 1, 8])
        if (offset + k >= -8 && offset + k <= 12) digestDays.add(addDays(DUE, offset + k));
    expect(byKind('digest')).toBe(12 * digestDays.size);
    expect(sink.to('liaison3@example.gov.cn').some((m) => m.subject.startsWith('[Luoshi]'))).toBe(true);
  });

  it('two senders draining one outbox at once deliver every message once', async () => {
    sink.clear();
    const messages = Array.from({ length: 120 }, (_, i) => ({
      idempotencyKey: `bulk:${engine}:${i}`,
      kind: 'test' as const,
      to: { email: `bulk${i}@example.org` },
      subject: `批量 ${i}`,
      html: `<p>${i}</p>`,
      text: String(i),
    }));
    await a.app.get(OutboxService).enqueue(messages);
    const [ra, rb] = await both((t) => t.app.get(OutboxSender).sendPending());
    expect(ra.sent + rb.sent).toBe(120);
    expect(ra.lost + rb.lost).toBe(0);
    expect(ra.claimed).toBeGreaterThan(0); // both took part, on disjoint messages (SKIP LOCKED)
    expect(rb.claimed).toBeGreaterThan(0);
    expect(sink.messages).toHaveLength(120);
    expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(120);
  });

  it('clocks 19 minutes apart: the instance running ahead never takes over a live claim, so nothing is sent twice', async () => {
    sink.clear();
    const now = clockA.now().getTime();
    clockB.set(new Date(now + 19 * 60_000).toISOString());
    const messages = Array.from({ length: 40 }, (_, i) => ({
      idempotencyKey: `skew:${engine}:${i}`,
      kind: 'test' as const,
      to: { email: `skew${i}@example.org` },
      subject: `时钟 ${i}`,
      html: `<p>${i}</p>`,
      text: String(i),
    }));
    await a.app.get(OutboxService).enqueue(messages);
    // A claims a batch (lease 300 s by A's clock) and is still sending it when B, 19 minutes ahead, looks.
    const held = await a.app.get(OutboxSender).claimBatch();
    expect(held).toHaveLength(7);
    const rb = await b.app.get(OutboxSender).sendPending();
    expect(rb.sent).toBe(33);
    expect(sink.messages.map((m) => m.subject).filter((s) => held.some((h) => h.subject === s))).toEqual([]);
    // A finishes its batch: all 40 went out once.
    for (const m of held) await a.app.get(OutboxStore).finish(m, { status: 'sent', sentAt: clockA.now() });
    expect(new Set(sink.messages.map((m) => m.subject)).size).toBe(33);
    expect(await a.app.get(OutboxService).countByStatus()).toMatchObject({ queued: 0, sending: 0 });
    // A sender that really died is still replaced, once its lease and the tolerated skew are over.
    await a.app.get(OutboxService).enqueue([
      {
        idempotencyKey: `skew:${engine}:dead`,
        kind: 'test' as const,
        to: { email: 'dead@example.org' },
        subject: '时钟 dead',
        html: '<p>x</p>',
        text: 'x',
      },
    ]);
    expect(await a.app.get(OutboxSender).claimBatch()).toHaveLength(1);
    expect((await b.app.get(OutboxSender).sendPending()).claimed).toBe(0);
    const { leaseSeconds, clockSkewSeconds } = b.config.mail;
    clockB.set(new Date(now + (leaseSeconds + clockSkewSeconds + 1) * 1000).toISOString());
    expect(await b.app.get(OutboxSender).sendPending()).toMatchObject({ claimed: 1, sent: 1 });
  });

  it('two runs queueing the same messages at once each report what they actually inserted', async () => {
    const messages = Array.from({ length: 200 }, (_, i) => ({
      idempotencyKey: `race:${engine}:${i}`,
      kind: 'test' as const,
      to: { email: `race${i}@example.org` },
      subject: `并发 ${i}`,
      html: `<p>${i}</p>`,
      text: String(i),
    }));
    const [ra, rb] = await both((t) => t.app.get(OutboxService).enqueue(messages));
    expect(ra.queued + rb.queued).toBe(200);
    expect(ra.duplicates + rb.duplicates).toBe(200);
    expect(new Set([...ra.queuedKeys, ...rb.queuedKeys]).size).toBe(200);
  });
});
