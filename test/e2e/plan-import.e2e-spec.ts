import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { describeEachEngine } from '../helpers/engines.js';
import { ERROR_CODES } from '../../src/common/i18n/error-codes.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { binary } from '../helpers/binary.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const WEINING = fixture('weining-notice-and-women-plan-2021-2025.txt');
const HONGTONG = fixture('hongtong-women-children-plans-14th-fyp.txt');

describeEachEngine('plan import', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  const preview = (bytes: Buffer, name = 'plan.txt', fields: Record<string, string> = {}) => {
    const req = t.http().post('/api/imports/preview').attach('file', bytes, name);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req;
  };
  const commit = (bytes: Buffer, name = 'plan.txt', fields: Record<string, string> = {}) => {
    const req = t.http().post('/api/imports').attach('file', bytes, name);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req;
  };
  const planCount = async () => (await t.http().get('/api/plans')).body.total;

  it.each([
    ['an empty file', Buffer.alloc(0), 'EMPTY_FILE'],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7]), 'BINARY_FILE'],
    [
      'undecodable bytes',
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x41, 0x42]),
      'UNDECODABLE',
    ],
    ['a text with no plan in it', Buffer.from('会议通知\n\n请各单位于下周一参加会议。\n'), 'NO_PLAN'],
  ])('rejects %s with a clear 400 and writes nothing', async (_label, bytes, code) => {
    const res = await commit(bytes as Buffer);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toBe(
      (ERROR_CODES as unknown as Record<string, Record<string, string>>)[code as string]!['zh-CN'],
    );
    expect(await planCount()).toBe(0);
  });

  it('rejects a 50 MB upload with 400 TOO_LARGE', async () => {
    const res = await preview(Buffer.alloc(50 * 1024 * 1024, 0x41));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('TOO_LARGE');
    expect(await planCount()).toBe(0);
  });

  it('previews the Weining plan with the counts of domain.md, unknown units with their lines, nothing written', async () => {
    const res = await preview(WEINING, 'weining.txt');
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.plans).toHaveLength(1);
    const [plan] = res.body.plans;
    expect(plan).toMatchObject({
      periodStart: 2021,
      periodEnd: 2025,
      issuedOn: '2023-05-05',
      documentNumber: '威府发〔2023〕4号',
      kind: 'women',
    });
    expect(plan.counts).toEqual({
      areas: 9,
      goals: 79,
      measures: 95,
      leadSlots: 89,
      responsibleSlots: 189,
      goalsWithoutLead: 10,
    });
    expect(plan.changes).toMatchObject({
      outcome: 'created',
      planId: null,
      added: { areas: 9, goals: 79, measures: 95, assignments: 15 },
    });
    // Only the 15 各成员单位 assignments need no unit from the register.
    // 36 strings incl. 各成员单位, which is not a unit name.
    expect(res.body.units).toHaveLength(35);
    expect(res.body.units.every((u: { status: string }) => u.status === 'unknown')).toBe(true);
    const health = res.body.units.find((u: { name: string }) => u.name === '自治县卫生健康局');
    expect(health.lines[0]).toBe(77);
    const unknownWarnings = res.body.warnings.filter((w: { code: string }) => w.code === 'UNKNOWN_UNIT');
    expect(unknownWarnings).toHaveLength(35);
    expect(
      res.body.warnings.filter((w: { code: string }) => w.code === 'NO_LEAD').map((w: { line: number }) => w.line),
    ).toEqual([143, 171, 215, 245, 309, 343, 351, 353, 355, 385]);
    expect(await planCount()).toBe(0);
    expect((await t.http().get('/api/units')).body.total).toBe(0);
  });

  it("says the warnings in the caller's language, with the same codes, lines and params (issue 11)", async () => {
    const zh = await preview(WEINING, 'weining.txt');
    const en = await t
      .http()
      .post('/api/imports/preview')
      .set('Accept-Language', 'en')
      .attach('file', WEINING, 'weining.txt');
    expect(en.status).toBe(200);
    const strip = (w: { message: string }[]) => w.map(({ message: _m, ...rest }) => rest);
    expect(strip(en.body.warnings)).toEqual(strip(zh.body.warnings));
    const noLead = (body: { warnings: { code: string; line: number; message: string }[] }) =>
      body.warnings.find((w) => w.code === 'NO_LEAD' && w.line === 143)!.message;
    expect(noLead(zh.body)).toMatch(/^“.+”第\d+条目标没有牵头单位/);
    expect(noLead(en.body)).toMatch(/^goal \d+ of ".+" has no lead unit/);
    const unknown = (body: { warnings: { code: string; message: string }[] }) =>
      body.warnings.find((w) => w.code === 'UNKNOWN_UNIT')!.message;
    expect(unknown(zh.body)).toMatch(/^未知单位“/);
    expect(unknown(en.body)).toMatch(/^unknown unit /);
  });

  it('refuses to commit while unit names are unknown, listing them', async () => {
    const res = await commit(WEINING);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('UNKNOWN_UNITS');
    expect(res.body.details.units).toHaveLength(35);
    expect(await planCount()).toBe(0);
  });

  it('commits with mapped and new units in one transaction; re-import changes nothing', async () => {
    const league = (await t.http().post('/api/units').send({ name: '共青团自治县委', kind: 'mass_organisation' })).body;
    const res = await commit(WEINING, 'weining.txt', {
      mapping: JSON.stringify({ 自治县团委: league.id }),
      acceptNewUnits: 'true',
    });
    expect(res.status).toBe(201);
    const [plan] = res.body.plans;
    expect(plan.changes).toMatchObject({
      outcome: 'created',
      added: { areas: 9, goals: 79, measures: 95, assignments: 89 + 189 },
    });
    expect(res.body.units.find((u: { name: string }) => u.name === '自治县团委')).toMatchObject({
      status: 'mapped',
      unitId: league.id,
    });
    expect((await t.http().get(`/api/units/${league.id}`)).body.aliases.map((a: { alias: string }) => a.alias)).toEqual(
      ['自治县团委'],
    );
    expect((await t.http().get('/api/units?pageSize=200')).body.total).toBe(35);

    const tree = (await t.http().get(`/api/plans/${plan.changes.planId}`)).body;
    expect(tree.areas).toHaveLength(9);
    const goals = tree.areas.flatMap((a: { goals: unknown[] }) => a.goals);
    expect(goals).toHaveLength(79);
    const health7 = tree.areas[0].goals.find((g: { number: number }) => g.number === 7);
    const names = (role: string) =>
      health7.assignments
        .filter((a: { role: string }) => a.role === role)
        .map((a: { unit: { name: string } }) => a.unit.name)
        .sort();
    expect(names('lead')).toEqual(['自治县卫生健康局']);
    expect(names('responsible')).toEqual(
      ['自治县总工会', '自治县科协', '自治县妇联', '自治县教育科技局', '自治县民政局'].sort(),
    );
    expect(health7.indicators).toEqual([expect.objectContaining({ value: 20, unit: '%' })]);

    const again = await commit(WEINING, 'weining.txt');
    expect(again.status).toBe(201);
    expect(again.body.plans[0].changes).toEqual({
      outcome: 'unchanged',
      planId: plan.changes.planId,
      added: { areas: 0, goals: 0, measures: 0, assignments: 0, indicators: 0 },
      updated: { areas: 0, goals: 0, measures: 0, assignments: 0, indicators: 0, plan: 0 },
      removed: { areas: 0, goals: 0, measures: 0, assignments: 0, indicators: 0 },
    });
    expect((await t.http().get(`/api/plans/${plan.changes.planId}`)).body.version).toBe(tree.version);
  });

  it('imports a revised text: updates what changed and reports it', async () => {
    let text = WEINING.toString('utf8');
    // Goal 3 of area 1 gets a new target and loses nothing; goal 5 loses 自治县科协; a measure disappears.
    text = text.replace('孕产妇死亡率下降到12/10万以下。', '孕产妇死亡率下降到10/10万以下。');
    text = text.replace(
      '(牵头单位:自治县卫生健康局;责任单位:自治县科协,自治县教育科技局)',
      '(牵头单位:自治县卫生健康局;责任单位:自治县教育科技局)',
    );
    const lines = text.split('\n');
    const measure = lines.findIndex(
      (l) => /^\d+[.．]/.test(l) && lines.slice(0, lines.indexOf(l)).some((p) => p.startsWith('策略措施')),
    );
    lines.splice(measure, 1);
    const res = await preview(Buffer.from(lines.join('\n')), 'revised.txt');
    expect(res.status).toBe(200);
    const changes = res.body.plans[0].changes;
    // Removing a line of area 1 moves the source line of everything after it (8 areas, 69 goals,
    // 94 measures), plus goal 3's new text; goal 3's two indicators are replaced.
    expect(changes).toEqual({
      outcome: 'updated',
      planId: expect.any(Number),
      added: { areas: 0, goals: 0, measures: 0, assignments: 0, indicators: 2 },
      updated: { areas: 8, goals: 70, measures: 94, assignments: 0, indicators: 0, plan: 0 },
      removed: { areas: 0, goals: 0, measures: 1, assignments: 1, indicators: 2 },
    });
    const committed = await commit(Buffer.from(lines.join('\n')), 'revised.txt');
    expect(committed.body.plans[0].changes).toEqual(changes);
    const goal3 = (await t.http().get(`/api/plans/${changes.planId}`)).body.areas[0].goals.find(
      (g: { number: number }) => g.number === 3,
    );
    expect(goal3.text).toContain('10/10万');
    expect(goal3.indicators[0]).toMatchObject({ value: 10, unit: 'per_100k', comparator: 'lte' });
  });

  it('decodes GBK text and previews both Hongtong plans', async () => {
    const gbk = iconv.encode(HONGTONG.toString('utf8'), 'gbk');
    const res = await preview(gbk, 'hongtong.txt');
    expect(res.status).toBe(200);
    expect(
      res.body.plans.map((p: { counts: { goals: number; measures: number } }) => [p.counts.goals, p.counts.measures]),
    ).toEqual([
      [75, 97],
      [70, 86],
    ]);
    expect(res.body.plans.map((p: { kind: string }) => p.kind)).toEqual(['women', 'children']);
  });

  it('round-trips the task-division sheet (.csv and .xlsx) for a plan without annotations', async () => {
    const created = await commit(HONGTONG, 'hongtong.txt');
    expect(created.status).toBe(201);
    const planId = created.body.plans[0].changes.planId;
    const csv = await t.http().get(`/api/plans/${planId}/task-division?format=csv`).buffer(true).parse(binary);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="task-division-plan-${planId}.csv"; filename*=UTF-8''task-division-plan-${planId}.csv`,
    );
    expect(csv.headers['x-content-type-options']).toBe('nosniff');
    const rows = (csv.body as Buffer)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    // Header, the women's plan's 75 goals and its 97 measures (策略措施, to assign optionally), final CRLF.
    expect(rows).toHaveLength(1 + 75 + 97 + 1);
    expect(rows[0]).toBe('领域,目标序号,目标,牵头单位,责任单位');
    const en = await t.http().get(`/api/plans/${planId}/task-division?format=csv`).set('Accept-Language', 'en');
    expect(en.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Area,Goal,Goal text,Lead units,Responsible units');
    // Fill the units of the first two goals as an office would, then import.
    const cells = (line: string) => line.split(',');
    const filled = rows.map((line, i) => {
      if (i === 1 || i === 2) {
        const c = cells(line);
        return [c[0], c[1], '', '自治县卫生健康局', '自治县总工会、妇联'].join(',');
      }
      return line;
    });
    const sheet = Buffer.from(filled.join('\r\n'));
    const dry = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .attach('file', sheet, 'sheet.csv')
      .field('dryRun', 'true');
    expect(dry.status).toBe(201);
    expect(dry.body).toMatchObject({ dryRun: true, goalsChanged: 2, added: 6 });
    const applied = await t.http().post(`/api/plans/${planId}/task-division`).attach('file', sheet, 'sheet.csv');
    expect(applied.body).toMatchObject({ dryRun: false, goalsChanged: 2, added: 6, removed: 0 });

    const xlsx = await t.http().get(`/api/plans/${planId}/task-division?format=xlsx`).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const row2 = workbook.worksheets[0].getRow(2).values as unknown[];
    expect(row2[4]).toBe('自治县卫生健康局');
    expect(String(row2[5]).split('、').sort()).toEqual(['自治县妇联', '自治县总工会'].sort());
    // Importing the exported workbook changes nothing.
    const same = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .attach('file', xlsx.body as Buffer, 'sheet.xlsx');
    expect(same.body).toMatchObject({ goalsChanged: 0, added: 0, removed: 0 });
  });

  it('refuses unknown units in a sheet with their rows, or creates them when accepted', async () => {
    const planId = (await t.http().get(`/api/plans?q=${encodeURIComponent('儿童')}`)).body.items[0].id;
    const sheet = Buffer.from('领域,目标序号,目标,牵头单位,责任单位\n1 儿童与健康,1,,自治县新单位局,\n');
    const refused = await t.http().post(`/api/plans/${planId}/task-division`).attach('file', sheet, 's.csv');
    expect(refused.status).toBe(400);
    expect(refused.body.details.units).toEqual([{ name: '自治县新单位局', lines: [2] }]);
    const accepted = await t
      .http()
      .post(`/api/plans/${planId}/task-division`)
      .attach('file', sheet, 's.csv')
      .field('acceptNewUnits', 'true');
    expect(accepted.body).toMatchObject({ newUnits: ['自治县新单位局'], added: 1 });
  });
});
