import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/columns.js';

/** A personal API token for scripts (Authorization: Bearer …). Shown once; stored as SHA-256. */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_api_token_user')
  @Column({ type: 'int', name: 'user_id' })
  userId: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_api_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  /** The first characters of the token, to recognise it in a list. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** Last calendar day the token works (committee time zone); null: no expiry. */
  @Column({ type: 'varchar', length: 10, name: 'expires_on', nullable: true })
  expiresOn: string | null;

  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @Column({ ...TIMESTAMP, name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
  @Column({ ...TIMESTAMP, name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
