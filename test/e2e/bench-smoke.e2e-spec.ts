import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mysqlTestUrl } from '../helpers/engines.js';

/**
 * Every benchmark, run once with small sizes (`npm run bench -- --smoke`), so that a bench broken
 * by a change is noticed here rather than the next time someone measures. It checks that each one
 * runs to its end (a bench that throws, or hangs past its timeout, fails this), never its figures.
 * Uses the built service (dist/, which `npm test` builds first).
 */
describe('benchmarks, smoke run', () => {
  it('runs every bench to its end with small sizes', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const url = new URL(mysqlTestUrl || 'mysql://root@127.0.0.1:1/none');
    // Databases of this run (the test runner drops leftovers named like its own).
    url.pathname = `/${url.pathname.slice(1) || 'luoshi_test'}_r${process.env.LUOSHI_TEST_RUN_ID ?? process.pid}_bench`;
    const child = spawn(process.execPath, ['bench/run.mjs', '--smoke'], {
      cwd: root,
      env: { ...process.env, BENCH_MYSQL_URL: url.toString(), BENCH_TIMEOUT_SECONDS: '150' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`bench smoke run exited ${code}:\n${out.slice(-4000)}`);
    const benches = [...out.matchAll(/^== (\S+\.bench\.mjs): done in/gm)].map((m) => m[1]);
    expect(benches).toEqual(
      expect.arrayContaining([
        'http-lists.bench.mjs',
        'notifications-outbox.bench.mjs',
        'duties-province.bench.mjs',
        'notifications-reminders.bench.mjs',
        'import.bench.mjs',
        'hostile-input.bench.mjs',
      ]),
    );
    expect(out).toMatch(/delivered \d+ and cancelled \d+ \(pre-send check/);
    expect(out).toMatch(/task list \/ bare server: \d/);
  }, 900_000);
});
