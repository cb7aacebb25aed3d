import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Unit } from './unit.entity.js';

/** Another way the same body is written (团委 / 共青团自治县委; 法院 / 人民法院), or a short name. */
@Entity('unit_alias')
@Index('uq_unit_alias_committee_alias', ['committeeId', 'alias'], { unique: true })
export class UnitAlias {
  @PrimaryGeneratedColumn()
  id: number;

  /** Kept here as well so that an alias is unique within the committee by a plain index. */
  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;

  @Index('ix_unit_alias_unit')
  @Column({ type: 'int', name: 'unit_id' })
  unitId: number;
  @ManyToOne(() => Unit, (u) => u.aliases, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_unit_alias_unit' })
  unit?: Relation<Unit>;

  @Column({ type: 'varchar', length: 200 })
  alias: string;
}
