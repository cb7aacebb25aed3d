import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { decimalToNumber } from '../../database/columns.js';
import { Indicator } from '../../plans/entities/indicator.entity.js';
import type { IndicatorAssessment } from '../domain/indicator-value.js';
import { TaskItem } from './task-item.entity.js';

/** The value (or, for a qualitative target, the assessment) a unit reports for one indicator of an item's goal, for the task's year. */
@Entity('duty_indicator_value')
@Index('uq_duty_indicator_value', ['itemId', 'indicatorId'], { unique: true })
@Index('ix_duty_indicator_value_indicator', ['indicatorId'])
export class IndicatorValue {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'item_id' })
  itemId: number;
  @ManyToOne(() => TaskItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_duty_indicator_value_item' })
  item?: Relation<TaskItem>;

  @Column({ type: 'int', name: 'indicator_id' })
  indicatorId: number;
  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'fk_duty_indicator_value_indicator' })
  indicator?: Relation<Indicator>;

  /** The year's value; null for a qualitative target assessed instead. */
  @Column({ type: 'decimal', precision: 14, scale: 4, transformer: decimalToNumber, nullable: true })
  value: number | null;
  /** Qualitative targets: met (达到) | largely_met (基本达到) | not_met (未达到). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  assessment: IndicatorAssessment | null;
  /** What the assessment rests on. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
