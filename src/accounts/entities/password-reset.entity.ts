import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';

/** A password-reset link: expires, works once. Only the SHA-256 of its secret is stored. */
@Entity('password_reset')
export class PasswordReset {
  @PrimaryGeneratedColumn()
  id: number;
  @Column({ type: 'int', name: 'user_id' })
  userId: number;

  @Index('uq_password_reset_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @Column({ ...TIMESTAMP, name: 'expires_at' })
  expiresAt: Date;
  @Column({ ...TIMESTAMP, name: 'used_at', nullable: true })
  usedAt: Date | null;
}
