import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { testConfig } from '../helpers/test-app.js';
import { SmtpDriver, redactUrl } from '../../src/notifications/mail/drivers/smtp.driver.js';
import { createMailDriver, mailDriverKind } from '../../src/notifications/mail/drivers/mail-driver.factory.js';
import { LocalMailboxDriver } from '../../src/notifications/mail/drivers/local-mailbox.driver.js';
import { MailTransportError, type OutgoingMail } from '../../src/notifications/mail/drivers/mail-driver.js';

const mail = (to = 'zhangmin@example.gov.cn'): OutgoingMail => ({
  from: '落实 Luoshi <luoshi@example.gov.cn>',
  to: { email: to, name: '张敏' },
  subject: '【落实提醒】测试',
  html: '<p>测试</p>',
  text: '测试',
  messageId: `<t.${Date.now()}.${Math.random()}@example.gov.cn>`,
});
const settings = (overrides: Record<string, unknown>) => testConfig(overrides).mail;

describe('mail drivers: chosen by configuration, TLS as configured', () => {
  let plain: SmtpSink;
  let tls: SmtpSink;
  beforeAll(async () => {
    plain = await SmtpSink.start({ reject: { 'nobody@example.org': '550 5.1.1 no such user' } });
    tls = await SmtpSink.start({ secure: true });
  });
  afterAll(async () => {
    await plain.stop();
    await tls.stop();
  });

  it('auto: SMTP when SMTP_URL is set, the local mailbox otherwise; smtp without a URL is refused with the key', () => {
    expect(mailDriverKind(settings({}))).toBe('local');
    expect(createMailDriver(settings({}))).toBeInstanceOf(LocalMailboxDriver);
    expect(mailDriverKind(settings({ 'mail.smtpUrl': 'smtp://mail.example.gov.cn:587' }))).toBe('smtp');
    expect(mailDriverKind(settings({ 'mail.smtpUrl': 'smtp://mail.example.gov.cn:587', 'mail.driver': 'local' }))).toBe(
      'local',
    );
    expect(() => createMailDriver(settings({ 'mail.driver': 'smtp' }))).toThrow(
      /^mail\.driver: value "smtp" needs mail\.smtpUrl/,
    );
    expect(redactUrl('smtp://luoshi:secret@mail.example.gov.cn:587')).toBe('smtp://luoshi:***@mail.example.gov.cn:587');
  });

  it("delivers over plain SMTP and reports a refused recipient with the server's words", async () => {
    const driver = new SmtpDriver(settings({ 'mail.smtpUrl': plain.url }));
    try {
      const ok = await driver.send(mail());
      expect(ok.accepted).toEqual(['zhangmin@example.gov.cn']);
      expect(plain.messages[0].subject).toBe('【落实提醒】测试');
      const refused = await driver.send(mail('nobody@example.org'));
      expect(refused).toMatchObject({
        accepted: [],
        rejected: [{ address: 'nobody@example.org', reason: '550 5.1.1 no such user', permanent: true }],
      });
      const bogus = await driver.send(mail('not an address'));
      expect(bogus.rejected[0].permanent).toBe(true);
      expect(driver.describe()).toBe(`SMTP ${plain.url} (pool of 5)`);
    } finally {
      await driver.close();
    }
  });

  it('requireTls refuses a server that offers no STARTTLS (no mail in clear text)', async () => {
    const driver = new SmtpDriver(settings({ 'mail.smtpUrl': plain.url, 'mail.tls.requireTls': true }));
    try {
      const error = await driver.send(mail()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailTransportError);
      expect((error as MailTransportError).permanent).toBe(false);
      expect((error as Error).message).toMatch(/^ETLS: /);
      expect(plain.messages).toHaveLength(1); // only the message of the test before
    } finally {
      await driver.close();
    }
  });

  it('smtps:// checks the certificate unless tls.rejectUnauthorized is false', async () => {
    const strict = new SmtpDriver(settings({ 'mail.smtpUrl': tls.url }));
    const lenient = new SmtpDriver(settings({ 'mail.smtpUrl': tls.url, 'mail.tls.rejectUnauthorized': false }));
    try {
      const error = await strict.send(mail()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailTransportError);
      expect((error as Error).message).toMatch(/certificate/i);
      expect((await lenient.send(mail())).accepted).toEqual(['zhangmin@example.gov.cn']);
      expect(tls.messages).toHaveLength(1);
    } finally {
      await strict.close();
      await lenient.close();
    }
  });

  it('STARTTLS and SMTP AUTH: upgrades the connection, logs in, and delivers end to end (issue 10)', async () => {
    const secured = await SmtpSink.start({ starttls: true, auth: { user: 'luoshi', pass: 's3cret/密码' } });
    const url = (user: string, pass: string) =>
      `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${secured.port}`;
    const good = new SmtpDriver(
      settings({
        'mail.smtpUrl': url('luoshi', 's3cret/密码'),
        'mail.tls.requireTls': true,
        'mail.tls.rejectUnauthorized': false,
      }),
    );
    const wrongPassword = new SmtpDriver(
      settings({ 'mail.smtpUrl': url('luoshi', 'wrong'), 'mail.tls.rejectUnauthorized': false }),
    );
    const strict = new SmtpDriver(
      settings({ 'mail.smtpUrl': url('luoshi', 's3cret/密码'), 'mail.tls.requireTls': true }),
    );
    try {
      const ok = await good.send(mail());
      expect(ok.accepted).toEqual(['zhangmin@example.gov.cn']);
      expect(secured.messages).toHaveLength(1);
      expect(secured.messages[0]).toMatchObject({ tls: true, user: 'luoshi', subject: '【落实提醒】测试' });
      // A wrong password is the server's refusal of the login, not a delivery: nothing arrives.
      const refused = await wrongPassword.send(mail()).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MailTransportError);
      expect((refused as Error).message).toMatch(/^EAUTH: /);
      expect(secured.failedLogins).toBe(1);
      // The certificate is self-signed: checked by default, so the upgrade fails and nothing is sent in clear text.
      const untrusted = await strict.send(mail()).catch((e: unknown) => e);
      expect(untrusted).toBeInstanceOf(MailTransportError);
      expect((untrusted as Error).message).toMatch(/certificate/i);
      expect(secured.messages).toHaveLength(1);
    } finally {
      await good.close();
      await wrongPassword.close();
      await strict.close();
      await secured.stop();
    }
  });

  it('a server that is down is a temporary failure', async () => {
    const down = await SmtpSink.start();
    const url = down.url;
    await down.stop();
    const driver = new SmtpDriver(settings({ 'mail.smtpUrl': url }));
    try {
      const error = await driver.send(mail()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailTransportError);
      expect((error as MailTransportError).permanent).toBe(false);
      expect((error as Error).message).toMatch(/ECONNECTION|ECONNREFUSED/);
    } finally {
      await driver.close();
    }
  });
});
