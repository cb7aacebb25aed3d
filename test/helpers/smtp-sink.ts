import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message as the sink received it. */
export interface SinkMessage {
  envelope: { from: string; to: string[] };
  /** Decoded Subject header. */
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  /** Decoded text/plain and text/html parts ('' when absent). */
  text: string;
  html: string;
  raw: string;
  receivedAt: Date;
  /** The session ran over TLS (implicit or upgraded by STARTTLS). */
  tls?: boolean;
  /** The user the session logged in as (SMTP AUTH), if any. */
  user?: string;
}

export interface SmtpSinkOptions {
  /** Recipients refused at RCPT TO: address → reply, e.g. '550 5.1.1 mailbox unavailable'. */
  reject?: Record<string, string>;
  /** Milliseconds to wait before answering the end of DATA (a slow server; lets a test kill a sender mid-delivery). */
  dataDelayMs?: number;
  /** Implicit TLS (smtps://) with smtp-server's built-in self-signed test certificate. */
  secure?: boolean;
  /** Offer STARTTLS (with the same built-in self-signed certificate) on a plain connection. */
  starttls?: boolean;
  /** Require SMTP AUTH (PLAIN/LOGIN) with these credentials; anything else is refused with 535. */
  auth?: { user: string; pass: string };
}

type RcptCallback = (err?: Error | null) => void;

/** Unfolds header lines and decodes RFC 2047 encoded-words (B and Q, UTF-8). */
export function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      return bytes.toString(/utf-?8/i.test(charset) ? 'utf8' : 'latin1');
    });
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function splitHead(raw: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(raw);
  return m ? [raw.slice(0, m.index), raw.slice(m.index + m[0].length)] : [raw, ''];
}

/** Collects the text/plain and text/html parts of a (multipart) message. */
function parts(raw: string, out: { text: string; html: string }): void {
  const [head, body] = splitHead(raw);
  const headers = parseHeaders(head);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      parts(part.replace(/^\r?\n/, ''), out);
    }
    return;
  }
  const decoded = decodeBody(body, headers['content-transfer-encoding']);
  if (/^text\/html/i.test(type)) out.html += decoded;
  else if (/^text\/plain/i.test(type)) out.text += decoded;
}

export function parseMessage(raw: string, envelope: SinkMessage['envelope']): SinkMessage {
  const [head] = splitHead(raw);
  const headers = parseHeaders(head);
  const body = { text: '', html: '' };
  parts(raw, body);
  return {
    envelope,
    subject: decodeHeader(headers.subject ?? ''),
    messageId: headers['message-id'] ?? '',
    headers,
    text: body.text,
    html: body.html,
    raw,
    receivedAt: new Date(),
  };
}

/**
 * A real SMTP server in the test process (the `smtp-server` package) on a free port. It keeps
 * every message it accepted; it can refuse chosen recipients with a reason, answer slowly, and
 * be stopped and started again on the same port to play an outage.
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  /** Connections opened (attempts, including refused ones while down are not counted). */
  connections = 0;
  private server: SMTPServer | null = null;
  private portNumber = 0;
  private readonly reject: Map<string, string>;
  private readonly secure: boolean;
  private readonly starttls: boolean;
  private readonly auth: { user: string; pass: string } | undefined;
  /** Logins refused (wrong user or password). */
  failedLogins = 0;
  dataDelayMs: number;

  constructor(options: SmtpSinkOptions = {}) {
    this.reject = new Map(Object.entries(options.reject ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    this.dataDelayMs = options.dataDelayMs ?? 0;
    this.secure = options.secure ?? false;
    this.starttls = options.starttls ?? false;
    this.auth = options.auth;
  }

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options);
    await sink.start();
    return sink;
  }

  get port(): number {
    return this.portNumber;
  }

  /** smtp://127.0.0.1:<port> (smtps:// when secure), for SMTP_URL / mail.smtpUrl. */
  get url(): string {
    return `${this.secure ? 'smtps' : 'smtp'}://127.0.0.1:${this.portNumber}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  rejectRecipient(address: string, reply: string): void {
    this.reject.set(address.toLowerCase(), reply);
  }

  /** Starts listening (again, on the same port after a stop). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      secure: this.secure,
      authOptional: !this.auth,
      // AUTH over a plain connection stays refused (smtp-server's default): a login needs TLS first.
      disabledCommands: [...(this.starttls ? [] : ['STARTTLS']), ...(this.auth ? [] : ['AUTH'])],
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth: (auth, _session, callback) => {
        if (this.auth && auth.username === this.auth.user && auth.password === this.auth.pass)
          return callback(null, { user: auth.username });
        this.failedLogins++;
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      logger: false,
      closeTimeout: 100,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: RcptCallback) => {
        const reply = this.reject.get(address.address.toLowerCase());
        if (!reply) return callback();
        const code = Number(/^(\d{3})/.exec(reply)?.[1] ?? 550);
        const error = Object.assign(new Error(reply.replace(/^\d{3}\s*/, '')), { responseCode: code });
        callback(error);
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          const message = parseMessage(Buffer.concat(chunks).toString('utf8'), envelope);
          message.tls = session.secure;
          if (typeof session.user === 'string') message.user = session.user;
          this.messages.push(message);
          if (this.dataDelayMs > 0) setTimeout(() => callback(), this.dataDelayMs);
          else callback();
        });
      },
    });
    // Client-side aborts (a sender refusing our test certificate, a killed sender) are not the sink's problem.
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.portNumber = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops open connections: senders get "connection refused" until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const connection of server.connections) (connection as unknown as { close?: () => void }).close?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages to one address. */
  to(address: string): SinkMessage[] {
    return this.messages.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === address.toLowerCase()));
  }

  /** How many times each Message-ID arrived. */
  countsByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > until)
        throw new Error(`SMTP sink: expected ${count} messages, got ${this.messages.length} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  clear(): void {
    this.messages.length = 0;
  }
}
