import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { AppError, BadRequestError, NotFoundError } from '../../common/errors/app-error.js';
import { UnitsService } from '../../units/units.service.js';

/**
 * Who is asking. There are no accounts yet: `X-Actor` names the person (free text, default
 * 'office'), `X-Unit-Id` says they act for a member unit. With X-Unit-Id the role is 'unit' and
 * every list is restricted to that unit's rows; without it the role is 'office'.
 * Access control will replace how the actor is established (ActorGuard), not the code after it.
 */
export type ActorRole = 'office' | 'unit';

export interface Actor {
  name: string;
  role: ActorRole;
  /** Set for role 'unit'. */
  unitId: number | null;
  /** The unit's committee, for role 'unit'. */
  committeeId: number | null;
}

export const OFFICE_ACTOR: Actor = Object.freeze({ name: 'office', role: 'office', unitId: null, committeeId: null });

const ACTOR_KEY = 'luoshiActor';
const MAX_NAME = 100;

interface ActorRequest {
  headers: Record<string, string | string[] | undefined>;
  [ACTOR_KEY]?: Actor;
}

function header(req: ActorRequest, name: string): string | undefined {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/** Reads X-Actor / X-Unit-Id once per request and checks the unit exists. */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(private readonly units: UnitsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ActorRequest>();
    req[ACTOR_KEY] = await this.resolve(header(req, 'x-actor'), header(req, 'x-unit-id'));
    return true;
  }

  async resolve(actorHeader: string | undefined, unitHeader: string | undefined): Promise<Actor> {
    // Free text from a header may arrive percent-encoded (browsers cannot send raw UTF-8 there).
    let name = actorHeader;
    if (name && /%[0-9a-f]{2}/i.test(name)) {
      try {
        name = decodeURIComponent(name);
      } catch {
        /* keep it as sent */
      }
    }
    if (name && name.length > MAX_NAME) throw new BadRequestError('INVALID_ACTOR', `X-Actor is longer than ${MAX_NAME} characters`);
    if (unitHeader === undefined) return { ...OFFICE_ACTOR, name: name ?? 'office' };
    if (!/^\d{1,10}$/.test(unitHeader) || Number(unitHeader) < 1) {
      throw new BadRequestError('INVALID_ACTOR', 'X-Unit-Id must be a positive integer (the id of the unit you act for)');
    }
    const unitId = Number(unitHeader);
    const unit = await this.units.get(unitId).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new AppError(403, 'UNKNOWN_UNIT', `X-Unit-Id ${unitId}: no such unit`, { unitId });
      throw error;
    });
    return { name: name ?? unit.name, role: 'unit', unitId, committeeId: unit.committeeId };
  }
}

/** The actor ActorGuard established (office when the guard did not run, e.g. the CLI). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<ActorRequest>()[ACTOR_KEY] ?? OFFICE_ACTOR;
});

// ---------------------------------------------------------------------------------------------
// The one place where a request is restricted to the rows its actor may see.
// ---------------------------------------------------------------------------------------------

/** Restricts a query over tasks (alias `taskAlias`) to the actor's rows. Every task-derived list goes through it. */
export function scopeTasks<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, taskAlias: string, actor: Actor): SelectQueryBuilder<T> {
  if (actor.role === 'unit') qb.andWhere(`${taskAlias}.unitId = :scopeUnitId`, { scopeUnitId: actor.unitId });
  return qb;
}

/** A single task outside the actor's scope does not exist for them (404, not 403: no probing). */
export function canSeeTask(actor: Actor, task: { unitId: number | null }): boolean {
  return actor.role === 'office' || task.unitId === actor.unitId;
}

export function assertOffice(actor: Actor, what: string): void {
  if (actor.role !== 'office') throw new AppError(403, 'FORBIDDEN', `only the committee office may ${what}`, { role: actor.role });
}
