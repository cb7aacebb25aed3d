import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { parseMessage } from '../helpers/smtp-sink.js';
import { binary } from '../helpers/binary.js';
import { OutboxService } from '../../src/notifications/outbox/outbox.service.js';
import type { OutboxMessageInput } from '../../src/notifications/outbox/outbox.types.js';
import { MailOutbox } from '../../src/notifications/outbox/mail-outbox.entity.js';
import { DataSource } from 'typeorm';

describeEachEngine('notifications: the local mailbox (no SMTP configured)', (engine) => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-mail-'));
    t = await createTestApp(engine, { 'mail.mailDir': dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const message = (
    key: string,
    kind: OutboxMessageInput['kind'],
    email: string,
    name: string,
    subject: string,
  ): OutboxMessageInput => ({
    idempotencyKey: key,
    kind,
    committeeId: t.committeeId, // the office reads its own committee's mail
    to: { email, name, locale: 'zh-CN' },
    subject,
    html: `<p>${subject}</p>`,
    text: `${subject}\n正文`,
  });

  it('writes each message as an .eml file and lists it at /api/mail', async () => {
    await t.app
      .get(OutboxService)
      .enqueue([
        message(
          'mb:1',
          'digest',
          'zhangmin@example.gov.cn',
          '张敏',
          '【落实提醒】2项任务临近截止：最早截止 2025-07-03',
        ),
        message(
          'mb:2',
          'urge',
          'LiLei@Example.org',
          'Li Lei',
          '[Urging notice] Health Bureau: "Annual report" is 3 days overdue',
        ),
        message('mb:3', 'digest', 'not-an-address', '无效', '地址无效'),
      ]);
    const sent = await t.http().post('/api/mail/outbox/send');
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ claimed: 3, sent: 2, rejected: 1 });

    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(files).toHaveLength(2);
    const parsed = files.map((f) => parseMessage(readFileSync(join(dir, f), 'utf8'), { from: '', to: [] }));
    expect(parsed.map((p) => p.subject).sort()).toEqual([
      '[Urging notice] Health Bureau: "Annual report" is 3 days overdue',
      '【落实提醒】2项任务临近截止：最早截止 2025-07-03',
    ]);
    expect(parsed.find((p) => p.subject.startsWith('【'))!.text).toContain('正文');
    expect(parsed[0].headers.from).toContain('luoshi@localhost');

    const list = await t.http().get('/api/mail');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    const digest = list.body.items.find((i: { subject: string }) => i.subject.startsWith('【落实提醒】'));
    expect(digest).toMatchObject({
      kind: 'digest',
      status: 'sent',
      to: { email: 'zhangmin@example.gov.cn', name: '张敏', locale: 'zh-CN' },
    });
    expect(files).toContain(digest.deliveryRef);
    expect(digest.html).toBeUndefined(); // lists leave the bodies out
    const bad = list.body.items.find((i: { to: { email: string } }) => i.to.email === 'not-an-address');
    expect(bad).toMatchObject({ status: 'rejected', lastError: '553 5.1.3 not a valid mailbox address' });
  });

  it('filters by status, kind and recipient, and pages', async () => {
    const get = (q: string) => t.http().get(`/api/mail?${q}`);
    expect((await get('kind=urge')).body.items.map((i: { to: { email: string } }) => i.to.email)).toEqual([
      'LiLei@Example.org',
    ]);
    expect((await get('recipient=lilei')).body.total).toBe(1); // case-insensitive, part of the address
    expect((await get(`recipient=${encodeURIComponent('张')}`)).body.total).toBe(1); // or of the name
    expect((await get('status=sent')).body.total).toBe(2);
    expect((await get('status=rejected,failed')).body.total).toBe(1);
    const page = await get('pageSize=1&page=2&sort=id');
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);
    const wrong = await get('status=lost');
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.fields[0]).toMatchObject({
      field: 'status',
      problems: [expect.stringContaining('queued, sending, sent, failed, rejected, cancelled')],
    });
    expect((await get('kind=spam')).status).toBe(400);
  });

  it('shows one message with its bodies, and as an .eml file', async () => {
    const [item] = (await t.http().get('/api/mail?kind=urge')).body.items;
    const one = await t.http().get(`/api/mail/${item.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: item.id,
      idempotencyKey: 'mb:2',
      html: `<p>${item.subject}</p>`,
      text: `${item.subject}\n正文`,
    });
    const eml = await t.http().get(`/api/mail/${item.id}/eml`).buffer(true).parse(binary);
    expect(eml.status).toBe(200);
    expect(eml.headers['content-type']).toContain('message/rfc822');
    expect(parseMessage((eml.body as Buffer).toString('utf8'), { from: '', to: [] }).subject).toBe(item.subject);
    expect((await t.http().get('/api/mail/999999')).status).toBe(404);
    expect((await t.http().get('/api/mail/abc')).status).toBe(400);
  });

  it('the outbox view lists what was not sent, and counts per status', async () => {
    const outbox = await t.http().get('/api/mail/outbox');
    expect(outbox.body.items.map((i: { status: string }) => i.status)).toEqual(['rejected']);
    const summary = await t.http().get('/api/mail/outbox/summary');
    expect(summary.body).toMatchObject({ driver: 'local', counts: { sent: 2, rejected: 1, queued: 0, failed: 0 } });
    expect(summary.body.deliversTo).toContain(dir);
  });

  it("an office reads its own committee's mail only, and never a password reset's link", async () => {
    // Another committee on the same installation, with a message of its own.
    const other = (
      await t
        .http()
        .post('/api/committees')
        .send({ name: `邻县妇女儿童工作委员会${engine}${Date.now()}`, level: 'county', timeZone: 'Asia/Shanghai' })
        .expect(201)
    ).body.id as number;
    await t.app
      .get(OutboxService)
      .enqueue([{ ...message('mb:other', 'urge', 'other@example.org', '邻县', '邻县的催办'), committeeId: other }]);
    const theirs = (
      await t.app.get(DataSource).getRepository(MailOutbox).findOneByOrFail({ idempotencyKey: 'mb:other' })
    ).id;
    const listed = await t.http().get('/api/mail?pageSize=200').expect(200);
    expect(listed.body.items.map((m: { subject: string }) => m.subject)).not.toContain('邻县的催办');
    expect((await t.http().get(`/api/mail/outbox?status=queued`)).body.items).toEqual([]);
    expect((await t.http().get('/api/mail/outbox/summary')).body.counts.queued).toBe(0);
    for (const path of [`/api/mail/${theirs}`, `/api/mail/${theirs}/eml`])
      expect((await t.http().get(path)).status).toBe(404);
    expect((await t.http().post(`/api/mail/outbox/${theirs}/retry`)).status).toBe(404);

    // A password reset: the office (and a viewer) sees that it went, not the link in it.
    const link = 'http://localhost:3000/reset-password?token=prt_secret-one-time-token';
    await t.app.get(OutboxService).enqueue([
      {
        ...message('mb:reset', 'password_reset', 'zhangmin@example.gov.cn', '张敏', '落实：重设密码'),
        text: `请打开链接：${link}`,
        html: `<a href="${link}">设置新密码</a>`,
      },
    ]);
    const reset = (await t.http().get('/api/mail?kind=password_reset').expect(200)).body.items[0];
    expect(reset.subject).toBe('落实：重设密码');
    for (const reader of [t.http(), t.asRole('viewer')]) {
      const shown = (await reader.get(`/api/mail/${reset.id}`).expect(200)).body;
      expect(shown.withheld).toBe(true);
      expect(JSON.stringify(shown)).not.toContain('prt_secret');
      expect(shown.text).toContain('一次性登录链接');
      const eml = await reader.get(`/api/mail/${reset.id}/eml`);
      expect([eml.status, eml.body.code]).toEqual([403, 'MAIL_WITHHELD']);
    }
    // Any other message still shows its body.
    const urge = (await t.http().get('/api/mail?kind=urge').expect(200)).body.items[0];
    expect((await t.http().get(`/api/mail/${urge.id}`).expect(200)).body).toMatchObject({ withheld: false });
  });
});
