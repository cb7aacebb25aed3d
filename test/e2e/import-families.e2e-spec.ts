import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { docxWithTable, type DocxCellInput } from '../helpers/docx-table.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const HONGTONG = fixture('hongtong-women-children-plans-14th-fyp.txt');
const ENGLISH = fixture('huozhou-women-children-plans-14th-fyp-en.txt');
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

interface TreeGoal {
  id: number;
  number: number;
  text: string;
  assignments: { role: string; unit: { name: string } | null; allMembers: boolean }[];
}
interface Tree {
  id: number;
  title: string;
  areas: { number: number; name: string; goals: TreeGoal[] }[];
}

/** Leads by area, as a 任务分工方案 would give them; 2 responsible units per goal, the last group 各成员单位. */
const LEADS = [
  '县卫生健康局',
  '县教育局',
  '县人力资源和社会保障局',
  '县委组织部',
  '县医疗保障局',
  '县妇联',
  '县生态环境局',
  '县司法局',
];

describeEachEngine(
  'importing the texts offices receive (English, interpretations, Word task-division tables)',
  (engine) => {
    let t: TestApp;
    let database: DatabaseSettings;
    let dir: string;
    let women: Tree;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'luoshi-families-'));
      database =
        engine === 'sqlite' ? { url: '', sqlitePath: join(dir, 'families.sqlite') } : await freshDatabase(engine);
      t = await createTestApp(engine, {}, { database });
      const created = await t.http().post('/api/imports').attach('file', HONGTONG, 'hongtong.txt');
      expect(created.status).toBe(201);
      women = (await t.http().get(`/api/plans/${created.body.plans[0].changes.planId}`)).body;
    });
    afterAll(async () => {
      await t.close();
      await dropDatabase(database);
      rmSync(dir, { recursive: true, force: true });
    });

    it('previews the English translation as two plans with the counts a reader finds, goal texts in English', async () => {
      const res = await t.http().post('/api/imports/preview').attach('file', ENGLISH, 'huozhou-en.txt');
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([]);
      expect(
        res.body.plans.map(
          (p: {
            title: string;
            kind: string;
            periodStart: number;
            periodEnd: number;
            language: string;
            counts: { areas: number; goals: number; measures: number };
          }) => [
            p.title,
            p.kind,
            p.periodStart,
            p.periodEnd,
            p.language,
            p.counts.areas,
            p.counts.goals,
            p.counts.measures,
          ],
        ),
      ).toEqual([
        ["Women's Development Plan (2021–2025)", 'women', 2021, 2025, 'en', 8, 74, 96],
        ['Huozhou City’s “14th Five-Year Plan” for Children’s Development', 'children', 2021, 2025, 'en', 7, 70, 87],
      ]);
      expect(res.body.plans[0].areas[0].goals[0].text).toBe(
        'Women enjoy good health services throughout their life cycle. The average life expectancy of women has reached 78 years; the average healthy life expectancy of women has increased significantly.',
      );
      expect(res.body.plans[0].areas[3].goals[8]).toMatchObject({ number: 9, printedNumber: '2', line: 145 });
    });

    it('refuses an interpretation with one line and a code, writing nothing', async () => {
      const before = (await t.http().get('/api/plans')).body.total;
      const text =
        '《洪洞县妇女发展“十四五”规划》政策解读\n一、起草背景\n规划共设置8个领域，主要目标75项、策略措施96条。';
      const res = await t.http().post('/api/imports').attach('file', Buffer.from(text), 'jiedu.txt');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('NOT_A_PLAN_INTERPRETATION');
      expect(res.body.message).toBe(
        '这是《洪洞县妇女发展“十四五”规划》（2021—2025年）的政策解读，不是规划正文，未导入任何内容；请上传规划原文。',
      );
      expect((await t.http().get('/api/plans')).body.total).toBe(before);
    });

    it('shows a missing period as an error on the preview with its line, and refuses the commit', async () => {
      const text =
        '某某县儿童发展规划\n二、发展领域、主要目标和策略措施\n（一）儿童与健康\n主要目标：\n1.儿童健康。\n策略措施：\n1.措施。';
      const preview = await t.http().post('/api/imports/preview').attach('file', Buffer.from(text), 'p.txt');
      expect(preview.status).toBe(200);
      const params = { form: 'error', line: 1, title: '某某县儿童发展规划' };
      expect(preview.body.errors).toEqual([
        {
          line: 1,
          code: 'NO_PERIOD',
          params,
          message:
            '第1行“某某县儿童发展规划”：没有找到规划期（如 2021—2025年、“十四五”或 By 2025），请在文本标题中补上规划期后再导入。',
        },
      ]);
      const en = await t
        .http()
        .post('/api/imports/preview')
        .set('Accept-Language', 'en')
        .attach('file', Buffer.from(text), 'p.txt');
      expect(en.body.errors).toEqual([
        {
          line: 1,
          code: 'NO_PERIOD',
          params,
          message:
            'line 1 "某某县儿童发展规划": no plan period found (such as 2021–2025, 十四五 or By 2025); add it to the title in the text and import again.',
        },
      ]);
      const commit = await t.http().post('/api/imports').attach('file', Buffer.from(text), 'p.txt');
      expect(commit.status).toBe(400);
      expect(commit.body.code).toBe('NO_PERIOD');
      const commitEn = await t
        .http()
        .post('/api/imports')
        .set('Accept-Language', 'en')
        .attach('file', Buffer.from(text), 'p.txt');
      expect(commitEn.body.message).toBe(
        'line 1 "某某县儿童发展规划": no plan period found (such as 2021–2025, 十四五 or By 2025); add it to the title in the text and import again.',
      );
    });

    /** The women plan's 任务分工方案 as a Word table: area rows spanning the table, goal cells in two paragraphs. */
    async function womenDocx(mergedAreaColumn: boolean): Promise<Buffer> {
      const rows: DocxCellInput[][] = [
        mergedAreaColumn
          ? ['领域', '序号', '主要目标', '牵头单位', '责任单位']
          : ['序号', '目标任务', '牵头单位', '配合单位', '备注'],
      ];
      women.areas.forEach((area, a) => {
        if (!mergedAreaColumn) rows.push([{ paragraphs: [`（${CN[a]}）${area.name}`], span: 5 }]);
        area.goals.forEach((g, i) => {
          const cut = g.text.indexOf('，');
          const goalCell = cut > 0 ? [g.text.slice(0, cut + 1), g.text.slice(cut + 1)] : [g.text];
          const responsible = i % 3 === 2 ? '各成员单位' : `县妇联，县${['统计局', '财政局', '民政局'][i % 3]}`;
          if (mergedAreaColumn)
            rows.push([
              { paragraphs: i === 0 ? [area.name] : [], merge: i === 0 ? 'restart' : 'continue' },
              String(g.number),
              goalCell,
              LEADS[a],
              responsible,
            ]);
          else rows.push([String(g.number), goalCell, LEADS[a], responsible, '']);
        });
      });
      return docxWithTable(['洪洞县妇女发展“十四五”规划任务分工方案'], rows, ['洪洞县妇女儿童工作委员会办公室']);
    }

    /** What the table asks for: one lead per goal; 县妇联 and one more unit, or 各成员单位 for every third goal. */
    const tableAssignments = () =>
      women.areas.reduce((n, area) => n + area.goals.reduce((m, _g, i) => m + 1 + (i % 3 === 2 ? 1 : 2), 0), 0);

    it('previews a Word task-division table through HTTP: every row matched, no goal left without a lead, nothing written', async () => {
      const docx = await womenDocx(false);
      const dry = await t
        .http()
        .post(`/api/plans/${women.id}/task-division`)
        .attach('file', docx, '任务分工方案.docx')
        .field('dryRun', 'true')
        .field('acceptNewUnits', 'true');
      expect(dry.status).toBe(201);
      expect(dry.body).toMatchObject({
        dryRun: true,
        rows: 75,
        goalsChanged: 75,
        added: tableAssignments(),
        removed: 0,
        unmatchedRows: [],
        goalsWithoutLead: [],
        warnings: [],
      });
      expect(dry.body.newUnits.sort()).toEqual(
        [...LEADS, '县统计局', '县财政局'].filter((u, i, all) => all.indexOf(u) === i).sort(),
      );
      const refused = await t
        .http()
        .post(`/api/plans/${women.id}/task-division`)
        .attach('file', docx, '任务分工方案.docx');
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('UNKNOWN_UNITS');
      const tree: Tree = (await t.http().get(`/api/plans/${women.id}`)).body;
      expect(tree.areas.flatMap((a) => a.goals).every((g) => g.assignments.length === 0)).toBe(true);
    });

    it('assigns every goal its lead and responsible units from a Word table through the CLI', async () => {
      const file = join(dir, '任务分工方案.docx');
      writeFileSync(file, await womenDocx(true));
      const env = {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'error',
        LUOSHI_DEMO: 'false',
        ...(database.url ? { DB_URL: database.url } : { SQLITE_PATH: database.sqlitePath }),
      };
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
      const run = cli('task-division', 'import', '--plan', String(women.id), file, '--accept-new-units', '--json');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result).toMatchObject({
        dryRun: false,
        rows: 75,
        goalsChanged: 75,
        added: tableAssignments(),
        unmatchedRows: [],
        goalsWithoutLead: [],
      });
      const tree: Tree = (await t.http().get(`/api/plans/${women.id}`)).body;
      tree.areas.forEach((area, a) => {
        for (const g of area.goals) {
          expect([g.number, g.assignments.filter((x) => x.role === 'lead').map((x) => x.unit?.name)]).toEqual([
            g.number,
            [LEADS[a]],
          ]);
          expect(g.assignments.filter((x) => x.role === 'responsible').length).toBeGreaterThan(0);
        }
      });
      // The same table again changes nothing; a plain-text preview says so.
      const again = cli('task-division', 'import', '--plan', String(women.id), file, '--dry-run');
      expect(again.status).toBe(0);
      // In the CLI's language: Chinese by default, English with LUOSHI_LANG=en.
      expect(again.stdout).toContain('75 行对应到目标；0 项目标有变化：新增分工 0 处，删除 0 处');
      expect(again.stdout).toContain('每项目标都有牵头单位');
      const againEn = spawnSync(
        process.execPath,
        ['dist/cli.js', 'task-division', 'import', '--plan', String(women.id), file, '--dry-run'],
        { cwd: root, env: { ...env, LUOSHI_LANG: 'en' }, encoding: 'utf8' },
      );
      expect(againEn.stdout).toContain('75 rows matched to goals; 0 goals changed: 0 assignments added, 0 removed');
      expect(againEn.stdout).toContain('every goal has a lead unit');
      expect(againEn.stdout).not.toMatch(/预览|已导入/);
      // Export writes the sheet the office fills in: a header, one row per goal with its units, then one per measure (策略措施) to assign optionally.
      const out = join(dir, 'fengong.csv');
      const exported = cli('task-division', 'export', '--plan', String(women.id), '--out', out);
      expect(exported.status).toBe(0);
      const csv = readFileSync(out, 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(csv).toHaveLength(1 + 75 + 97);
      expect(csv[1].split(',').slice(3, 4)).toEqual([LEADS[0]]);
      // An interpretation given to `import` is refused with one line and exit 2.
      const jiedu = join(dir, 'jiedu.txt');
      writeFileSync(jiedu, '《洪洞县儿童发展“十四五”规划》解读\n规划提出7个领域70项主要目标、87条策略措施。');
      const refused = cli('import', jiedu);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(
        '错误：这是《洪洞县儿童发展“十四五”规划》（2021—2025年）的政策解读，不是规划正文，未导入任何内容；请上传规划原文。\n',
      );
    }, 120_000);

    it('reads the same table pasted as tab-separated text, reporting unmatched rows and goals left without a lead', async () => {
      const children: Tree = (await t.http().get(`/api/plans?q=${encodeURIComponent('儿童')}`)).body.items[0];
      const tree: Tree = (await t.http().get(`/api/plans/${children.id}`)).body;
      const first = tree.areas[0];
      const lines = [
        '序号\t主要目标\t牵头单位\t责任单位',
        `（一）${first.name}`,
        ...first.goals.map((g) => `${g.number}\t${g.text}\t县卫生健康局\t县妇联`),
        '99\t全面推进不存在的目标。\t县卫生健康局\t',
      ];
      const res = await t
        .http()
        .post(`/api/plans/${children.id}/task-division`)
        .attach('file', Buffer.from(lines.join('\n')), 'fengong.txt')
        .field('dryRun', 'true');
      expect(res.status).toBe(201);
      const total = tree.areas.reduce((n, a) => n + a.goals.length, 0);
      expect(res.body.rows).toBe(first.goals.length);
      expect(res.body.unmatchedRows).toEqual([{ line: first.goals.length + 3, text: '99. 全面推进不存在的目标。' }]);
      expect(res.body.goalsWithoutLead).toHaveLength(total - first.goals.length);
    });
  },
);
