import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../../../config/app-config.js';
import {
  MailTransportError,
  type MailDriver,
  type MailSendResult,
  type OutgoingMail,
  type RecipientRejection,
} from './mail-driver.js';

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  recipient?: string;
  rejected?: string[];
  rejectedErrors?: NodemailerError[];
}

/** The SMTP URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid url)';
  }
}

function rejection(error: NodemailerError, fallbackAddress: string): RecipientRejection {
  const reason = (error.response ?? error.message).trim();
  return { address: error.recipient ?? fallbackAddress, reason, permanent: (error.responseCode ?? 0) >= 500 };
}

/**
 * Pooled SMTP through nodemailer (SMTP_URL: smtp://user:pass@host:587 with STARTTLS when offered,
 * smtps://host:465 for implicit TLS). TLS checks follow mail.tls.
 */
export class SmtpDriver implements MailDriver {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly settings: AppConfig['mail']) {
    if (!settings.smtpUrl) throw new Error('mail.smtpUrl (SMTP_URL) is empty: the SMTP driver needs a server address');
    const timeout = settings.timeoutSeconds * 1000;
    this.transport = createTransport({
      pool: true,
      url: settings.smtpUrl,
      maxConnections: settings.pool.maxConnections,
      maxMessages: 100,
      ...(settings.pool.rateLimitPerSecond > 0 ? { rateLimit: settings.pool.rateLimitPerSecond, rateDelta: 1000 } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      requireTLS: settings.tls.requireTls,
      tls: { rejectUnauthorized: settings.tls.rejectUnauthorized },
      // A dropped connection must not make the pool re-send on its own: the outbox decides retries.
      maxRequeues: 0,
    });
  }

  describe(): string {
    return `SMTP ${redactUrl(this.settings.smtpUrl)} (pool of ${this.settings.pool.maxConnections})`;
  }

  async send(mail: OutgoingMail): Promise<MailSendResult> {
    const to = mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email;
    try {
      const info = (await this.transport.sendMail({
        from: mail.from,
        to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        headers: mail.headers,
      })) as {
        accepted?: unknown[];
        rejected?: unknown[];
        rejectedErrors?: NodemailerError[];
        messageId?: string;
        response?: string;
      };
      const rejected = (info.rejectedErrors ?? []).map((e) => rejection(e, mail.to.email));
      for (const address of info.rejected ?? []) {
        if (!rejected.some((r) => r.address === String(address)))
          rejected.push({ address: String(address), reason: 'rejected by the server', permanent: true });
      }
      return {
        accepted: (info.accepted ?? []).map(String),
        rejected,
        messageId: info.messageId ?? mail.messageId,
        ref: info.response ?? null,
      };
    } catch (caught) {
      const error = caught as NodemailerError;
      // Every recipient refused at RCPT TO: a verdict on the address, not a transport failure.
      if (error.code === 'EENVELOPE' && error.rejectedErrors?.length) {
        return {
          accepted: [],
          rejected: error.rejectedErrors.map((e) => rejection(e, mail.to.email)),
          messageId: mail.messageId,
          ref: error.response ?? null,
        };
      }
      // nodemailer refused the address before talking to the server (not an address at all).
      if (error.code === 'EENVELOPE' && !error.responseCode) {
        return {
          accepted: [],
          rejected: [{ address: mail.to.email, reason: error.message, permanent: true }],
          messageId: mail.messageId,
        };
      }
      // The server refused the content itself (e.g. 552 too large, 554 policy): retrying will not help.
      const permanent = error.command === 'DATA' && (error.responseCode ?? 0) >= 500;
      const reason = error.response
        ? `${error.code ?? 'ERROR'}: ${error.response}`
        : `${error.code ?? 'ERROR'}: ${error.message}`;
      throw new MailTransportError(reason.slice(0, 1000), permanent, error.responseCode);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
