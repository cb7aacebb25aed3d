import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { VersionConflictError } from '../errors/app-error.js';

/** Told of every versioned edit, inside its transaction, with the changed fields before and after (the audit trail listens). */
export type VersionedUpdateListener = (
  em: EntityManager,
  table: string,
  id: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) => Promise<void>;
let listener: VersionedUpdateListener | null = null;

export function onVersionedUpdate(fn: VersionedUpdateListener | null): void {
  listener = fn;
}

/**
 * Optimistic locking: UPDATE … WHERE id = ? AND version = ?. The query builder bumps the version
 * and updated_at itself; no row touched means someone saved first, and the caller gets a 409.
 */
export async function updateWithVersion<T extends ObjectLiteral & { id: number; version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  label: string,
  id: number,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<void> {
  const keys = Object.keys(changes);
  const before =
    listener && keys.length
      ? ((await em.findOne(entity, { where: { id } as never })) as Record<string, unknown> | null)
      : null;
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    // The listener below records this edit with its id; the generic row listeners would not know it.
    .callListeners(false)
    .execute();
  if (!result.affected) {
    const current = await em.findOne(entity, { where: { id } as never, select: { id: true, version: true } as never });
    throw new VersionConflictError(label, id, expectedVersion, (current as { version?: number } | null)?.version ?? -1);
  }
  if (listener && before) {
    const changed = keys.filter(
      (k) =>
        typeof (changes as Record<string, unknown>)[k] !== 'function' &&
        before[k] !== (changes as Record<string, unknown>)[k],
    );
    if (changed.length === 0) return;
    const pick = (source: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, source[k]]));
    await listener(
      em,
      em.connection.getMetadata(entity).tableName,
      id,
      pick(before),
      pick(changes as Record<string, unknown>),
    );
  }
}
