import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMessage } from '../helpers/smtp-sink.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'luoshi-demo-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * What a new user sees: `npm start` on an empty database with no SMTP server loads the demo plan,
 * and its reminders appear in the local mailbox (/api/mail and .eml files) without waiting for the
 * next sending hour.
 */
describe('first start: the demo\'s reminders in the local mailbox', () => {
  it('lists the demo liaisons\' digests at /api/mail and writes them as .eml files', async () => {
    const port = await freePort();
    const mailDir = join(dir, 'mail');
    // 7 days before the 2024 annual reports fall due (2025-01-31); 08:00, before the sending hour.
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), SQLITE_PATH: join(dir, 'luoshi.sqlite'), LUOSHI__MAIL__MAILDIR: mailDir, LUOSHI_NOW: '2025-01-24T08:00:00+08:00', LOG_FORMAT: 'json' },
      stdio: 'ignore',
    });
    try {
      const until = Date.now() + 90_000;
      let page: { total: number; items: Array<{ kind: string; status: string; subject: string; to: { email: string }; deliveryRef: string }> } = { total: 0, items: [] };
      let counts: Record<string, number> = {};
      while (Date.now() < until) {
        try {
          counts = ((await (await fetch(`http://127.0.0.1:${port}/api/mail/outbox/summary`)).json()) as { counts: Record<string, number> }).counts;
          if (counts.sent > 0 && counts.queued === 0 && counts.sending === 0) {
            page = (await (await fetch(`http://127.0.0.1:${port}/api/mail?pageSize=200`)).json()) as typeof page;
            break;
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      // One digest per demo unit liaison (the 2024 annual reports fall due in 7 days), and for the
      // demo's 交办 tasks 3 and 10 days late a 催办 and a 督办, each to the liaison and the head.
      const kinds = page.items.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.kind]: (acc[m.kind] ?? 0) + 1 }), {});
      expect(kinds).toEqual({ digest: 34, urge: 2, supervise: 2 });
      expect(page.total).toBe(38);
      expect(page.items.every((m) => m.status === 'sent')).toBe(true);
      expect(page.items.every((m) => /@weining\.example\.org$/.test(m.to.email))).toBe(true);
      const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
      expect(files.sort()).toEqual(page.items.map((m) => m.deliveryRef).sort());
      const digests = files.map((f) => parseMessage(readFileSync(join(mailDir, f), 'utf8'), { from: '', to: [] })).filter((m) => /^【落实提醒】/.test(m.subject));
      expect(digests).toHaveLength(34);
      const one = digests[0]!;
      expect(one.text).toContain('还有7天'); // the 2024 annual report, due 2025-01-31
      // The 交办 task due yesterday (2025-01-23) in one unit's digest.
      expect(digests.filter((m) => m.text.includes('逾期1天'))).toHaveLength(1);
      expect(one.text).toContain('威宁自治县妇女发展规划');
    } finally {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }, 120_000);

  it('`remind run-once` runs one tick with the set clock, prints what it queued and sent, and queues nothing twice', () => {
    const env = { PATH: process.env.PATH ?? '', SQLITE_PATH: join(dir, 'cli.sqlite'), LUOSHI__MAIL__MAILDIR: join(dir, 'cli-mail'), LUOSHI_NOW: '2025-01-31T10:00:00+08:00', LOG_LEVEL: 'error' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
    const dry = cli('remind', 'run-once', '--dry-run', '--json');
    expect(dry.status).toBe(0);
    const planned = JSON.parse(dry.stdout) as { reminders: { today: string; dryRun: boolean; messages: Array<{ status: string; kind: string }> }; sent: null };
    expect(planned.reminders).toMatchObject({ today: '2025-01-31', dryRun: true });
    expect(planned.reminders.messages.length).toBeGreaterThan(0);
    expect(planned.reminders.messages.every((m) => m.status === 'would-queue')).toBe(true);
    // 34 digests (the 2024 annual reports are due today), a 催办 and a 督办 of the demo's 交办 tasks 3 and 10 days late, each to liaison and head.
    expect(planned.reminders.messages.map((m) => m.kind).sort()).toEqual([...Array(34).fill('digest'), 'supervise', 'supervise', 'urge', 'urge']);
    expect(planned.sent).toBeNull();
    const n = planned.reminders.messages.length;

    const run = cli('remind', 'run-once');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('reminders for 2025-01-31 (covering the days after 2025-01-30)');
    expect(run.stdout).toContain(`queued ${n}, already queued 0`);
    expect(run.stdout).toContain(`sent ${n}, retry later 0, failed 0`);
    expect(readdirSync(join(dir, 'cli-mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(n);

    const again = cli('remind', 'run-once');
    expect(again.stdout).toContain(`queued 0, already queued ${n}`);
    expect(cli('mail', 'send-pending').stdout).toContain('sent 0,');
    expect(cli('remind', 'run-once', '--date', '2025-02-30').status).toBe(2);
  }, 60_000);
});
