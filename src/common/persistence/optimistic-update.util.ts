import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { VersionConflictError } from '../errors/app-error.js';

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
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  if (!result.affected) {
    const current = await em.findOne(entity, { where: { id } as never, select: { id: true, version: true } as never });
    throw new VersionConflictError(label, id, expectedVersion, (current as { version?: number } | null)?.version ?? -1);
  }
}
