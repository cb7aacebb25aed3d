import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { TIMESTAMP, jsonText } from '../../database/columns.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import type { DutyRuleSettingsPatch } from '../domain/duty-rules.js';

/**
 * A plan's own duty rules: only what the office changed from the defaults in config/
 * (duties: …). No row = the defaults.
 */
@Entity('duty_rule_set')
@Index('uq_duty_rule_set_plan', ['planId'], { unique: true })
export class DutyRuleSet {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'plan_id' })
  planId: number;
  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_duty_rule_set_plan' })
  plan?: Relation<Plan>;

  @Column({ type: 'text', transformer: jsonText })
  overrides: DutyRuleSettingsPatch;

  @Column({ type: 'varchar', length: 100, name: 'updated_by' })
  updatedBy: string;
  @VersionColumn()
  version: number;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
