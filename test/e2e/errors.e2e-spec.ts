import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Every malformed request gets a 4xx in the one error shape, never a 500 or a stack trace. */
describeEachEngine('error responses', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  const expectShape = (body: Record<string, unknown>, status: number) => {
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'status']);
    expect(body).toMatchObject({ status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  };

  it('names every unknown field (whitelist, forbid unknown)', async () => {
    const res = await t
      .http()
      .post('/api/units')
      .send({ name: '单位', kind: 'government', password: 'x', isAdmin: true });
    expect(res.status).toBe(400);
    expectShape(res.body, 400);
    const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['isAdmin', 'password']);
  });

  it('names every invalid field, nested ones with their path', async () => {
    const res = await t
      .http()
      .post('/api/units')
      .send({
        name: '',
        kind: 'ministry',
        liaisons: [{ name: 'ok', email: 'not-an-email' }],
        memberSince: '2023-02-30',
      });
    expect(res.status).toBe(400);
    const fields = res.body.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['kind', 'liaisons[0].email', 'memberSince', 'name']);
    expect(res.body.message).toContain('liaisons[0].email');
  });

  it('answers in Chinese by default and in English on Accept-Language: en, class-validator messages too', async () => {
    const body = { title: '规划', kind: 'women', periodStart: 2021.5, periodEnd: 2025 };
    const zh = await t.http().post('/api/plans').send(body);
    expect(zh.status).toBe(400);
    expect(zh.body).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '请求无效：periodStart',
      details: { fields: [{ field: 'periodStart', problems: ['periodStart必须是整数'] }] },
    });
    const en = await t.http().post('/api/plans').set('Accept-Language', 'en-GB,en;q=0.9').send(body);
    expect(en.body).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'invalid request: periodStart',
      details: { fields: [{ field: 'periodStart', problems: ['periodStart must be a whole number'] }] },
    });
    const enum_ = await t
      .http()
      .post('/api/units')
      .set('Accept-Language', 'zh-CN')
      .send({ name: '单位', kind: 'ministry' });
    expect(enum_.body.details.fields).toEqual([
      { field: 'kind', problems: ['kind必须是以下之一：government, party, judicial, mass_organisation, other'] },
    ]);
    const missing = await t.http().get('/api/plans/999');
    expect(missing.body).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '规划 999 不存在' });
    expect((await t.http().get('/api/plans/999').set('Accept-Language', 'en')).body.message).toBe(
      'Plan 999 does not exist',
    );
    const json = await t.http().post('/api/units').set('Content-Type', 'application/json').send('{"name": "单位",');
    expect(json.body.message).toBe('请求内容不是有效的 JSON');
  });

  it('calls malformed JSON by its name', async () => {
    const res = await t.http().post('/api/units').set('Content-Type', 'application/json').send('{"name": "单位",');
    expect(res.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    const big = await t
      .http()
      .post('/api/units')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }));
    expect(big.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it.each([
    [
      'malformed JSON',
      () => t.http().post('/api/units').set('Content-Type', 'application/json').send('{"name": "单位",'),
      400,
    ],
    ['a JSON array instead of an object', () => t.http().post('/api/units').send([1, 2]), 400],
    ['a JSON string body', () => t.http().post('/api/units').set('Content-Type', 'application/json').send('"x"'), 400],
    [
      'wrong types',
      () => t.http().post('/api/plans').send({ title: 5, kind: 'women', periodStart: '2021', periodEnd: null }),
      400,
    ],
    ['a non-numeric id', () => t.http().get('/api/units/abc'), 400],
    ['a negative id', () => t.http().get('/api/units/-1'), 400],
    ['an id too large for the column', () => t.http().get('/api/units/99999999999999999999'), 400],
    ['an unknown id', () => t.http().get('/api/units/424242'), 404],
    ['a bad page size', () => t.http().get('/api/units?pageSize=100000'), 400],
    ['a non-numeric page', () => t.http().get('/api/units?page=two'), 400],
    ['an unknown query parameter', () => t.http().get('/api/units?drop=table'), 400],
    ['a repeated query parameter', () => t.http().get('/api/units?kind=party&kind=judicial'), 400],
    ['an unknown route', () => t.http().get('/api/nothing-here'), 404],
    ['a wrong method', () => t.http().put('/api/units'), 404],
    ['a merge into itself', () => t.http().post('/api/units/1/merge').send({ sourceUnitId: 1 }), 400],
    [
      'an oversized body',
      () =>
        t
          .http()
          .post('/api/units')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) })),
      413,
    ],
    // JSON routes refuse form bodies outright (a cross-site form could send them).
    ['a form body', () => t.http().post('/api/units').type('form').send('name=x&kind=party&extra=1'), 415],
    [
      'a deeply nested body',
      () =>
        t
          .http()
          .post('/api/plans')
          .send({
            title: 't',
            kind: 'women',
            periodStart: 2021,
            periodEnd: 2025,
            areas: [
              {
                number: 1,
                name: 'a',
                goals: [{ number: 1, text: 'g', indicators: [{ phrase: 'p', comparator: 'gte', value: 'NaN' }] }],
              },
            ],
          }),
      400,
    ],
    ['a missing version on update', () => t.http().patch('/api/units/1').send({ name: 'x' }), 400],
  ])('%s', async (_label, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectShape(res.body, status);
  });

  it('reports the database status at /api/health', async () => {
    const res = await t.http().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { type: engine, status: 'up', pendingMigrations: false },
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/units/{id}/merge', '/api/plans', '/api/plans/{id}', '/api/health']),
    );
    expect((await t.http().get('/api/docs')).status).toBe(200);
  });
});
