import { afterAll, beforeAll, beforeEach, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { OutboxService } from '../../src/notifications/outbox/outbox.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';
import { OutboxStore } from '../../src/notifications/outbox/outbox.store.js';
import { PreSendChecks } from '../../src/notifications/outbox/pre-send-check.js';
import { MailOutbox } from '../../src/notifications/outbox/mail-outbox.entity.js';
import { MAIL_DRIVER, type MailDriver } from '../../src/notifications/mail/drivers/mail-driver.js';
import type { OutboxMessageInput } from '../../src/notifications/outbox/outbox.types.js';

const START = '2025-06-30T01:00:00Z';
const MINUTE = 60_000;

describeEachEngine('notifications: outbox delivery over real SMTP', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock(START);
  let seq = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start({
      reject: {
        'nobody@example.org': '550 5.1.1 <nobody@example.org>: Recipient address rejected: mailbox unavailable',
        'busy@example.org': '451 4.3.0 <busy@example.org>: try again later',
      },
    });
    t = await createTestApp(
      engine,
      { 'mail.smtpUrl': sink.url, 'mail.maxAttempts': 4, 'mail.retry.baseSeconds': 60, 'mail.retry.maxSeconds': 600 },
      { clock },
    );
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(async () => {
    // Each test starts with the server up and nothing due: what earlier tests left is delivered first.
    await sink.start();
    await sender().sendPending();
    sink.clear();
  });

  const outbox = () => t.app.get(OutboxService);
  const sender = () => t.app.get(OutboxSender);
  const rows = () => t.app.get(DataSource).getRepository(MailOutbox);
  const row = async (key: string) => await rows().findOneByOrFail({ idempotencyKey: key });
  const message = (
    key = `test:${engine}:${++seq}`,
    email = 'zhangmin@example.gov.cn',
    extra: Partial<OutboxMessageInput> = {},
  ): OutboxMessageInput => ({
    idempotencyKey: key,
    kind: 'test',
    committeeId: t.committeeId, // the office reads its own committee's mail
    to: { email, name: '张敏', locale: 'zh-CN' },
    subject: `【落实提醒】测试消息 ${key}：将于2025-07-03截止（还有3天）`,
    html: `<p>任务 ${key}</p>`,
    text: `任务 ${key}`,
    ...extra,
  });

  it('queues a message once per idempotency key, even when writers race', async () => {
    const m = message();
    expect(await outbox().enqueue([m, { ...m, subject: 'a second copy' }])).toMatchObject({ queued: 1, duplicates: 1 });
    expect(await outbox().enqueue([m])).toMatchObject({ queued: 0, duplicates: 1 });
    const raced = message();
    await Promise.all(Array.from({ length: 6 }, () => outbox().enqueue([raced])));
    expect(await rows().countBy({ idempotencyKey: raced.idempotencyKey })).toBe(1);
    expect(await rows().countBy({ idempotencyKey: m.idempotencyKey })).toBe(1);
    expect((await row(m.idempotencyKey)).subject).toBe(m.subject);
  });

  it("joins the caller's transaction: rolled back, nothing was queued", async () => {
    const m = message();
    await expect(
      t.app.get(DataSource).transaction(async (em) => {
        await outbox().enqueue([m], em);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await rows().countBy({ idempotencyKey: m.idempotencyKey })).toBe(0);
  });

  it('delivers through SMTP with the subject, both bodies and a stable Message-ID, then marks it sent', async () => {
    const m = message();
    await outbox().enqueue([m]);
    const report = await sender().sendPending();
    expect(report).toMatchObject({ sent: 1, claimed: 1 });
    expect(sink.messages).toHaveLength(1);
    const got = sink.messages[0];
    expect(got.envelope.to).toEqual(['zhangmin@example.gov.cn']);
    expect(got.subject).toBe(m.subject);
    expect(got.text).toContain(`任务 ${m.idempotencyKey}`);
    expect(got.html).toContain(`<p>任务 ${m.idempotencyKey}</p>`);
    expect(got.headers['auto-submitted']).toBe('auto-generated');
    const stored = await row(m.idempotencyKey);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, claimedBy: null, lastError: null });
    expect(stored.sentAt!.toISOString()).toBe(START.replace('Z', '.000Z'));
    expect(got.messageId).toBe(stored.messageId);
    const api = await t.http().get(`/api/mail/${stored.id}`);
    expect(api.body).toMatchObject({
      status: 'sent',
      subject: m.subject,
      text: `任务 ${m.idempotencyKey}`,
      to: { email: 'zhangmin@example.gov.cn', name: '张敏' },
    });
  });

  it('retries with exponential backoff, marks the message failed after the last attempt and shows it to the office', async () => {
    await sink.stop();
    const m = message();
    await outbox().enqueue([m]);
    const t0 = clock.now().getTime();
    expect(await sender().sendPending()).toMatchObject({ retried: 1, sent: 0 });
    let stored = await row(m.idempotencyKey);
    expect(stored).toMatchObject({ status: 'queued', attempts: 1 });
    expect(stored.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(stored.nextAttemptAt.getTime()).toBe(t0 + 1 * MINUTE);
    expect(await sender().sendPending()).toMatchObject({ claimed: 0 }); // not due yet

    clock.advance(MINUTE);
    await sender().sendPending();
    stored = await row(m.idempotencyKey);
    expect(stored.attempts).toBe(2);
    expect(stored.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 2 * MINUTE);
    clock.advance(2 * MINUTE);
    await sender().sendPending();
    expect((await row(m.idempotencyKey)).nextAttemptAt.getTime()).toBe(clock.now().getTime() + 4 * MINUTE);
    clock.advance(4 * MINUTE);
    expect(await sender().sendPending()).toMatchObject({ failed: 1 });
    stored = await row(m.idempotencyKey);
    expect(stored).toMatchObject({ status: 'failed', attempts: 4 });
    expect(stored.lastError).toMatch(/^gave up after 4 attempts: /);

    const failed = await t.http().get('/api/mail/outbox?status=failed');
    expect(failed.status).toBe(200);
    // The only message that ever failed in this suite (the earlier ones were delivered).
    expect(failed.body.items.map((i: { id: number }) => i.id)).toEqual([stored.id]);
    expect(failed.body.items.find((i: { id: number }) => i.id === stored.id).lastError).toMatch(/gave up/);
    expect((await t.http().get('/api/mail/outbox/summary')).body.counts.failed).toBe(1);

    // The office retries once the server is back.
    await sink.start();
    const retried = await t.http().post(`/api/mail/outbox/${stored.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await sender().sendPending()).toMatchObject({ sent: 1 });
    expect(sink.to('zhangmin@example.gov.cn')).toHaveLength(1);
    const again = await t.http().post(`/api/mail/outbox/${stored.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'NOT_RETRYABLE', details: { status: 'sent' } });
    expect((await t.http().post('/api/mail/outbox/999999/retry')).status).toBe(404);
  });

  it("marks a rejected recipient with the server's reason; a deferred one is retried", async () => {
    const refused = message(undefined, 'nobody@example.org');
    const deferred = message(undefined, 'busy@example.org');
    await outbox().enqueue([refused, deferred]);
    expect(await sender().sendPending()).toMatchObject({ rejected: 1, retried: 1 });
    const r = await row(refused.idempotencyKey);
    expect(r.status).toBe('rejected');
    expect(r.lastError).toBe('550 5.1.1 <nobody@example.org>: Recipient address rejected: mailbox unavailable');
    const d = await row(deferred.idempotencyKey);
    expect(d).toMatchObject({ status: 'queued', attempts: 1 });
    expect(d.lastError).toBe('recipient deferred: 451 4.3.0 <busy@example.org>: try again later');
    expect(sink.messages).toHaveLength(0);
    const listed = await t.http().get('/api/mail/outbox?status=rejected');
    expect(
      listed.body.items.some(
        (i: { id: number; lastError: string }) => i.id === r.id && i.lastError.includes('mailbox unavailable'),
      ),
    ).toBe(true);
  });

  it('SMTP down for a while: everything queued is delivered after recovery, none twice', async () => {
    clock.advance(24 * 60 * MINUTE); // clear of the earlier tests' retries
    await sink.stop();
    const batch = Array.from({ length: 30 }, () => message(undefined, `liaison${seq}@example.gov.cn`));
    await outbox().enqueue(batch);
    for (let i = 0; i < 3; i++) {
      const report = await sender().sendPending();
      expect(report.sent).toBe(0);
      clock.advance(10 * MINUTE);
    }
    expect(
      (await rows().findBy({ status: 'queued' })).filter((r) =>
        batch.some((b) => b.idempotencyKey === r.idempotencyKey),
      ),
    ).toHaveLength(30);
    await sink.start();
    const report = await sender().sendPending();
    expect(report.sent).toBe(30);
    expect(sink.messages).toHaveLength(30);
    expect([...sink.countsByMessageId().values()].every((n) => n === 1)).toBe(true);
    expect(new Set(sink.messages.map((m) => m.subject))).toEqual(new Set(batch.map((b) => b.subject)));
    expect(await sender().sendPending()).toMatchObject({ claimed: 0 });
  });

  it('a sender killed mid-batch loses nothing: after its lease another sender delivers, only the in-flight message repeats', async () => {
    const batch = Array.from({ length: 5 }, () => message());
    await outbox().enqueue(batch);
    // Sender A claims the batch, hands the first message to the server, and dies before recording it.
    const claimed = await sender().claimBatch(clock.now());
    expect(claimed.map((c) => c.idempotencyKey).sort()).toEqual(batch.map((b) => b.idempotencyKey).sort());
    await t.app.get<MailDriver>(MAIL_DRIVER).send(sender().outgoing(claimed[0]));
    expect(sink.messages).toHaveLength(1);
    // While A's lease runs, nobody else touches its messages.
    expect(await sender().sendPending()).toMatchObject({ claimed: 0 });
    clock.advance((t.config.mail.leaseSeconds + t.config.mail.clockSkewSeconds) * 1000 + 1000);
    const report = await sender().sendPending();
    expect(report.sent).toBe(5);
    expect(sink.messages).toHaveLength(6);
    const counts = sink.countsByMessageId();
    expect(counts.get(sender().outgoing(claimed[0]).messageId)).toBe(2); // the in-flight one, same Message-ID
    expect([...counts.values()].filter((n) => n > 1)).toHaveLength(1);
    for (const b of batch) expect(await row(b.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2 });
    // A comes back from the dead and tries to record an outcome: its claim is gone.
    expect(await t.app.get(OutboxStore).finish(claimed[1], { status: 'failed', lastError: 'zombie' })).toBe(false);
    expect((await row(claimed[1].idempotencyKey)).status).toBe('sent');
  });

  it('a pre-send check can cancel a queued message, with its reason', async () => {
    t.app.get(PreSendChecks).register({
      name: 'test-veto',
      vetoes: async (messages) =>
        new Map(
          messages.filter((m) => m.idempotencyKey.startsWith('veto:')).map((m) => [m.id, 'the task was submitted']),
        ),
    });
    const vetoed = message(`veto:${engine}`);
    const kept = message();
    await outbox().enqueue([vetoed, kept]);
    expect(await sender().sendPending()).toMatchObject({ cancelled: 1, sent: 1 });
    expect(await row(vetoed.idempotencyKey)).toMatchObject({
      status: 'cancelled',
      lastError: 'test-veto: the task was submitted',
    });
    expect(sink.messages.map((m) => m.subject)).toEqual([kept.subject]);
  });
});
