import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { uniqueViolation } from '../database/db-errors.util.js';
import { SchedulerSlot, type SlotResult } from './scheduler-slot.entity.js';

/** A slot that stays unfinished (its claimant died) is run again at most this many times. */
export const MAX_SLOT_RUNS = 5;

/**
 * The database arbiter of scheduled runs: any number of instances may ask for the same slot;
 * the unique index lets exactly one of them have it.
 */
@Injectable()
export class SlotClaimsService {
  constructor(@InjectRepository(SchedulerSlot) private readonly slots: Repository<SchedulerSlot>) {}

  /**
   * Claims (name, slotKey) for `instanceId`. True for exactly one caller across all instances;
   * the others get false (the row exists already).
   */
  async claimSlot(
    name: string,
    slotKey: string,
    instanceId: string,
    now: Date,
    previousKey: string | null = null,
  ): Promise<SchedulerSlot | null> {
    try {
      const slot = this.slots.create({
        name,
        slotKey,
        previousKey,
        claimedBy: instanceId,
        claimedAt: now,
        completedAt: null,
        runs: 1,
        lastError: null,
        result: null,
      });
      await this.slots.insert(slot);
      return slot;
    } catch (error) {
      if (uniqueViolation(error)) return null;
      throw error;
    }
  }

  /** The newest slot key ever claimed for a job, finished or not. */
  async lastKey(name: string): Promise<string | null> {
    const row = await this.slots
      .createQueryBuilder('s')
      .select('MAX(s.slot_key)', 'k')
      .where('s.name = :name', { name })
      .getRawOne<{ k: string | null }>();
    return row?.k ?? null;
  }

  /** Slots claimed before `claimedBefore` and never completed: their claimant died or failed. */
  stale(name: string, claimedBefore: Date): Promise<SchedulerSlot[]> {
    return this.slots.find({
      where: { name, completedAt: IsNull(), claimedAt: LessThan(claimedBefore), runs: LessThan(MAX_SLOT_RUNS + 1) },
      order: { slotKey: 'ASC' },
    });
  }

  /**
   * Takes over an unfinished slot; true for exactly one caller (the `runs` counter acts as a
   * version, so two instances noticing the same stale slot cannot both take it).
   */
  async takeOver(slot: SchedulerSlot, instanceId: string, now: Date): Promise<boolean> {
    const result = await this.slots
      .createQueryBuilder()
      .update(SchedulerSlot)
      .set({ claimedBy: instanceId, claimedAt: now, runs: () => 'runs + 1' })
      .where('id = :id AND runs = :runs AND completed_at IS NULL', { id: slot.id, runs: slot.runs })
      .execute();
    if (result.affected !== 1) return false;
    slot.claimedBy = instanceId;
    slot.claimedAt = now;
    slot.runs += 1;
    return true;
  }

  async complete(slot: SchedulerSlot, now: Date, result: SlotResult | null): Promise<void> {
    await this.slots.update({ id: slot.id, claimedBy: slot.claimedBy }, { completedAt: now, result, lastError: null });
  }

  async recordFailure(slot: SchedulerSlot, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await this.slots.update({ id: slot.id, claimedBy: slot.claimedBy }, { lastError: message });
  }

  /** Recent slots of a job, newest first (operators, tests). */
  list(name: string, limit = 50): Promise<SchedulerSlot[]> {
    return this.slots.find({ where: { name }, order: { slotKey: 'DESC' }, take: limit });
  }
}
