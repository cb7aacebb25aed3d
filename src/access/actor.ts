import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { AppError, NotFoundError } from '../common/errors/app-error.js';
import { isOfficeRole, type Role } from './permissions.js';
import { currentRequestContext } from './request-context.js';

/**
 * Who is asking: the authenticated user (AccessGuard establishes it from the session cookie or
 * an API token), or the service itself (CLI, scheduler).
 *
 * `role` is the side the actor acts on: 'office' (office_admin, office_staff, viewer — every unit
 * of the committee) or 'unit' (a unit_liaison — one unit). What they may do is decided per route
 * by permissions (`accountRole`); what they may see, here.
 */
export type ActorRole = 'office' | 'unit';

export interface Actor {
  /** The user's display name, as recorded in task histories. */
  name: string;
  role: ActorRole;
  /** Set for role 'unit'. */
  unitId: number | null;
  /** The actor's committee; null only for the service itself (CLI, scheduler: the default committee). */
  committeeId: number | null;
  /** null for the service itself. */
  userId?: number | null;
  login?: string;
  accountRole?: Role;
  /**
   * Committees below the actor's own (its counties, their districts…), office side only: the
   * actor reads them as a viewer and never writes them (see readsFromAbove).
   */
  readOnlyCommitteeIds?: readonly number[];
}

/** Whether a route reads or changes what it touches (writes on a lower committee answer 403). */
export type Access = 'read' | 'write';

/** The service acting on its own (CLI commands, scheduled jobs, the demo loader). */
export const OFFICE_ACTOR: Actor = Object.freeze({
  name: 'office',
  role: 'office',
  unitId: null,
  committeeId: null,
  userId: null,
  login: 'system',
});

export function actorForUser(
  user: { id: number; login: string; displayName: string; role: Role; unitId: number | null; committeeId: number },
  lowerCommitteeIds: readonly number[] = [],
): Actor {
  const office = isOfficeRole(user.role);
  return {
    name: user.displayName,
    role: office ? 'office' : 'unit',
    unitId: office ? null : user.unitId,
    committeeId: user.committeeId,
    userId: user.id,
    login: user.login,
    accountRole: user.role,
    readOnlyCommitteeIds: office ? [...lowerCommitteeIds] : [],
  };
}

/** The actor AccessGuard established for this request (the service itself outside requests). */
export const CurrentActor = createParamDecorator((_data: unknown, _context: ExecutionContext): Actor => {
  return currentRequestContext()?.actor ?? OFFICE_ACTOR;
});

// ---------------------------------------------------------------------------------------------
// The one place where a request is restricted to the rows its actor may see.
// ---------------------------------------------------------------------------------------------

/** Restricts a query over tasks (alias `taskAlias`) to the actor's rows. Every task-derived list goes through it. */
export function scopeTasks<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  taskAlias: string,
  actor: Actor,
): SelectQueryBuilder<T> {
  if (actor.role === 'unit') qb.andWhere(`${taskAlias}.unitId = :scopeUnitId`, { scopeUnitId: actor.unitId });
  return qb;
}

/**
 * A single task outside the actor's scope (another unit's, another committee's) does not exist for
 * them (404, not 403: no probing). A lower committee's tasks are visible to the office above
 * (reading; writes are refused by assertSameCommittee).
 */
export function canSeeTask(actor: Actor, task: { unitId: number | null; committeeId?: number }): boolean {
  if (actor.committeeId !== null && task.committeeId !== undefined && task.committeeId !== actor.committeeId)
    return readsFromAbove(actor, task.committeeId);
  return actor.role === 'office' || task.unitId === actor.unitId;
}

/** A unit liaison sees only its own unit in the register. */
export function canSeeUnit(actor: Actor, unitId: number): boolean {
  return actor.role === 'office' || actor.unitId === unitId;
}

/**
 * THE rule for committees one level up (and higher): the office of a committee reads the
 * committees below it — plans, tasks, figures, submissions — as a viewer, and writes none of
 * them. Every committee check below goes through here.
 */
export function readsFromAbove(actor: Actor, committeeId: number): boolean {
  return (
    actor.role === 'office' &&
    actor.committeeId !== null &&
    actor.committeeId !== committeeId &&
    (actor.readOnlyCommitteeIds ?? []).includes(committeeId)
  );
}

function readOnly(committeeId: number): AppError {
  return new AppError(
    403,
    'READ_ONLY_COMMITTEE',
    `committee ${committeeId} is below yours: you may read its data, not change it`,
    { committeeId },
  );
}

/**
 * Records of another committee do not exist for the actor (404); a lower committee's may be read
 * (access 'read') but not changed (403). The service itself (committeeId null) sees every committee.
 */
export function assertSameCommittee(
  actor: Actor,
  committeeId: number,
  label: string,
  id: number | string,
  access: Access = 'write',
): void {
  if (actor.committeeId === null || actor.committeeId === committeeId) return;
  if (readsFromAbove(actor, committeeId)) {
    if (access === 'read') return;
    throw readOnly(committeeId);
  }
  throw new NotFoundError(label, id);
}

/**
 * Changing a committee itself (its name, zone, parent): only its own office, or the service (the
 * CLI). The office above reads it and may not (403 READ_ONLY_COMMITTEE); any other committee's
 * office may not either — a county renaming its city, or re-parenting a neighbour, would decide
 * who reads whose data (403 NOT_OWN_COMMITTEE).
 */
export function assertOwnCommittee(actor: Actor, committeeId: number): void {
  if (actor.committeeId === null || actor.committeeId === committeeId) return;
  if (readsFromAbove(actor, committeeId)) throw readOnly(committeeId);
  throw new AppError(
    403,
    'NOT_OWN_COMMITTEE',
    `committee ${committeeId} is not yours: only its own office may change it`,
    { committeeId },
  );
}

/**
 * The committee a request works in: the actor's own; the service itself may name one; an office
 * may name a committee below its own to read it (naming one to write answers 403).
 */
export function committeeOf(actor: Actor, requested?: number, access: Access = 'write'): number | undefined {
  if (actor.committeeId === null) return requested;
  if (requested !== undefined && requested !== actor.committeeId && readsFromAbove(actor, requested)) {
    if (access === 'read') return requested;
    throw readOnly(requested);
  }
  return actor.committeeId;
}

export function assertOffice(actor: Actor, what: string): void {
  if (actor.role !== 'office')
    throw new AppError(403, 'FORBIDDEN', `only the committee office may ${what}`, { role: actor.role });
}
