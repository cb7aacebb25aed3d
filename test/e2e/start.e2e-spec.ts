import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mysqlTestUrl } from '../helpers/engines.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { login } from '../helpers/login.js';

/** The built entry points (npm start, npm run cli) as an operator runs them; npm test builds first. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'luoshi-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const baseEnv = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  LOG_FORMAT: 'json',
  LUOSHI__MAIL__MAILDIR: join(dir, 'mail'),
  ...extra,
});

/** Starts dist/main.js; resolves with the output once it listens, or with the exit code if it stops. */
function start(env: Record<string, string>): Promise<{ out: string; code: number | null; stop: () => Promise<void> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env: baseEnv(env) });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Luoshi listening')) {
        resolve({
          out,
          code: null,
          stop: () =>
            new Promise((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ out, code, stop: async () => {} }));
  });
}

describe('npm start (dist/main.js)', () => {
  it('starts on a fresh embedded SQLite file with the demo plan and its logins; nothing but health answers without one', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const sqlite = join(dir, 'fresh', 'luoshi.sqlite');
    const run = await start({ PORT: String(port), SQLITE_PATH: sqlite, LUOSHI_DEMO_PASSWORD: 'demo-password-2024' });
    try {
      expect(run.code).toBeNull();
      const lines = run.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.every((l) => typeof l.level === 'string' && typeof l.time === 'string')).toBe(true);
      expect(lines.map((l) => l.msg).join('\n')).toContain(
        'Demo accounts: "office" (office administrator) and 33 unit liaisons',
      );
      const health = (await (await fetch(`${base}/api/health`)).json()) as { database: { version: string } };
      expect(health).toMatchObject({ status: 'ok', database: { type: 'sqlite', status: 'up' } });
      expect((await fetch(`${base}/api/plans`)).status).toBe(401);
      expect((await fetch(`${base}/api/tasks`)).status).toBe(401);

      const office = await login(base, 'office', 'demo-password-2024');
      expect(office.user).toMatchObject({ role: 'office_admin', unitId: null });
      const plans = (await (await office.get('/api/plans')).json()) as { items: { title: string }[] };
      // The demo plan moves with the clock: issued last year (printed 2021–2025, issued 2023).
      const shift =
        Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) -
        1 -
        2023;
      expect(plans.items.map((p: { title: string }) => p.title)).toEqual([
        `威宁自治县妇女发展规划(${2021 + shift}—${2025 + shift}年)`,
      ]);
      const tasks = (await (await office.get('/api/tasks?pageSize=1')).json()) as { total: number };
      expect(tasks.total).toBe(212 + 5); // the duties and the demo's 5 交办 tasks
      const bad = await office.send('POST', '/api/units', '{"name":');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });

      // The first demo liaison (自治县人民法院's): its own tasks only, 404 across units, 403 on office acts.
      const unit = await login(base, 'liaison01@weining.example.org', 'demo-password-2024');
      expect(unit.user.role).toBe('unit_liaison');
      const mine = (await (await unit.get('/api/tasks?pageSize=200')).json()) as {
        total: number;
        items: Array<{ id: number; unitId: number; version: number; state: string }>;
      };
      const officeView = (await (await office.get(`/api/tasks?pageSize=200&unitId=${unit.user.unitId}`)).json()) as {
        total: number;
      };
      expect(mine.total).toBe(officeView.total);
      expect(mine.items.every((t) => t.unitId === unit.user.unitId)).toBe(true);
      const other = (
        (await (await office.get('/api/tasks?pageSize=200')).json()) as { items: Array<{ id: number; unitId: number }> }
      ).items.find((t) => t.unitId !== unit.user.unitId)!;
      expect((await unit.get(`/api/tasks/${other.id}`)).status).toBe(404);
      expect((await unit.send('POST', '/api/duties/generate', {})).status).toBe(403);
      const open = mine.items.find((t) => t.state === 'assigned')!;
      expect(
        (await unit.send('POST', `/api/tasks/${open.id}/actions/acknowledge`, { version: open.version })).status,
      ).toBe(200);
      const audit = (await (
        await office.get(`/api/audit?entity=duty_task_event&who=liaison01@weining.example.org`)
      ).json()) as { items: Array<{ userLogin: string; after: { action: string; taskId: number } }> };
      expect(audit.items.map((e) => `${e.userLogin} ${e.after.action} ${e.after.taskId}`)).toEqual([
        `liaison01@weining.example.org acknowledge ${open.id}`,
      ]);
    } finally {
      await run.stop();
    }
    // At the real date every demo duty is late: the first run also queues their 催办 (some 450 mails
    // into the local mailbox while this test asks its questions), hence more time on a busy machine.
  }, 90_000);

  (mysqlTestUrl ? it : it.skip)('starts against MariaDB with DB_URL and answers /api/health', async () => {
    const db = await freshDatabase('mysql');
    const port = await freePort();
    const run = await start({ PORT: String(port), DB_URL: db.url, LUOSHI_DEMO: 'false' });
    try {
      expect(run.code).toBeNull();
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as {
        database: { version: string };
      };
      expect(health).toMatchObject({ status: 'ok', database: { type: 'mysql', status: 'up' } });
      expect(health.database.version).toMatch(/MariaDB|^\d+\./);
    } finally {
      await run.stop();
      await dropDatabase(db);
    }
  });

  it('refuses to start on a wrong setting, naming the key, the value and what is allowed', async () => {
    const run = await start({ PORT: 'eighty', SQLITE_PATH: join(dir, 'x.sqlite') });
    expect(run.code).toBe(2);
    expect(run.out).toContain('server.port: value "eighty" is not allowed; allowed: an integer from 1 to 65535');
    expect(run.out).not.toMatch(/\bat .+\.js:\d+/);
  });

  it('refuses to start when a migration fails, with a clear message', async () => {
    const sqlite = join(dir, 'broken.sqlite');
    const init = spawnSync(
      process.execPath,
      ['-e', `const D=require('better-sqlite3'); new D(${JSON.stringify(sqlite)}).exec('CREATE TABLE unit (id int)')`],
      { cwd: root },
    );
    expect(init.status).toBe(0);
    const run = await start({ PORT: String(await freePort()), SQLITE_PATH: sqlite });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /The service did not start: Database migration Initial\d+ failed: .*unit.*already exists.*left as it was/,
    );
  });
});

describe('npm run cli (dist/cli.js)', () => {
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['dist/cli.js', ...args], {
      cwd: root,
      env: baseEnv({ SQLITE_PATH: join(dir, 'cli.sqlite'), LUOSHI_DEMO: 'false', LUOSHI_LANG: 'en', ...extra }),
      encoding: 'utf8',
    });

  it('speaks one language, chosen by LUOSHI_LANG or the locale (Chinese by default)', () => {
    const file = 'test/fixtures/weining-notice-and-women-plan-2021-2025.txt';
    const zh = cli(['import', file, '--dry-run'], { LUOSHI_LANG: '', LANG: 'zh_CN.UTF-8' });
    const zhLines = zh.stdout.split('\n');
    expect(zhLines[0]).toBe('预览（未写入）');
    expect(zhLines[3]).toBe('  9个领域，79项目标，95项措施；牵头89处、责任189处；10项目标没有牵头单位');
    expect(zh.stdout).not.toMatch(/Preview|areas|goals|warning/);
    const en = cli(['import', file, '--dry-run'], { LUOSHI_LANG: 'en', LANG: 'zh_CN.UTF-8' });
    expect(en.stdout.split('\n')[0]).toBe('Preview — nothing was written');
    expect(en.stdout.split('\n')[3]).toBe(
      '  9 areas, 79 goals, 95 measures; 89 lead and 189 responsible slots; 10 goals without a lead unit',
    );
    writeFileSync(join(dir, 'EMPTY'), '');
    expect(cli(['import', join(dir, 'EMPTY')], { LUOSHI_LANG: '' }).stderr).toBe('错误：文件是空的\n');
  });

  it('imports with --dry-run --json: the preview carries the plan fields, nothing written', () => {
    const res = cli(['import', 'test/fixtures/weining-notice-and-women-plan-2021-2025.txt', '--dry-run', '--json']);
    expect(res.status).toBe(0);
    const preview = JSON.parse(res.stdout);
    const [plan] = preview.plans;
    expect(plan).toMatchObject({
      title: '威宁自治县妇女发展规划(2021—2025年)',
      periodStart: 2021,
      periodEnd: 2025,
      issuedOn: '2023-05-05',
      documentNumber: '威府发〔2023〕4号',
    });
    expect(plan.areas).toHaveLength(9);
    expect(Object.keys(plan.areas[0].goals[0]).sort()).toEqual([
      'allMembersLead',
      'allMembersResponsible',
      'indicators',
      'leadUnits',
      'line',
      'number',
      'responsibleUnits',
      'text',
    ]);
    expect(Object.keys(plan.areas[0].measures[0]).sort()).toEqual(['line', 'number', 'text']);
    expect(preview.warnings[0]).toEqual({
      line: expect.any(Number),
      message: expect.any(String),
      code: expect.any(String),
      params: expect.any(Object),
    });
    const list = cli(['plans', 'list']);
    expect(list.stdout.trim()).toBe('');
  });

  it('imports for real with --accept-new-units, and a second import changes nothing', () => {
    const first = cli(['import', 'test/fixtures/weining-notice-and-women-plan-2021-2025.txt', '--accept-new-units']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('created');
    const again = cli(['import', 'test/fixtures/weining-notice-and-women-plan-2021-2025.txt']);
    expect(again.stdout).toMatch(/unchanged \(plan \d+\): added nothing; updated nothing; removed nothing/);
  });

  it('--json output arrives whole through a pipe whose reader only starts reading once the command is done', () => {
    // The reader waits until the command has exited (or 3 s, if the command waits for it to read):
    // a command that exits before its output drained leaves only what the pipe holds (64 KB).
    const script = [
      `{ node dist/cli.js import test/fixtures/weining-notice-and-women-plan-2021-2025.txt --dry-run --json; echo $? > "$D/exit"; }`,
      `| { i=0; while [ ! -e "$D/exit" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done; cat > "$D/out.json"; }`,
    ].join(' ');
    const pipeDir = mkdtempSync(join(dir, 'pipe-'));
    const res = spawnSync('sh', ['-c', script], {
      cwd: root,
      env: baseEnv({ SQLITE_PATH: join(dir, 'cli.sqlite'), LUOSHI_DEMO: 'false', LUOSHI_LANG: 'en', D: pipeDir }),
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(readFileSync(join(pipeDir, 'exit'), 'utf8').trim()).toBe('0');
    const out = readFileSync(join(pipeDir, 'out.json'), 'utf8');
    const direct = cli([
      'import',
      'test/fixtures/weining-notice-and-women-plan-2021-2025.txt',
      '--dry-run',
      '--json',
    ]).stdout;
    expect(Buffer.byteLength(direct)).toBeGreaterThan(65536 * 1.5); // large enough to overflow a pipe
    expect(out).toBe(direct);
    expect(JSON.parse(out).plans[0].title).toBe('威宁自治县妇女发展规划(2021—2025年)');
  });

  it('circular preview|send and urge on the demo; demo remove deletes it (loaded at first use) and it does not come back', () => {
    const env = {
      SQLITE_PATH: join(dir, 'demo.sqlite'),
      LUOSHI_DEMO: 'true',
      LUOSHI_NOW: '2026-12-02T09:00:00+08:00',
      LUOSHI_SCHEDULER: 'false',
    };
    // Late on 2026-12-02: units 1 and 2 (3 duties each), unit 0 (its returned implementation plan)
    // and the three units with 交办 tasks 1, 3 and 10 days late; 33 member units with a liaison, and
    // the demo office's own address (fgw@…) for its copy.
    const preview = cli(['circular', 'preview', '--as-of', '2026-12-02', '--json'], env);
    expect(preview.status).toBe(0);
    const p = JSON.parse(preview.stdout) as {
      token: string;
      lateUnits: Array<{ overdueCount: number }>;
      recipients: unknown[];
    };
    expect(p.lateUnits.map((u) => u.overdueCount)).toEqual([3, 3, 1, 1, 1, 1]);
    expect(p.recipients).toHaveLength(33 + 1);
    const sent = cli(['circular', 'send', '--as-of', '2026-12-02', '--token', p.token], env);
    expect(sent.stdout).toContain(`circular ${p.token}: 34 recipients, queued 34, already queued 0`);
    expect(sent.stdout).toContain('sent 34, retry later 0, failed 0');
    expect(cli(['circular', 'send', '--as-of', '2026-12-02', '--token', 'stale-token'], env).status).toBe(2);
    // Task 215: the 交办 task due yesterday; its unit has a liaison and a head.
    const urged = cli(['urge', '215', '--message', '请于本周内报送', '--request-key', 'k1'], env);
    expect(urged.status).toBe(0);
    expect(urged.stdout).toContain('urged 1 tasks of 1 units on 2026-12-02 (request k1)');
    expect(urged.stdout).toContain('queued 2, already queued 0');
    expect(cli(['urge', '215', '--request-key', 'k1'], env).stdout).toContain('queued 0, already queued 2');
    expect(cli(['urge'], env).status).toBe(2);

    const removed = cli(['demo', 'remove', '--json'], env);
    expect(removed.status).toBe(0);
    // Its mail: the circular (34), the 催办 (2) and the notices of its 5 交办 tasks.
    expect(JSON.parse(removed.stdout).removed).toMatchObject({ plans: 1, units: 34, tasks: 217, mail: 34 + 2 + 5 });
    const again = cli(['demo', 'remove'], env);
    expect(again.stdout.trim()).toBe('no demo to remove');
    expect(cli(['plans', 'list'], env).stdout.trim()).toBe('');
  });

  it.each([
    ['a missing file', ['import', 'no-such-file.txt']],
    ['an empty file', ['import', 'EMPTY']],
    ['a binary file', ['import', 'BINARY']],
    ['a text with no plan', ['import', 'NOPLAN']],
    ['an unknown command', ['frobnicate']],
  ])('exits 2 with one line saying why for %s', (_label, args) => {
    writeFileSync(join(dir, 'EMPTY'), '');
    writeFileSync(join(dir, 'BINARY'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    writeFileSync(join(dir, 'NOPLAN'), '通知\n\n请按时参会。\n');
    const resolved = args.map((a) => (['EMPTY', 'BINARY', 'NOPLAN'].includes(a) ? join(dir, a) : a));
    const res = cli(resolved);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^(error: |unknown command)/);
  });
});
