/**
 * Where mail goes: a driver delivers one rendered message to one recipient. Chosen by
 * configuration (mail.driver / SMTP_URL): SMTP in production, the local mailbox by default.
 */

export interface OutgoingMail {
  /** RFC 5322 From, e.g. '落实 Luoshi <luoshi@example.gov.cn>'. */
  from: string;
  to: { email: string; name?: string | null };
  subject: string;
  html: string;
  text: string;
  /** '<...@...>': stable per outbox message, so a repeated delivery carries the same id. */
  messageId: string;
  headers?: Record<string, string>;
  /** For file names and logs only. */
  outboxId?: number;
  kind?: string;
}

export interface RecipientRejection {
  address: string;
  /** The server's reply, e.g. '550 5.1.1 <x@y>: user unknown'. */
  reason: string;
  /** 5xx: the address will not work; 4xx: try again later. */
  permanent: boolean;
}

export interface MailSendResult {
  accepted: string[];
  rejected: RecipientRejection[];
  messageId: string;
  /** Driver-specific reference: the server's reply, or the .eml file written. */
  ref?: string | null;
}

export interface MailDriver {
  readonly name: 'smtp' | 'local' | string;
  /**
   * Delivers one message. Resolves with accepted/rejected recipients; rejects with a
   * MailTransportError when the message could not be handed over (server down, timeout, refused
   * content).
   */
  send(mail: OutgoingMail): Promise<MailSendResult>;
  /** A line for logs and /api/mail: where mail goes (no passwords). */
  describe(): string;
  close(): Promise<void>;
}

/** The message was not handed over. `permanent`: retrying the same message cannot help. */
export class MailTransportError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailTransportError';
  }
}

/** Injection token of the configured driver. */
export const MAIL_DRIVER = Symbol('MAIL_DRIVER');
