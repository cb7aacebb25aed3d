import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';

/*
 * Issue 10: the command line speaks one language, chosen by LUOSHI_LANG (or the locale), Chinese by
 * default; issue 11: import warnings in that language, with the same lines. Spawns dist/cli.js
 * (build first: npm run build -- --no-web). The words do not depend on the database engine: SQLite
 * only, since every command is a process of its own and costs seconds.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CJK = /[\u4e00-\u9fff]/;

/** A small plan: area 1's goal 3 names no lead unit (NO_LEAD on line 8); the issue date is given. */
const PLAN = [
  '成文日期：2022-03-01',
  '示范县妇女发展规划（2021—2025年）',
  '二、发展领域、主要目标和策略措施',
  '（一）妇女与健康',
  '主要目标：',
  '1.孕产妇死亡率控制在12/10万以下。（牵头单位：县卫生健康局；责任单位：县妇联）',
  '2.妇女人均预期寿命延长。（牵头单位：县卫生健康局）',
  '3.妇女健康素养水平不断提高。（责任单位：县妇联）',
  '策略措施：',
  '1.完善妇幼健康服务体系。',
].join('\n');

describe('CLI: one language per message, zh-CN by default, English with LUOSHI_LANG=en', () => {
  let dir: string;
  let database: DatabaseSettings;
  let file: string;
  const run = (lang: '' | 'en' | 'zh-CN', ...args: string[]) => {
    const env = {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'error',
      LUOSHI_DEMO: 'false',
      LUOSHI_SCHEDULER: 'false',
      LUOSHI_LANG: lang,
      LANG: 'C.UTF-8',
      ...(database.url ? { DB_URL: database.url } : { SQLITE_PATH: database.sqlitePath }),
    };
    return spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-lang-'));
    database = { url: '', sqlitePath: join(dir, 'cli.sqlite') };
    file = join(dir, 'plan.txt');
    writeFileSync(file, PLAN);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('help: descriptions in the chosen language', () => {
    const zh = run('', 'help').stdout;
    const en = run('en', 'help').stdout;
    expect(zh).toContain('列出成员单位名册');
    expect(zh).not.toContain('list the member-unit register');
    expect(en).toContain('list the member-unit register');
    expect(en.replace(/催办|通报|Bearer …/g, '')).not.toMatch(/用法|列出/);
  });

  it('import: the preview and its warnings in one language, the same lines; --json keeps code, line and params', () => {
    const zh = run('', 'import', file, '--dry-run');
    const en = run('en', 'import', file, '--dry-run');
    expect([zh.status, en.status]).toEqual([0, 0]);
    expect(zh.stdout).toContain('第8行: “妇女与健康”第3条目标没有牵头单位，需要指定督办责任人。');
    expect(en.stdout).toContain('line 8: goal 3 of "妇女与健康" has no lead unit; someone must answer for it.');
    expect(zh.stdout).not.toMatch(/Preview|warning|goals/);
    expect(en.stdout).not.toMatch(/预览|提示|没有牵头单位/);
    const zhJson = JSON.parse(run('', 'import', file, '--dry-run', '--json').stdout);
    const enJson = JSON.parse(run('en', 'import', file, '--dry-run', '--json').stdout);
    const strip = (w: Array<{ message: string }>) => w.map(({ message: _m, ...rest }) => rest);
    expect(strip(enJson.warnings)).toEqual(strip(zhJson.warnings));
    expect(enJson.warnings.find((w: { code: string }) => w.code === 'NO_LEAD')).toEqual({
      line: 8,
      code: 'NO_LEAD',
      params: { line: 8, area: '妇女与健康', number: 3, annotated: true },
      message: 'goal 3 of "妇女与健康" has no lead unit; someone must answer for it.',
    });
  });

  it('units, plans, duties, supervision and mail: tables and summaries in the chosen language', () => {
    expect(run('', 'import', file, '--accept-new-units').status).toBe(0);
    // Ids from the database (MySQL keeps the ones a rolled-back dry run took).
    const id = String((JSON.parse(run('', 'plans', 'list', '--json').stdout) as Array<{ id: number }>)[0]!.id);
    const units = { zh: run('', 'units', 'list').stdout, en: run('en', 'units', 'list').stdout };
    expect(units.zh).toMatch(/^\s+\d+\s+成员\s+government\s+县卫生健康局$/m);
    expect(units.en).toMatch(/^\s+\d+\s+member\s+government\s+县卫生健康局$/m);
    expect(run('', 'plans', 'show', '--plan', id).stdout).toBe(
      '示范县妇女发展规划（2021—2025年）（2021—2025）\n  (1) 妇女与健康：3项目标，1项措施\n',
    );
    expect(run('en', 'plans', 'show', '--plan', id).stdout).toBe(
      '示范县妇女发展规划（2021—2025年） (2021–2025)\n  (1) 妇女与健康: 3 goals, 1 measures\n',
    );
    const duties = {
      zh: run('', 'duties', 'generate', '--plan', id, '--dry-run').stdout,
      en: run('en', 'duties', 'generate', '--plan', id, '--dry-run').stdout,
    };
    expect(duties.zh).toMatch(
      new RegExp(`^规划 ${id} 示范县妇女发展规划（2021—2025年）（预览：未写入）\\n  新增任务 \\d+ 项，调整 0 项`),
    );
    expect(duties.zh).toContain('年度报告');
    expect(duties.zh).not.toMatch(/added|due|annual_report/);
    expect(duties.en).toMatch(
      new RegExp(
        `^plan ${id} 示范县妇女发展规划（2021—2025年） \\(dry run: nothing was written\\)\\n  added \\d+ tasks, moved 0`,
      ),
    );
    expect(duties.en).toContain('Annual report');
    expect(duties.en).not.toMatch(/新增|预览|年度报告/);
    const supervision = { zh: run('', 'supervision', 'report').stdout, en: run('en', 'supervision', 'report').stdout };
    expect(supervision.zh.split('\n')[0]).toMatch(/^截至 \d{4}-\d{2}-\d{2}（Asia\/Shanghai）$/);
    expect(supervision.zh).toMatch(/排名\s+单位\s+应报/);
    expect(supervision.en.split('\n')[0]).toMatch(/^as of \d{4}-\d{2}-\d{2} \(Asia\/Shanghai\)$/);
    expect(supervision.en).toMatch(/rank\s+unit\s+expected/);
    expect(supervision.en).not.toMatch(/截至|排名|总体/);
    expect(run('', 'mail', 'send-pending').stdout).toMatch(
      /^邮件发送到：.*\n已发送 0，稍后重试 0，失败 0，被拒收 0，已取消 0\n$/,
    );
    expect(run('en', 'mail', 'send-pending').stdout).toMatch(
      /^mail goes to: .*\nsent 0, retry later 0, failed 0, rejected 0, cancelled 0\n$/,
    );
  });

  it('usage errors: one line in the chosen language, exit 2', () => {
    const zh = run('', 'units');
    const en = run('en', 'units');
    expect([zh.status, zh.stderr]).toEqual([2, '错误：用法：units list [--json]\n']);
    expect([en.status, en.stderr]).toEqual([2, 'error: usage: units list [--json]\n']);
    expect(run('zh-CN', 'plans', 'show', '--plan', 'x').stderr).toBe('错误：--plan 需要一个正整数\n');
  });

  it('--json output is the same whatever the language (script-friendly)', () => {
    for (const args of [
      ['plans', 'list', '--json'],
      ['units', 'list', '--json'],
    ]) {
      const zh = run('', ...args);
      expect(zh.status).toBe(0);
      expect(run('en', ...args).stdout).toBe(zh.stdout);
    }
    const report = JSON.parse(run('', 'supervision', 'report', '--json').stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['asOf', 'today', 'timeZone', 'overall', 'units', 'office', 'overdue']);
    expect(CJK.test(Object.keys(report).join(''))).toBe(false);
  });
});
