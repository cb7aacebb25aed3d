import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';
import type { Role } from '../../access/permissions.js';

/**
 * A person who logs in. Belongs to one committee, and either to its office (office_admin,
 * office_staff, viewer) or to one member unit (unit_liaison). Liaisons (联络员) stay the e-mail
 * contacts of a unit; a liaison user may be linked to one of them.
 */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', name: 'committee_id' })
  committeeId: number;

  /** An e-mail address or a short name; unique across the installation, compared lower-case. */
  @Index('uq_app_user_login', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  login: string;

  @Column({ type: 'varchar', length: 100, name: 'display_name' })
  displayName: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Index('ix_app_user_unit')
  @Column({ type: 'int', name: 'unit_id', nullable: true })
  unitId: number | null;

  @Column({ type: 'int', name: 'liaison_id', nullable: true })
  liaisonId: number | null;

  /** argon2id; null: no password set (cannot log in by password). */
  @Column({ type: 'varchar', length: 255, name: 'password_hash', nullable: true })
  passwordHash: string | null;

  /** Set by a temporary password from the office: only changing it is allowed until then. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** UI and e-mail language. */
  @Column({ type: 'varchar', length: 10, default: 'zh-CN' })
  locale: string;

  @Column({ type: 'int', name: 'failed_logins', default: 0 })
  failedLogins: number;
  @Column({ ...TIMESTAMP, name: 'locked_until', nullable: true })
  lockedUntil: Date | null;
  @Column({ ...TIMESTAMP, name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;

  @VersionColumn()
  version: number;
  @CreateDateColumn({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @UpdateDateColumn({ ...TIMESTAMP, name: 'updated_at' })
  updatedAt: Date;
}
