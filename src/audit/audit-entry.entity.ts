import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP, jsonText } from '../database/columns.js';

/**
 * One append-only line of the audit trail: who did what to which record, from where, and the
 * fields before and after. Written in the same transaction as the change it records.
 */
@Entity('audit_entry')
@Index('ix_audit_entry_committee_at', ['committeeId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ ...TIMESTAMP })
  at: Date;

  /** null for entries without a committee (a failed login with an unknown name). */
  @Column({ type: 'int', name: 'committee_id', nullable: true })
  committeeId: number | null;

  @Index('ix_audit_entry_user')
  @Column({ type: 'int', name: 'user_id', nullable: true })
  userId: number | null;

  /** The login at the time (users may be renamed later); 'system' for the service itself. */
  @Column({ type: 'varchar', length: 200, name: 'user_login' })
  userLogin: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address: string | null;

  /** create | update | delete | login | login_failed | logout | password_changed | … */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  /** The table or domain object, e.g. unit, plan, duty_task, import, app_user. */
  @Index('ix_audit_entry_entity')
  @Column({ type: 'varchar', length: 60 })
  entity: string;

  @Column({ type: 'varchar', length: 40, name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  before: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  after: Record<string, unknown> | null;
}
