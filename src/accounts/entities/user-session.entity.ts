import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';

/** A browser session. The cookie holds a random secret; only its SHA-256 is stored. */
@Entity('user_session')
export class UserSession {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_hash' })
  idHash: string;

  @Index('ix_user_session_user')
  @Column({ type: 'int', name: 'user_id' })
  userId: number;

  /** Sent back in X-CSRF-Token on every cookie-authenticated write. */
  @Column({ type: 'varchar', length: 64, name: 'csrf_token' })
  csrfToken: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address: string | null;
  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @Column({ ...TIMESTAMP, name: 'expires_at' })
  expiresAt: Date;
}
