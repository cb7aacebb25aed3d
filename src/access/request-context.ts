import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './actor.js';

/**
 * What the rest of a request's work needs to know about it without being handed it: the actor
 * (for the audit trail and the CurrentActor decorator) and the client's address. Set for each
 * HTTP request by a middleware; the CLI runs its command inside one too.
 */
export interface RequestContext {
  actor?: Actor;
  address?: string | null;
  /** 'zh-CN' | 'en', from Accept-Language (messages pick their language from it). */
  locale?: string;
  /**
   * Set while bulk work (plan import, duty generation) runs: it writes one summary entry to the
   * audit trail instead of one per row.
   */
  bulk?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` as bulk work (see RequestContext.bulk); outside a request it just runs it. */
export async function asBulkWork<T>(fn: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return fn();
  return storage.run({ ...context, bulk: true }, fn);
}
