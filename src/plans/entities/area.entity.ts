import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Plan } from './plan.entity.js';
import { Goal } from './goal.entity.js';
import { Measure } from './measure.entity.js';

/** 发展领域, e.g. （一）妇女与健康. */
@Entity('plan_area')
@Index('uq_plan_area_number', ['planId', 'number'], { unique: true })
export class Area {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'plan_id' })
  planId: number;
  @ManyToOne(() => Plan, (p) => p.areas, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_area_plan' })
  plan?: Relation<Plan>;

  /** Order as printed: （一） = 1. */
  @Column({ type: 'int' })
  number: number;
  @Column({ type: 'varchar', length: 200 })
  name: string;
  @Column({ type: 'int', name: 'source_line', nullable: true })
  sourceLine: number | null;

  @OneToMany(() => Goal, (g) => g.area)
  goals?: Relation<Goal>[];
  @OneToMany(() => Measure, (m) => m.area)
  measures?: Relation<Measure>[];
}
