import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { login, type Session } from '../helpers/login.js';
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
      env: { PATH: process.env.PATH ?? '', PORT: String(port), SQLITE_PATH: join(dir, 'luoshi.sqlite'), LUOSHI__MAIL__MAILDIR: mailDir, LUOSHI_NOW: '2025-01-24T08:00:00+08:00', LOG_FORMAT: 'json', LUOSHI_DEMO_PASSWORD: 'demo-password-2024' },
      stdio: 'ignore',
    });
    try {
      const until = Date.now() + 60_000;
      let page: { total: number; items: Array<{ kind: string; status: string; subject: string; to: { email: string }; deliveryRef: string }> } = { total: 0, items: [] };
      let counts: Record<string, number> = {};
      let office: Session | undefined;
      while (Date.now() < until) {
        try {
          office ??= await login(`http://127.0.0.1:${port}`, 'office', 'demo-password-2024');
          counts = ((await (await office.get('/api/mail/outbox/summary')).json()) as { counts: Record<string, number> }).counts;
          if (counts.sent > 0 && counts.queued === 0 && counts.sending === 0) {
            page = (await (await office.get('/api/mail?pageSize=200')).json()) as typeof page;
            break;
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      // One digest per demo unit liaison (34), and a 催办 for every duty at least 3 days late, to its
      // liaison and its unit's head: 34 implementation plans (due 2023-06-05), 34 annual reports and
      // 13 monitoring-data tasks on 2023 (due 2024-01-31) = 81 tasks × 2 = 162. No 督办 on the first day.
      expect(page.items.filter((m) => m.kind === 'digest')).toHaveLength(34);
      expect(page.items.filter((m) => m.kind === 'urge')).toHaveLength(162);
      expect(page.total).toBe(34 + 162);
      expect(page.items.every((m) => m.status === 'sent')).toBe(true);
      expect(page.items.every((m) => /@weining\.example\.org$/.test(m.to.email))).toBe(true);
      const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
      expect(files.sort()).toEqual(page.items.map((m) => m.deliveryRef).sort());
      const digestFile = page.items.find((m) => m.kind === 'digest')!.deliveryRef;
      const one = parseMessage(readFileSync(join(mailDir, digestFile), 'utf8'), { from: '', to: [] });
      expect(one.subject).toMatch(/^【落实提醒】/);
      expect(one.text).toContain('还有7天'); // the 2024 annual report, due 2025-01-31
      expect(one.text).toContain('逾期'); // and the implementation plan, long overdue
      expect(one.text).toContain('威宁自治县妇女发展规划');
    } finally {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }, 90_000);

  it('`remind run-once` runs one tick with the set clock, prints what it queued and sent, and queues nothing twice', () => {
    const env = { PATH: process.env.PATH ?? '', SQLITE_PATH: join(dir, 'cli.sqlite'), LUOSHI__MAIL__MAILDIR: join(dir, 'cli-mail'), LUOSHI_NOW: '2025-01-31T10:00:00+08:00', LOG_LEVEL: 'error' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
    const dry = cli('remind', 'run-once', '--dry-run', '--json');
    expect(dry.status).toBe(0);
    const planned = JSON.parse(dry.stdout) as { reminders: { today: string; dryRun: boolean; messages: Array<{ status: string; kind: string }> }; sent: null };
    expect(planned.reminders).toMatchObject({ today: '2025-01-31', dryRun: true });
    // 34 digests (the 2024 reports are due that day) and the 162 催办 of the 81 duties 3+ days late (see above).
    expect(planned.reminders.messages.filter((m) => m.kind === 'digest')).toHaveLength(34);
    expect(planned.reminders.messages.filter((m) => m.kind === 'urge')).toHaveLength(162);
    expect(planned.reminders.messages.every((m) => m.status === 'would-queue')).toBe(true);
    expect(planned.sent).toBeNull();
    const n = 34 + 162;

    // --json: the text listing of 196 messages passes 64 KB, which the CLI's pipe output still cuts (issue 10, CLI part).
    const run = cli('remind', 'run-once', '--json');
    expect(run.status).toBe(0);
    const done = JSON.parse(run.stdout) as { reminders: { today: string; since: string; queued: number; duplicates: number }; sent: { sent: number; failed: number; cancelled: number } };
    expect(done.reminders).toMatchObject({ today: '2025-01-31', since: '2025-01-30', queued: n, duplicates: 0 });
    expect(done.sent).toMatchObject({ sent: n, failed: 0, cancelled: 0 });
    expect(readdirSync(join(dir, 'cli-mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(n);

    const again = JSON.parse(cli('remind', 'run-once', '--json').stdout) as typeof done;
    // The digests are found queued already (34); the 催办 are not even planned again: the ladder records them as taken.
    expect(again.reminders).toMatchObject({ queued: 0, duplicates: 34 });
    expect(cli('mail', 'send-pending').stdout).toContain('sent 0,');
    expect(cli('remind', 'run-once', '--date', '2025-02-30').status).toBe(2);
  }, 60_000);
});
