import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Area } from './area.entity.js';

/** 策略措施: numbered independently of goals; not linked to a goal. */
@Entity('measure')
@Index('uq_measure_area_number', ['areaId', 'number'], { unique: true })
@Index('ix_measure_plan', ['planId'])
export class Measure {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'plan_id' })
  planId: number;

  @Column({ type: 'int', name: 'area_id' })
  areaId: number;
  @ManyToOne(() => Area, (a) => a.measures, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_id', foreignKeyConstraintName: 'fk_measure_area' })
  area?: Relation<Area>;

  @Column({ type: 'int' })
  number: number;
  @Column({ type: 'text' })
  text: string;
  @Column({ type: 'int', name: 'source_line', nullable: true })
  sourceLine: number | null;
}
