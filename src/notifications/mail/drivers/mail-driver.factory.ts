import type { AppConfig } from '../../../config/app-config.js';
import { LocalMailboxDriver } from './local-mailbox.driver.js';
import type { MailDriver } from './mail-driver.js';
import { SmtpDriver } from './smtp.driver.js';

/** Which driver the configuration asks for: auto = SMTP when an SMTP_URL is set, else the local mailbox. */
export function mailDriverKind(mail: AppConfig['mail']): 'smtp' | 'local' {
  if (mail.driver === 'auto') return mail.smtpUrl ? 'smtp' : 'local';
  return mail.driver;
}

export function createMailDriver(mail: AppConfig['mail']): MailDriver {
  const kind = mailDriverKind(mail);
  if (kind === 'smtp') {
    if (!mail.smtpUrl) {
      throw new Error(
        'mail.driver: value "smtp" needs mail.smtpUrl; allowed: set SMTP_URL (smtp://user:password@host:587 or smtps://host:465), or use driver auto | local',
      );
    }
    return new SmtpDriver(mail);
  }
  return new LocalMailboxDriver(mail.mailDir);
}
