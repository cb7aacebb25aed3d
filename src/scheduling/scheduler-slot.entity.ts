import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP, jsonText } from '../database/columns.js';

/**
 * One run of a daily job (e.g. the reminders of 2025-06-05), claimed by exactly one instance.
 * The unique (name, slot_key) index is the arbiter: whichever instance inserts the row runs the
 * slot; the others see the duplicate and skip it. A slot covers the days (previous_key, slot_key]:
 * after an outage one slot catches up every day missed since the previous one.
 */
/** Counts and dates a job reports for its run. */
export type SlotResult = Record<string, string | number | boolean | null>;

@Entity('scheduler_slot')
@Index('uq_scheduler_slot_name_key', ['name', 'slotKey'], { unique: true })
export class SchedulerSlot {
  @PrimaryGeneratedColumn()
  id: number;

  /** The job, e.g. 'reminders'. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The local date 'YYYY-MM-DD' the slot belongs to (sortable as text). */
  @Column({ type: 'varchar', length: 100, name: 'slot_key' })
  slotKey: string;

  /** The slot before this one; null for the very first run. */
  @Column({ type: 'varchar', length: 100, name: 'previous_key', nullable: true })
  previousKey: string | null;

  /** Instance id of the (last) claimant. */
  @Column({ type: 'varchar', length: 100, name: 'claimed_by' })
  claimedBy: string;

  @Column({ ...TIMESTAMP, name: 'claimed_at' })
  claimedAt: Date;

  /** Null while running (or after the claimant died: another instance takes it over after the lease). */
  @Column({ ...TIMESTAMP, name: 'completed_at', nullable: true })
  completedAt: Date | null;

  /** How many times the slot was started (1 normally; more after a takeover). */
  @Column({ type: 'int', default: 1 })
  runs: number;

  @Column({ type: 'varchar', length: 1000, name: 'last_error', nullable: true })
  lastError: string | null;

  /** What the run reported (counts), for operators. */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  result: SlotResult | null;
}
