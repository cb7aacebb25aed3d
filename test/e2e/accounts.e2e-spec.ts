import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { MailOutbox } from '../../src/notifications/outbox/mail-outbox.entity.js';

/**
 * Logging in as a browser does (session cookie + CSRF token), lockout, API tokens, disabled
 * users, temporary passwords, reset links, the first administrator, scoping of the member
 * register, and the audit trail of it all.
 */
describeEachEngine('accounts: login, sessions, tokens, audit', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2024-02-05T09:00:00+08:00');
  let health: number;
  let fulian: number;
  const password = 'Liaison-password-1';

  const loginAs = async (login: string, pw = password) => {
    const res = await t.anonymous().post('/api/auth/login').send({ login, password: pw });
    const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.[0]?.split(';')[0] ?? '';
    return { res, cookie, csrf: res.body.csrfToken as string };
  };
  const server = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp(
      engine,
      { 'auth.adminLogin': 'chief@office.example.gov.cn', 'auth.adminPassword': 'Chief-password-1' },
      { clock },
    );
    health = (
      await t
        .http()
        .post('/api/units')
        .send({
          name: '自治县卫生健康局',
          kind: 'government',
          liaisons: [{ name: '李明', email: 'liming@example.gov.cn' }],
        })
    ).body.id;
    fulian = (await t.http().post('/api/units').send({ name: '自治县妇联', kind: 'mass_organisation' })).body.id;
    const created = await t
      .http()
      .post('/api/users')
      .send({ login: 'LiMing@Example.gov.cn', displayName: '李明', role: 'unit_liaison', unitId: health, password });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      login: 'liming@example.gov.cn',
      role: 'unit_liaison',
      unitId: health,
      mustChangePassword: true,
    });
    expect(created.body.passwordHash).toBeUndefined();
  });
  afterAll(async () => t?.close());

  it('creates the first administrator from LUOSHI_ADMIN_LOGIN / LUOSHI_ADMIN_PASSWORD', async () => {
    const { res } = await loginAs('chief@office.example.gov.cn', 'Chief-password-1');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      login: 'chief@office.example.gov.cn',
      role: 'office_admin',
      mustChangePassword: false,
    });
  });

  it('forces a temporary password to be changed before anything else', async () => {
    const { res, cookie, csrf } = await loginAs('liming@example.gov.cn');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']?.[0]).toMatch(
      /^luoshi_session=[\w-]{43}; Max-Age=43200; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/,
    );
    expect(res.body.user).toMatchObject({ mustChangePassword: true, unitName: '自治县卫生健康局' });
    expect((await server().get('/api/tasks').set('Cookie', cookie)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await server()
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: password, newPassword: 'short' });
    expect(weak.body).toMatchObject({ status: 400, code: 'WEAK_PASSWORD' });
    const ok = await server()
      .post('/api/auth/password')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: password, newPassword: 'New-password-2024' });
    expect(ok.status).toBe(204);
    expect((await server().get('/api/tasks').set('Cookie', cookie)).status).toBe(200);
    expect((await loginAs('liming@example.gov.cn')).res.status).toBe(401);
    expect((await loginAs('liming@example.gov.cn', 'New-password-2024')).res.status).toBe(200);
  });

  it('refuses cookie writes without the CSRF token, and ends the session at logout', async () => {
    const { cookie, csrf } = await loginAs('liming@example.gov.cn', 'New-password-2024');
    const me = await server().get('/api/auth/me').set('Cookie', cookie);
    expect(me.body).toMatchObject({
      user: { login: 'liming@example.gov.cn', role: 'unit_liaison', unitId: health },
      csrfToken: csrf,
      today: '2024-02-05', // the committee's day by the service's clock
      timeZone: 'Asia/Shanghai', // the web app shows times of day in it
    });
    const noToken = await server().patch('/api/auth/me').set('Cookie', cookie).send({ locale: 'en' });
    expect(noToken.body).toMatchObject({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    const wrongToken = await server()
      .patch('/api/auth/me')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', 'x'.repeat(43))
      .send({ locale: 'en' });
    expect(wrongToken.status).toBe(403);
    const withToken = await server()
      .patch('/api/auth/me')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ locale: 'en' });
    expect(withToken.body.user.locale).toBe('en');
    expect((await server().post('/api/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf)).status).toBe(204);
    expect((await server().get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('locks an account after five wrong passwords, for fifteen minutes of the clock', async () => {
    for (let i = 1; i <= 4; i++)
      expect((await loginAs('liming@example.gov.cn', 'wrong-password')).res.body.code).toBe('INVALID_CREDENTIALS');
    const fifth = await loginAs('liming@example.gov.cn', 'wrong-password');
    expect(fifth.res.body).toMatchObject({ status: 429, code: 'LOGIN_LOCKED', details: { retryAfterSeconds: 900 } });
    expect((await loginAs('liming@example.gov.cn', 'New-password-2024')).res.status).toBe(429);
    clock.set('2024-02-05T09:15:00+08:00');
    expect((await loginAs('liming@example.gov.cn', 'New-password-2024')).res.status).toBe(200);
    // An unknown login answers like a wrong password.
    expect((await loginAs('nobody@example.gov.cn', 'whatever-123')).res.body).toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('API tokens: shown once, listed without the secret, revoked for good; expired ones refused', async () => {
    const { cookie, csrf } = await loginAs('liming@example.gov.cn', 'New-password-2024');
    const made = await server()
      .post('/api/tokens')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ name: '统计脚本', expiresOn: '2024-02-06' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^lsk_/);
    const bearer = () => ({ Authorization: `Bearer ${made.body.token}` });
    expect((await server().get('/api/tasks').set(bearer())).status).toBe(200);
    const list = await server().get('/api/tokens').set(bearer());
    expect(list.body.map((x: { name: string; token?: string }) => [x.name, x.token])).toEqual([
      ['统计脚本', undefined],
    ]);
    clock.set('2024-02-07T00:00:01+08:00');
    expect((await server().get('/api/tasks').set(bearer())).status).toBe(401);
    clock.set('2024-02-06T12:00:00+08:00');
    expect((await server().get('/api/tasks').set(bearer())).status).toBe(200);
    expect((await server().delete(`/api/tokens/${made.body.id}`).set(bearer())).body.revokedAt).not.toBeNull();
    expect((await server().get('/api/tasks').set(bearer())).body).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    // Another user's token does not exist for a liaison.
    const officeTokens = await t.http().get('/api/tokens');
    const again = await loginAs('liming@example.gov.cn', 'New-password-2024'); // the morning's session ended after 12 hours
    expect((await server().get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
    expect(
      (
        await server()
          .delete(`/api/tokens/${officeTokens.body[0].id}`)
          .set('Cookie', again.cookie)
          .set('X-CSRF-Token', again.csrf)
      ).status,
    ).toBe(404);
  });

  it('a disabled user can neither log in nor use a token', async () => {
    const user = (
      await t.http().post('/api/users').send({
        login: 'zhaoli',
        displayName: '赵丽',
        role: 'unit_liaison',
        unitId: fulian,
        password: 'Zhaoli-password-1',
      })
    ).body;
    const token = (await t.http().post('/api/tokens').send({ name: 'x' })).body.token as string;
    expect(token).toMatch(/^lsk_/);
    const disabled = await t.http().patch(`/api/users/${user.id}`).send({ version: user.version, disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await loginAs('zhaoli', 'Zhaoli-password-1')).res.status).toBe(401);
    // The office may not lock itself out.
    const me = (await t.http().get('/api/auth/me')).body.user;
    expect((await t.http().patch(`/api/users/${me.id}`).send({ version: me.version, disabled: true })).body.code).toBe(
      'CANNOT_DEMOTE_SELF',
    );
  });

  it('password reset: a link by e-mail that works once and expires', async () => {
    expect(
      (await t.anonymous().post('/api/auth/password-reset/request').send({ login: 'nobody@example.gov.cn' })).status,
    ).toBe(202);
    expect(
      (await t.anonymous().post('/api/auth/password-reset/request').send({ login: 'liming@example.gov.cn' })).status,
    ).toBe(202);
    const mails = await t.app
      .get(DataSource)
      .getRepository(MailOutbox)
      .find({ where: { kind: 'password_reset' } });
    expect(mails.map((m) => [m.recipientEmail, m.subject])).toEqual([
      ['liming@example.gov.cn', 'Luoshi: reset your password'],
    ]);
    const link = /http:\/\/localhost:3000\/reset-password\?token=([\w%-]+)/.exec(mails[0].body.text)!;
    const token = decodeURIComponent(link[1]);
    const confirm = (pw: string) =>
      t.anonymous().post('/api/auth/password-reset/confirm').send({ token, newPassword: pw });
    expect((await confirm('Reset-password-2024')).status).toBe(204);
    expect((await confirm('Other-password-2024')).body.code).toBe('RESET_LINK_INVALID');
    expect((await loginAs('liming@example.gov.cn', 'Reset-password-2024')).res.status).toBe(200);
    await t.anonymous().post('/api/auth/password-reset/request').send({ login: 'liming@example.gov.cn' });
    const second = (
      await t.app
        .get(DataSource)
        .getRepository(MailOutbox)
        .find({ where: { kind: 'password_reset' }, order: { id: 'DESC' } })
    )[0];
    clock.set('2024-02-06T13:00:01+08:00'); // 60 minutes and a second later
    const late = decodeURIComponent(/token=([\w%-]+)/.exec(second.body.text)![1]);
    expect(
      (
        await t
          .anonymous()
          .post('/api/auth/password-reset/confirm')
          .send({ token: late, newPassword: 'Late-password-2024' })
      ).body.code,
    ).toBe('RESET_LINK_INVALID');
  });

  it('a liaison sees only its own unit in the register, and no mail', async () => {
    const unit = t.asUnit(health);
    const list = await unit.get('/api/units');
    expect(list.body.items.map((u: { id: number }) => u.id)).toEqual([health]);
    expect((await unit.get(`/api/units/${fulian}`)).status).toBe(404);
    expect((await unit.get(`/api/units/${health}`)).status).toBe(200);
    expect((await unit.patch(`/api/units/${health}`).send({ version: 1, name: 'x' })).status).toBe(403);
    expect((await unit.get('/api/mail')).status).toBe(403);
    expect((await unit.get('/api/audit')).status).toBe(403);
  });

  it('the audit trail records logins, failures, changes with before and after, and token changes — filtered and paged', async () => {
    const rename = await t.http().patch(`/api/units/${fulian}`).send({ version: 1, name: '自治县妇女联合会' });
    expect(rename.status).toBe(200);
    const byEntity = (await t.http().get(`/api/audit?entity=unit&entityId=${fulian}`)).body;
    expect(
      byEntity.items.map((e: { action: string; userLogin: string; before: unknown; after: unknown }) => [
        e.action,
        e.userLogin,
        e.before,
        e.after,
      ]),
    ).toEqual([
      ['update', 'test-office-admin', { name: '自治县妇联' }, { name: '自治县妇女联合会' }],
      [
        'create',
        'test-office-admin',
        null,
        expect.objectContaining({ id: fulian, name: '自治县妇联', kind: 'mass_organisation' }),
      ],
    ]);
    const logins = (await t.http().get('/api/audit?who=liming@example.gov.cn&action=login&pageSize=1')).body;
    expect(logins).toMatchObject({ total: 7, pageSize: 1, items: [{ action: 'login', entity: 'app_user' }] });
    const failed = (await t.http().get('/api/audit?action=login_failed&pageSize=200')).body.items.map(
      (e: { after: { login: string; reason: string } }) => `${e.after.login}: ${e.after.reason}`,
    );
    // Newest first: the disabled user, the unknown login, the lockout, the old password after the change.
    expect(failed).toEqual([
      'zhaoli: disabled',
      'nobody@example.gov.cn: unknown login',
      'liming@example.gov.cn: locked',
      'liming@example.gov.cn: wrong password; account locked',
      ...Array.from({ length: 4 }, () => 'liming@example.gov.cn: wrong password'),
      'liming@example.gov.cn: wrong password',
    ]);
    const actions = new Set(
      (await t.http().get('/api/audit?pageSize=200')).body.items.map((e: { action: string }) => e.action),
    );
    for (const a of [
      'create',
      'update',
      'login',
      'login_failed',
      'logout',
      'password_changed',
      'token_created',
      'token_revoked',
      'password_reset_requested',
      'password_reset',
    ])
      expect(actions).toContain(a);
    expect((await t.http().get('/api/audit?from=2030-01-01T00:00:00Z')).body.total).toBe(0);
    // A period of whole days (the web app's picker) is the committee's calendar, its last day
    // included: 5 February in Beijing runs from 16:00 UTC on the 4th to 16:00 UTC on the 5th.
    const total = async (q: string) => (await t.http().get(`/api/audit?${q}`).expect(200)).body.total as number;
    const day = await total('from=2024-02-05&to=2024-02-05');
    expect(day).toBeGreaterThan(0);
    expect(day).toBe(await total('from=2024-02-04T16:00:00Z&to=2024-02-05T16:00:00Z'));
    expect(await total('to=2024-02-04')).toBe(await total('to=2024-02-04T16:00:00Z'));
    expect(await total('from=2024-02-06')).toBe(await total('from=2024-02-05T16:00:00Z'));
    // Exported with the same filters, oldest first; headers in the reader's language.
    const csv = await t
      .http()
      .get(`/api/audit/export?format=csv&entity=unit&entityId=${fulian}`)
      .set('Accept-Language', 'en');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Id,When (UTC),Who,From,Action,Record,Record id,Before,After');
    expect(
      lines.slice(1).map((l) =>
        l
          .split(',')
          .slice(2, 7)
          .filter((_, i) => i !== 1)
          .join(' '),
      ),
    ).toEqual([`test-office-admin create unit ${fulian}`, `test-office-admin update unit ${fulian}`]);
    const xlsx = await t.http().get('/api/audit/export?action=login_failed');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(xlsx.headers['content-disposition'])![1])).toMatch(
      /^审计记录-2024-02-0\d\.xlsx$/,
    );
  });
});
