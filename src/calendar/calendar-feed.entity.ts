import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../database/columns.js';

/**
 * A user's secret deadline-feed address (…/api/calendar/feed/<token>.ics). Like an API token:
 * shown once, stored as SHA-256; a reset revokes the row and makes a new one.
 */
@Entity('calendar_feed')
export class CalendarFeed {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_calendar_feed_user')
  @Column({ type: 'int', name: 'user_id' })
  userId: number;

  @Index('uq_calendar_feed_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash: string;

  /** The first characters of the token, to recognise it. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ ...TIMESTAMP, name: 'created_at' })
  createdAt: Date;
  @Column({ ...TIMESTAMP, name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
  @Column({ ...TIMESTAMP, name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
