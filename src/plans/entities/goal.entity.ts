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
import { Area } from './area.entity.js';
import { Indicator } from './indicator.entity.js';

/** 主要目标: numbered as printed (gaps kept). */
@Entity('goal')
@Index('uq_goal_area_number', ['areaId', 'number'], { unique: true })
@Index('ix_goal_plan', ['planId'])
export class Goal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'plan_id' })
  planId: number;

  @Column({ type: 'int', name: 'area_id' })
  areaId: number;
  @ManyToOne(() => Area, (a) => a.goals, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_goal_area' })
  area?: Relation<Area>;

  @Column({ type: 'int' })
  number: number;
  @Column({ type: 'text' })
  text: string;
  @Column({ type: 'int', name: 'source_line', nullable: true })
  sourceLine: number | null;

  @OneToMany(() => Indicator, (i) => i.goal)
  indicators?: Relation<Indicator>[];
}
