import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { SchedulerService } from '../../src/scheduling/scheduler.service.js';
import { MailOutbox } from '../../src/notifications/outbox/mail-outbox.entity.js';

/**
 * Each committee's reminders by its own calendar: at the daily slot (09:00 in the default
 * committee's zone) a committee eight time zones west is still on the day before, so its
 * "3 days before" reminder goes out at the next slot, when its own date has come.
 */
describeEachEngine('reminders: each committee in its own time zone', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2024-02-03T12:00:00+08:00');
  const digestsTo = async (email: string) =>
    (
      await t.app
        .get(DataSource)
        .getRepository(MailOutbox)
        .find({ where: { recipientEmail: email, kind: 'digest' }, order: { id: 'ASC' } })
    ).map((m) => m.idempotencyKey);
  const tick = async (at: string) => {
    clock.set(at);
    return (await t.app.get(SchedulerService).tick(clock.now())).filter((r) => r.name === 'reminders');
  };

  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    const west = (
      await t
        .http()
        .post('/api/committees')
        .send({ name: '海外联络处妇儿工委', level: 'other', timeZone: 'America/Los_Angeles' })
        .expect(201)
    ).body.id;
    const accounts = t.app.get(AccountsService);
    const user = await accounts.create(west, { login: 'west-office', displayName: 'west', role: 'office_admin' });
    const token = (await accounts.createToken(user.id, { name: 'test' })).token;
    const westPost = (url: string) => request(t.app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`);
    const here = (
      await t
        .http()
        .post('/api/units')
        .send({
          name: '自治县卫生健康局',
          kind: 'government',
          liaisons: [{ name: '李明', email: 'liming@here.example.gov.cn' }],
        })
        .expect(201)
    ).body.id;
    const there = (
      await westPost('/api/units')
        .send({
          name: '联络处办公室',
          kind: 'government',
          liaisons: [{ name: '王芳', email: 'wangfang@west.example.gov.cn' }],
        })
        .expect(201)
    ).body.id;
    await t.http().post('/api/tasks').send({ unitId: here, title: '报送整改情况', dueOn: '2024-02-08' }).expect(201);
    await westPost('/api/tasks').send({ unitId: there, title: '报送整改情况', dueOn: '2024-02-08' }).expect(201);
  });
  afterAll(async () => t?.close());

  it('the slot of 2024-02-05 reminds the Shanghai committee (its 5th) but not the Los Angeles one (still its 4th)', async () => {
    // First slot: both look back a week and mention the deadline once (7 days before).
    expect(await tick('2024-02-04T09:00:00+08:00')).toMatchObject([{ action: 'ran', slotKey: '2024-02-04' }]);
    const firstHere = await digestsTo('liming@here.example.gov.cn');
    const firstThere = await digestsTo('wangfang@west.example.gov.cn');
    expect(firstHere).toHaveLength(1);
    expect(firstThere).toHaveLength(1);
    // Shanghai's date is the 4th, Los Angeles' still the 3rd: each digest is keyed by its own day.
    expect(firstHere[0]).toContain('2024-02-04');
    expect(firstThere[0]).toContain('2024-02-03');

    // 2024-02-05 09:00 in Shanghai = 2024-02-04 17:00 in Los Angeles.
    const second = await tick('2024-02-05T09:00:00+08:00');
    expect(second).toMatchObject([{ action: 'ran', slotKey: '2024-02-05', result: { tasksReminded: 1 } }]);
    const here = await digestsTo('liming@here.example.gov.cn');
    expect(here).toHaveLength(2);
    expect(here[1]).toContain('2024-02-05');
    expect(await digestsTo('wangfang@west.example.gov.cn')).toEqual(firstThere);

    // The next slot: the 5th has come in Los Angeles (3 days before its deadline); nothing new in Shanghai.
    expect(await tick('2024-02-06T09:00:00+08:00')).toMatchObject([
      { action: 'ran', slotKey: '2024-02-06', result: { tasksReminded: 1 } },
    ]);
    const there = await digestsTo('wangfang@west.example.gov.cn');
    expect(there).toHaveLength(2);
    expect(there[1]).toContain('2024-02-05');
    expect(await digestsTo('liming@here.example.gov.cn')).toEqual(here);
  });
});
