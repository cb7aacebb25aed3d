import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Where a unit is used, in words an office understands, e.g. "plan 1 (…), goal 3.7, lead". */
export interface UnitReference {
  kind: string;
  description: string;
  [key: string]: unknown;
}

/**
 * Modules whose rows point at units (plans' assignments, duties' tasks…) register here, so the
 * units module can refuse a delete or carry references over on merge without reading their tables.
 */
export interface UnitReferenceHolder {
  name: string;
  find(manager: EntityManager, unitId: number, limit: number): Promise<UnitReference[]>;
  /** Moves every reference from one unit to another, collapsing duplicates; `by` names who merged (for histories). */
  reassign(manager: EntityManager, fromUnitId: number, toUnitId: number, by: string): Promise<number>;
}

@Injectable()
export class UnitReferencesRegistry {
  private readonly holders: UnitReferenceHolder[] = [];

  register(holder: UnitReferenceHolder): void {
    if (!this.holders.some((h) => h.name === holder.name)) this.holders.push(holder);
  }

  async find(manager: EntityManager, unitId: number, limit = 20): Promise<UnitReference[]> {
    const out: UnitReference[] = [];
    for (const holder of this.holders) {
      if (out.length >= limit) break;
      out.push(...(await holder.find(manager, unitId, limit - out.length)));
    }
    return out;
  }

  async reassign(
    manager: EntityManager,
    fromUnitId: number,
    toUnitId: number,
    by: string,
  ): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const holder of this.holders) moved[holder.name] = await holder.reassign(manager, fromUnitId, toUnitId, by);
    return moved;
  }
}
