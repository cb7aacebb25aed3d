import type { NotificationLocale } from '../domain/locale.js';
import type { MailKind, TaskRef } from './mail-outbox.entity.js';

/** One message to queue: one recipient, rendered bodies, a key that makes queueing it idempotent. */
export interface OutboxMessageInput {
  /** Unique per message and recipient, e.g. 'digest:li@example.org:2025-06-05'. */
  idempotencyKey: string;
  kind: MailKind;
  committeeId?: number | null;
  to: { email: string; name?: string | null; locale?: NotificationLocale };
  subject: string;
  html: string;
  text: string;
  /** Tasks the message is about: a pre-send check may cancel it when they are done meanwhile. */
  taskRefs?: TaskRef[];
  /** Not before this instant (default: now). */
  notBefore?: Date;
}

export interface EnqueueResult {
  /** Messages written now. */
  queued: number;
  /** Messages whose key was queued before (nothing written). */
  duplicates: number;
  queuedKeys: string[];
  duplicateKeys: string[];
}
