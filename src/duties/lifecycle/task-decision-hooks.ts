import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A decision a unit must be told of (the notifications module turns it into e-mails). */
export interface TaskDecision {
  kind:
    'assigned' | 'due_changed' | 'cancelled' | 'returned' | 'accepted' | 'extension_approved' | 'extension_rejected';
  taskId: number;
  /** Unique per decision: the notices' idempotency keys derive from it (sent once each). */
  key: string;
  /** The deadline in force after the decision (for a cancellation: the deadline it had). */
  dueOn: string;
  previousDueOn?: string;
  reason?: string | null;
  at: Date;
}

export interface TaskDecisionListener {
  /** Runs inside the transaction of the change: its writes (outbox rows) commit or roll back with it. */
  onDecision(em: EntityManager, decision: TaskDecision): Promise<void>;
}

/**
 * Where the life cycle announces its decisions. The duties module cannot depend on the
 * notifications module (which depends on it), so notifications registers itself here at start.
 */
@Injectable()
export class TaskDecisionHooks {
  private readonly listeners: TaskDecisionListener[] = [];

  register(listener: TaskDecisionListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  async emit(em: EntityManager, decision: TaskDecision): Promise<void> {
    for (const listener of this.listeners) await listener.onDecision(em, decision);
  }
}
