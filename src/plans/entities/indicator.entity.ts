import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { decimalToNumber } from '../../database/columns.js';
import { Goal } from './goal.entity.js';

export const INDICATOR_COMPARATORS = [
  'lte',
  'gte',
  'about',
  'eq',
  'change_from_baseline',
  'yearly_change',
  'qualitative',
] as const;
export type IndicatorComparator = (typeof INDICATOR_COMPARATORS)[number];

/** A numeric (or qualitative) target read from a goal's text, e.g. 孕产妇死亡率 ≤ 12/10万. */
@Entity('indicator')
export class Indicator {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_indicator_goal')
  @Column({ type: 'int', name: 'goal_id' })
  goalId: number;
  @ManyToOne(() => Goal, (g) => g.indicators, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_indicator_goal' })
  goal?: Relation<Goal>;

  @Column({ type: 'int', default: 0 })
  position: number;
  /** The words of the text the target was read from. */
  @Column({ type: 'varchar', length: 500 })
  phrase: string;
  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;
  @Column({ type: 'varchar', length: 30 })
  comparator: IndicatorComparator;
  @Column({ type: 'decimal', precision: 14, scale: 4, nullable: true, transformer: decimalToNumber })
  value: number | null;
  /** %, ‰, per_100k, years, per_1000, count, percentage_points */
  @Column({ type: 'varchar', length: 30, nullable: true })
  unit: string | null;
  @Column({ type: 'int', name: 'baseline_year', nullable: true })
  baselineYear: number | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  direction: 'increase' | 'decrease' | null;
}
