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
describe("first start: the demo's reminders in the local mailbox", () => {
  it("lists the demo liaisons' digests at /api/mail and writes them as .eml files", async () => {
    const port = await freePort();
    const mailDir = join(dir, 'mail');
    // 7 days before the 2024 annual reports fall due (2025-01-31); 08:00, before the sending hour.
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        SQLITE_PATH: join(dir, 'luoshi.sqlite'),
        LUOSHI__MAIL__MAILDIR: mailDir,
        LUOSHI_NOW: '2025-01-24T08:00:00+08:00',
        LOG_FORMAT: 'json',
        LUOSHI_DEMO_PASSWORD: 'demo-password-2024',
      },
      stdio: 'ignore',
    });
    try {
      const until = Date.now() + 90_000;
      let page: {
        total: number;
        items: Array<{ kind: string; status: string; subject: string; to: { email: string }; deliveryRef: string }>;
      } = { total: 0, items: [] };
      let counts: Record<string, number> = {};
      let office: Session | undefined;
      while (Date.now() < until) {
        try {
          office ??= await login(`http://127.0.0.1:${port}`, 'office', 'demo-password-2024');
          counts = ((await (await office.get('/api/mail/outbox/summary')).json()) as { counts: Record<string, number> })
            .counts;
          if (counts.sent > 0 && counts.queued === 0 && counts.sending === 0) {
            page = (await (await office.get('/api/mail?pageSize=200')).json()) as typeof page;
            break;
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      // At 2025-01-24 the demo plan is moved to 2022–2026, issued 2024-05-05. Worked out from the demo's
      // rules, not from the product: one digest per demo liaison (34: the 2024 annual reports fall due in
      // 7 days); a 催办 to liaison and head for each open task 3+ days late with none yet — the
      // implementation plans (due 2024-06-05) of the two units that sent nothing and of the unit whose
      // plan was returned, and the 交办 tasks 3 and 10 days late: 5 × 2 = 10 (a 督办 only comes on a
      // later day); the 5 交办 tasks told to their units (5 decision notices); the office's digest of
      // the 4 reports waiting for review (1).
      const kinds = page.items.reduce<Record<string, number>>(
        (acc, m) => ({ ...acc, [m.kind]: (acc[m.kind] ?? 0) + 1 }),
        {},
      );
      expect(kinds).toEqual({ digest: 34, urge: 10, decision: 5, review_digest: 1 });
      expect(page.total).toBe(34 + 10 + 5 + 1);
      expect(page.items.every((m) => m.status === 'sent')).toBe(true);
      expect(page.items.every((m) => /@weining\.example\.org$/.test(m.to.email))).toBe(true);
      const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
      expect(files.sort()).toEqual(page.items.map((m) => m.deliveryRef).sort());
      const digests = files
        .map((f) => parseMessage(readFileSync(join(mailDir, f), 'utf8'), { from: '', to: [] }))
        .filter((m) => /^【落实提醒】/.test(m.subject));
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
    const env = {
      PATH: process.env.PATH ?? '',
      SQLITE_PATH: join(dir, 'cli.sqlite'),
      LUOSHI__MAIL__MAILDIR: join(dir, 'cli-mail'),
      LUOSHI_NOW: '2025-01-31T10:00:00+08:00',
      LOG_LEVEL: 'error',
      LUOSHI_LANG: 'en',
    };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, env, encoding: 'utf8' });
    const dry = cli('remind', 'run-once', '--dry-run', '--json');
    expect(dry.status).toBe(0);
    const planned = JSON.parse(dry.stdout) as {
      reminders: { today: string; dryRun: boolean; messages: Array<{ status: string; kind: string }> };
      sent: null;
    };
    expect(planned.reminders).toMatchObject({ today: '2025-01-31', dryRun: true });
    expect(planned.reminders.messages.every((m) => m.status === 'would-queue')).toBe(true);
    // 34 digests (the 2024 annual reports are due today), a 催办 to liaison and head for the 5 tasks
    // 3+ days late (see above), the office's digest of the reports waiting for review.
    expect(planned.reminders.messages.map((m) => m.kind).sort()).toEqual([
      ...Array(34).fill('digest'),
      'review_digest',
      ...Array(10).fill('urge'),
    ]);
    expect(planned.sent).toBeNull();
    const n = 34 + 10 + 1;

    // --json: the text listing of 196 messages passes 64 KB, which the CLI's pipe output still cuts (issue 10, CLI part).
    const run = cli('remind', 'run-once', '--json');
    expect(run.status).toBe(0);
    const done = JSON.parse(run.stdout) as {
      reminders: { today: string; since: string; queued: number; duplicates: number };
      sent: { sent: number; failed: number; cancelled: number };
    };
    expect(done.reminders).toMatchObject({ today: '2025-01-31', since: '2025-01-30', queued: n, duplicates: 0 });
    expect(done.sent).toMatchObject({ sent: n, failed: 0, cancelled: 0 });
    expect(readdirSync(join(dir, 'cli-mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(n);

    const again = JSON.parse(cli('remind', 'run-once', '--json').stdout) as typeof done;
    // The digests and the review digest are found queued already (35); the 催办 are not even planned again: the ladder records them as taken.
    expect(again.reminders).toMatchObject({ queued: 0, duplicates: 34 + 1 });
    expect(cli('mail', 'send-pending').stdout).toContain('sent 0,');
    expect(cli('remind', 'run-once', '--date', '2025-02-30').status).toBe(2);
  }, 60_000);
});
