import type {
  EntityManager,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  RemoveEvent,
  UpdateEvent,
} from 'typeorm';
import { currentRequestContext } from '../access/request-context.js';
import type { AuditRecord } from './audit.service.js';
import type { AuditAction } from './audit-labels.js';

/** Tables whose rows are the service's own bookkeeping, not anybody's change. */
export const NOT_AUDITED = new Set([
  'audit_entry',
  'user_session',
  'password_reset',
  'mail_outbox',
  'scheduler_slot',
  'api_token',
  'calendar_feed',
]);
/** Columns never copied into the trail. */
const SECRET_COLUMNS = new Set(['passwordHash', 'tokenHash', 'csrfToken', 'idHash']);

function scalarValues(
  metadata: EntityMetadata,
  entity: Record<string, unknown> | undefined,
  only?: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!entity) return out;
  for (const column of metadata.columns) {
    const key = column.propertyName;
    if (SECRET_COLUMNS.has(key) || (only && !only.has(key))) continue;
    if (column.isCreateDate || column.isUpdateDate || column.isVersion) continue;
    if (key in entity && typeof entity[key] !== 'object') out[key] = entity[key];
    else if (entity[key] instanceof Date || entity[key] === null) out[key] = entity[key];
  }
  return out;
}

function primaryId(
  metadata: EntityMetadata,
  entity: Record<string, unknown> | undefined,
  fallback?: unknown,
): string | null {
  const id = fallback && typeof fallback === 'object' ? metadata.getEntityIdMixedMap(fallback as object) : fallback;
  const value = id ?? (entity ? entity[metadata.primaryColumns[0]?.propertyName ?? 'id'] : undefined);
  return value === undefined || value === null
    ? null
    : String(typeof value === 'object' ? JSON.stringify(value) : value);
}

/**
 * Records every insert, update and delete that goes through TypeORM during a request or a CLI
 * command, in the same transaction (event.manager), with the actor of the request. Updates made
 * by save() carry before and after of the changed columns; set-based updates carry what was set.
 * Work marked `bulk` (generation, import) writes one summary entry instead of one per row.
 */
export class AuditSubscriber implements EntitySubscriberInterface {
  constructor(private readonly record: (entry: AuditRecord, manager: EntityManager) => Promise<void>) {}

  async afterInsert(event: InsertEvent<Record<string, unknown>>): Promise<void> {
    await this.write(
      event.metadata,
      event.manager,
      'create',
      primaryId(event.metadata, event.entity, event.entityId),
      null,
      scalarValues(event.metadata, event.entity),
    );
  }

  async afterUpdate(event: UpdateEvent<Record<string, unknown>>): Promise<void> {
    const metadata = event.metadata;
    const before = event.databaseEntity as Record<string, unknown> | undefined;
    const entity = event.entity as Record<string, unknown> | undefined;
    if (before) {
      const changed = new Set(event.updatedColumns.map((c) => c.propertyName));
      if (changed.size === 0) return;
      await this.write(
        metadata,
        event.manager,
        'update',
        primaryId(metadata, before),
        scalarValues(metadata, before, changed),
        scalarValues(metadata, entity, changed),
      );
    } else {
      await this.write(
        metadata,
        event.manager,
        'update',
        primaryId(metadata, entity),
        null,
        scalarValues(metadata, entity),
      );
    }
  }

  async afterRemove(event: RemoveEvent<Record<string, unknown>>): Promise<void> {
    const row = (event.databaseEntity ?? event.entity) as Record<string, unknown> | undefined;
    await this.write(
      event.metadata,
      event.manager,
      'delete',
      primaryId(event.metadata, row, event.entityId),
      scalarValues(event.metadata, row),
      null,
    );
  }

  private async write(
    metadata: EntityMetadata,
    manager: InsertEvent<unknown>['manager'],
    action: AuditAction,
    entityId: string | null,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    const context = currentRequestContext();
    if (!context?.actor || context.bulk || NOT_AUDITED.has(metadata.tableName)) return;
    // The service itself (CLI) has no committee of its own: the row's tells where it belongs.
    const own = (values: Record<string, unknown> | null) =>
      typeof values?.committeeId === 'number' ? values.committeeId : null;
    const committeeId = context.actor.committeeId ?? own(after) ?? own(before);
    await this.record({ action, entity: metadata.tableName, entityId, before, after, committeeId }, manager);
  }
}
