import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';

/** `users` and `tokens` as an operator scripts them (the built CLI), against the database a service uses. */
describeEachEngine('accounts: command line', (engine) => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-users-cli-'));
  let database: DatabaseSettings;
  let t: TestApp;
  let unitId: number;

  const cli = (args: string[], input?: string, lang = 'en') => {
    const env = {
      PATH: process.env.PATH ?? '',
      LUOSHI_LANG: lang,
      DB_URL: database.url,
      SQLITE_PATH: database.sqlitePath,
      LUOSHI_DEMO: 'false',
      LOG_LEVEL: 'error',
      LUOSHI_SCHEDULER: 'false',
    };
    return spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, input, encoding: 'utf8' });
  };

  beforeAll(async () => {
    database = engine === 'sqlite' ? { url: '', sqlitePath: join(dir, 'cli.sqlite') } : await freshDatabase('mysql');
    t = await createTestApp(engine, {}, { database });
    unitId = (await t.http().post('/api/units').send({ name: '自治县妇联', kind: 'mass_organisation' })).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await dropDatabase(database);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, lists and disables users; the password comes from standard input and is temporary', () => {
    const created = cli(
      [
        'users',
        'create',
        '--login',
        'zhaoli@fulian.example.gov.cn',
        '--role',
        'unit_liaison',
        '--unit',
        String(unitId),
        '--name',
        '赵丽',
        '--password-stdin',
      ],
      'Zhaoli-password-1\n',
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /^created user \d+ zhaoli@fulian\.example\.gov\.cn \(unit_liaison, unit \d+\); the password must be changed at first login\n$/,
    );
    const list = cli(['users', 'list']);
    expect(
      list.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.trim().split(/\s+/).slice(1, 3).join(' ')),
    ).toEqual(['admin office_admin', 'test-office-admin office_admin', 'zhaoli@fulian.example.gov.cn unit_liaison']);
    expect(cli(['users', 'create', '--login', 'x y', '--role', 'viewer']).stderr).toBe(
      'error: the login may hold letters, digits and . _ @ + - only\n',
    );
    expect(cli(['users', 'create', '--login', 'x y', '--role', 'viewer'], undefined, 'zh-CN').stderr).toMatch(
      /^错误：用户信息无效：登录名只能包含字母、数字和/,
    );
    expect(cli(['users', 'create', '--login', 'boss', '--role', 'king']).status).toBe(2);
    expect(
      cli(['users', 'set-password', '--login', 'zhaoli@fulian.example.gov.cn', '--password-stdin'], 'short\n').stderr,
    ).toBe('error: the password must have at least 10 characters\n');
    expect(cli(['users', 'disable', '--login', 'zhaoli@fulian.example.gov.cn']).stdout).toBe(
      'disabled zhaoli@fulian.example.gov.cn\n',
    );
  });

  it('prints a token on the last line of stdout that the API accepts, until it is revoked', async () => {
    expect(cli(['users', 'create', '--login', 'leader', '--role', 'viewer', '--name', '分管领导']).status).toBe(0);
    const made = cli(['tokens', 'create', '--login', 'leader', '--name', '大屏', '--expires', '2099-12-31']);
    expect(made.status).toBe(0);
    const token = made.stdout.trim().split('\n').pop()!;
    expect(made.stdout).toBe(`${token}\n`);
    expect(token).toMatch(/^lsk_[\w-]{43}$/);
    const asLeader = () => t.anonymous().get('/api/supervision/dashboard').set('Authorization', `Bearer ${token}`);
    expect((await asLeader()).status).toBe(200);
    expect(
      (
        await t
          .anonymous()
          .post('/api/units')
          .set('Authorization', `Bearer ${token}`)
          .send({ name: 'x', kind: 'other' })
      ).status,
    ).toBe(403);
    const listed = cli(['tokens', 'list', '--login', 'leader']).stdout;
    const id = /^\s*(\d+)/.exec(listed)![1];
    expect(listed).toContain('大屏  until 2099-12-31');
    expect(listed).not.toContain(token);
    expect(cli(['tokens', 'revoke', '--id', id]).stdout).toBe(`revoked token ${id}\n`);
    expect((await asLeader()).status).toBe(401);
  });
});
