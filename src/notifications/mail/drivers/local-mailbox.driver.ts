import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailDriver, MailSendResult, OutgoingMail } from './mail-driver.js';

export interface MailboxFile {
  name: string;
  size: number;
  modifiedAt: Date;
}

/** Addresses the local mailbox refuses, as an SMTP server would (so the office sees what bounces). */
const PLAUSIBLE_ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Builds the RFC 5322 bytes of a message exactly as the SMTP driver would send them. */
export function composer(): Transporter {
  return createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
}

export async function buildEml(transport: Transporter, mail: OutgoingMail): Promise<Buffer> {
  const info = (await transport.sendMail({
    from: mail.from,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: mail.headers,
  })) as { message: Buffer };
  return info.message;
}

/**
 * The embedded default when no SMTP server is configured: every message is kept as an .eml file
 * under mail.mailDir (openable in any mail client) and listed at /api/mail, so a new user sees what
 * would be sent. Nothing leaves the machine.
 */
export class LocalMailboxDriver implements MailDriver {
  readonly name = 'local';
  private readonly dir: string;
  private readonly transport = composer();

  constructor(mailDir: string) {
    this.dir = resolve(mailDir);
  }

  get directory(): string {
    return this.dir;
  }

  describe(): string {
    return `local mailbox ${this.dir}`;
  }

  async send(mail: OutgoingMail): Promise<MailSendResult> {
    if (!PLAUSIBLE_ADDRESS.test(mail.to.email)) {
      return {
        accepted: [],
        rejected: [{ address: mail.to.email, reason: '553 5.1.3 not a valid mailbox address', permanent: true }],
        messageId: mail.messageId,
      };
    }
    const eml = await buildEml(this.transport, mail);
    mkdirSync(this.dir, { recursive: true });
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const id =
      mail.outboxId !== undefined ? String(mail.outboxId).padStart(6, '0') : Math.random().toString(36).slice(2, 8);
    const name = `${stamp}-${id}${mail.kind ? `-${mail.kind.replace(/[^a-z0-9_-]/gi, '')}` : ''}.eml`;
    const file = join(this.dir, name);
    // Written under a temporary name and renamed: a reader never sees half a message.
    writeFileSync(`${file}.tmp`, eml);
    renameSync(`${file}.tmp`, file);
    return { accepted: [mail.to.email], rejected: [], messageId: mail.messageId, ref: name };
  }

  /** The .eml files, newest first. */
  list(limit = 200): MailboxFile[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.eml'));
    } catch {
      return [];
    }
    return names
      .sort()
      .reverse()
      .slice(0, limit)
      .map((name) => {
        const s = statSync(join(this.dir, name));
        return { name, size: s.size, modifiedAt: s.mtime };
      });
  }

  /** One .eml file by name (no paths: only files of this mailbox). */
  read(name: string): Buffer | null {
    const safe = basename(name);
    if (safe !== name || !safe.endsWith('.eml')) return null;
    try {
      return readFileSync(join(this.dir, safe));
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
