import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { docxBomb, docxWithBody, xlsxBomb, xlsxOf } from '../helpers/zip-builder.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { parseCsv } from '../../src/plans/task-division/task-division.sheet.js';

/**
 * Hostile input through the HTTP API: archive bombs, deep documents, prototype keys as sort
 * fields, formula cells, CSV injection, control characters in names, cross-site form posts,
 * security headers and throttling.
 */
const EVIL_UNIT = "-2+3+cmd|'/Ccalc'!A0";

describeEachEngine('hostile input', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2025-03-01T09:00:00+08:00');
  let planId: number;
  let unitId: number;

  beforeAll(async () => {
    // The assertions read the English messages, which name the specifics (sizes, limits, fields).
    t = await createTestApp(engine, { 'limits.expensiveRequestsPerMinute': 8 }, { clock, language: 'en' });
    const unit = await t.http().post('/api/units').send({ name: EVIL_UNIT, kind: 'government' });
    expect(unit.status).toBe(201);
    unitId = unit.body.id;
    const plan = await t
      .http()
      .post('/api/plans')
      .send({
        title: '测试县妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        areas: [
          {
            number: 1,
            name: '妇女与健康',
            goals: [
              { number: 1, text: '=HYPERLINK("http://evil.example","点击")', leadUnitIds: [unitId] },
              { number: 2, text: '@SUM(1+1)*cmd', responsibleUnitIds: [unitId] },
            ],
          },
        ],
      });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Polls /api/health while `work` runs, every answer expected to be 200; the number of checks
   * made (at least one: the first is sent before `work` can settle).
   */
  async function healthDuring<T>(work: Promise<T>): Promise<{ result: T; checks: number }> {
    let done = false;
    let checks = 0;
    const poll = (async () => {
      while (!done) {
        const res = await t.http().get('/api/health');
        expect(res.status).toBe(200);
        checks++;
      }
    })();
    const result = await work.finally(() => (done = true));
    await poll;
    return { result, checks };
  }

  it('a .docx bomb is refused with 400, health answering throughout', async () => {
    const bomb = docxBomb(100);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const { result: res, checks } = await healthDuring(
      t
        .http()
        .post('/api/imports/preview')
        .attach('file', bomb, 'plan.docx')
        .then((r) => r),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'ARCHIVE_ENTRY_TOO_LARGE' });
    expect(res.body.message).toContain('Entry word/document.xml expands to 100.0 MB; the limit per entry is 50.0 MB.');
    expect(checks).toBeGreaterThanOrEqual(1);
  });

  it('a .docx that lies about its size, and one nested 100 000 deep, are refused', async () => {
    const liar = docxWithBody(Buffer.alloc(80 * 1024 * 1024, 0x41), { declaredSize: 2048 });
    let res = await t.http().post('/api/imports/preview').attach('file', liar, 'plan.docx');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ARCHIVE_ENTRY_TOO_LARGE');
    const nested = '<w:sdt><w:sdtContent>'.repeat(100_000) + '<w:p/>' + '</w:sdtContent></w:sdt>'.repeat(100_000);
    res = await t.http().post('/api/imports/preview').attach('file', docxWithBody(nested), 'plan.docx');
    expect(res.status).toBe(400);
    // 4.3 MB of tags compress 700:1: the ratio check refuses it before anything is inflated.
    expect(res.body.code).toBe('ARCHIVE_RATIO');
  });

  it('an .xlsx bomb (256 MB of shared strings; bench/ sends the 1 GB one) sent as a task-division sheet is refused with 400', async () => {
    const bomb = xlsxBomb(256);
    const { result: res, checks } = await healthDuring(
      t
        .http()
        .post(`/api/plans/${planId}/task-division`)
        .attach('file', bomb, 'sheet.xlsx')
        .then((r) => r),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ARCHIVE_ENTRY_TOO_LARGE');
    expect(res.body.message).toContain('Entry xl/sharedStrings.xml expands to 256.0 MB');
    expect(checks).toBeGreaterThanOrEqual(1);
  }, 90_000); // building the bomb takes a while on a busy machine

  it('formula cells in an imported sheet: the cached value is read, a formula without one is refused with its row', async () => {
    const header = [
      '领域 Area',
      '目标序号 Goal',
      '目标 Goal text',
      '牵头单位 Lead units',
      '责任单位 Responsible units',
    ];
    let res = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .field('dryRun', 'true')
      .attach(
        'file',
        xlsxOf([
          header,
          ['1 妇女与健康', { f: '0+1', v: 1 }, 'x', { f: 'CONCAT("自治县","妇联")', v: '自治县妇联' }, ''],
        ]),
        'sheet.xlsx',
      );
    expect(res.status).toBe(201);
    expect(res.body.unknownUnits).toEqual([{ name: '自治县妇联', lines: [2] }]);
    res = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .field('dryRun', 'true')
      .attach(
        'file',
        xlsxOf([header, ['1 妇女与健康', 1, 'x', '', ''], ['1 妇女与健康', 2, 'x', { f: 'A1&B1' }, '']]),
        'sheet.xlsx',
      );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'FORMULA_CELL', details: { row: 3, column: 4 } });
  });

  it('the task-division CSV neutralises cells that would run as formulas, and reads its own output back', async () => {
    const res = await t.http().get(`/api/plans/${planId}/task-division?format=csv`).buffer(true);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text);
    expect(rows[1]).toEqual(['1 妇女与健康', '1', `'=HYPERLINK("http://evil.example","点击")`, `'${EVIL_UNIT}`, '']);
    expect(rows[2]).toEqual(['1 妇女与健康', '2', `'@SUM(1+1)*cmd`, '', `'${EVIL_UNIT}`]);
    const back = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .field('dryRun', 'true')
      .attach('file', Buffer.from(res.text), 'sheet.csv');
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ rows: 2, goalsChanged: 0, unknownUnits: [] });
  });

  it('sort=__proto__ is a 400 too', async () => {
    expect((await t.http().get('/api/units?sort=__proto__')).status).toBe(400);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '-valueOf', 'isPrototypeOf'])(
    'sort=%s is a 400 naming the allowed fields',
    async (sort) => {
      const res = await t.http().get(`/api/units?sort=${sort}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(/^cannot sort by .+; allowed: id, name, kind/);
    },
  );

  it('line breaks and other control characters in liaison and head names are refused', async () => {
    for (const body of [
      { name: '自治县民政局', kind: 'government', headName: '王局长\r\nBcc: x@evil.example' },
      { name: '自治县民政局', kind: 'government', liaisons: [{ name: '张\n敏', email: 'zm@example.gov.cn' }] },
      { name: '自治县\t民政局', kind: 'government' },
    ]) {
      const res = await t.http().post('/api/units').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain(
        'must not contain line breaks, tabs or other control characters',
      );
    }
    const patch = await t.http().patch(`/api/units/${unitId}`).send({ version: 1, headName: '李\u2028四' });
    expect(patch.status).toBe(400);
  });

  it('cross-site form posts never reach a JSON route: form-encoded, multipart and text/plain get 415', async () => {
    const before = (await t.http().get('/api/units')).body.total;
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'name=evil&kind=government'],
      ['text/plain', '{"name":"evil","kind":"government"}'],
    ]) {
      const res = await t.http().post('/api/units').set('Content-Type', type).send(body);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        details: { contentType: type, accepted: ['application/json'] },
      });
    }
    const multipart = await t.http().post('/api/units').field('name', 'evil').field('kind', 'government');
    expect(multipart.status).toBe(415);
    const generate = await t
      .http()
      .post('/api/duties/generate')
      .type('form')
      .send({ planId: String(planId) });
    expect(generate.status).toBe(415);
    expect((await t.http().get('/api/units')).body.total).toBe(before);
    // Multipart where a route takes a file, JSON everywhere.
    clock.advance(61_000); // out of the import throttle's window
    expect((await t.http().post('/api/imports/preview').attach('file', Buffer.from('x'), 'plan.txt')).status).toBe(400);
    expect((await t.http().post('/api/units').send({ name: '自治县民政局', kind: 'government' })).status).toBe(201);
  });

  it('security headers on the API and the docs; no X-Powered-By; health names no host', async () => {
    const res = await t.http().get('/api/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'];
    expect(csp).toBe(
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    expect(res.body).toEqual({
      status: 'ok',
      database: { type: engine, status: 'up', version: expect.any(String), pendingMigrations: false },
    });
    const docs = await t.http().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toBe(csp);
    // Swagger UI runs under that policy: every script is a file of this origin, none inline.
    const scripts = [...docs.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect(attrs).toMatch(/src="[^"]+\.js"/);
      expect(inline.trim()).toBe('');
    }
  });

  it('imports and exports are throttled per client: 429 in the one error shape', async () => {
    clock.advance(61_000); // a fresh window, whatever the tests above used
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 9; i++) {
      last = await t.http().get(`/api/supervision/ledger/export?format=csv`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', details: { limit: 8 } });
    expect(last!.body.message).toMatch(/^at most 8 imports and exports a minute; try again in \d+ s$/);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    // Other routes are not throttled; a minute later exports are served again.
    expect((await t.http().get('/api/units')).status).toBe(200);
    clock.advance(60_000);
    expect((await t.http().get(`/api/supervision/ledger/export?format=csv`)).status).toBe(200);
  });
});
