import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Unit } from './unit.entity.js';

import type { Locale } from '../common/i18n/locale.js';

export { LOCALES, type Locale } from '../common/i18n/locale.js';

/** 联络员: the person at a member unit who receives the reminders. */
@Entity('liaison')
export class Liaison {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_liaison_unit')
  @Column({ type: 'int', name: 'unit_id' })
  unitId: number;
  @ManyToOne(() => Unit, (u) => u.liaisons, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_liaison_unit' })
  unit?: Relation<Unit>;

  @Column({ type: 'varchar', length: 100 })
  name: string;
  @Column({ type: 'varchar', length: 254 })
  email: string;
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;
  /** Language of the emails this person receives. */
  @Column({ type: 'varchar', length: 10, default: 'zh-CN' })
  locale: Locale;
}
