import { Injectable } from '@nestjs/common';
import type { MailOutbox } from './mail-outbox.entity.js';

/**
 * A last look before a queued message goes out. The reminders register one that cancels a
 * reminder whose tasks were submitted, accepted, cancelled or given a new date since it was
 * queued (after an outage a queue may be hours old).
 */
export interface PreSendCheck {
  readonly name: string;
  /** Message id → reason to cancel it; messages not in the map are sent. */
  vetoes(messages: readonly MailOutbox[]): Promise<Map<number, string>>;
}

@Injectable()
export class PreSendChecks {
  private readonly checks: PreSendCheck[] = [];

  register(check: PreSendCheck): void {
    if (!this.checks.some((c) => c.name === check.name)) this.checks.push(check);
  }

  async vetoes(messages: readonly MailOutbox[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (const check of this.checks) {
      const pending = messages.filter((m) => !out.has(m.id));
      if (pending.length === 0) break;
      for (const [id, reason] of await check.vetoes(pending)) if (!out.has(id)) out.set(id, `${check.name}: ${reason}`);
    }
    return out;
  }
}
