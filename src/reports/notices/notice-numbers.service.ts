import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { deadlock, uniqueViolation } from '../../database/db-errors.util.js';
import { yearOf } from '../../common/time/calendar-date.util.js';
import type { NoticeLevel } from '../documents/notice.document.js';
import { ReportNoticeNumber } from './report-notice-number.entity.js';

export interface NoticeKey {
  committeeId: number;
  taskId: number;
  unitId: number | null;
  dueOn: string;
  level: NoticeLevel;
}

/** Allocates and keeps the numbers of 催办/督办通知书. */
@Injectable()
export class NoticeNumbersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The notice's number: the one kept for this task, deadline and level, else the committee's
   * next for the year of `today`. Two requests at once: the unique indexes let one win and the
   * other read the winner's row (same notice) or take the next number (another notice).
   */
  async numberFor(key: NoticeKey, today: string, now: Date): Promise<ReportNoticeNumber> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (em) => {
          const kept = await em.findOne(ReportNoticeNumber, {
            where: { taskId: key.taskId, dueOn: key.dueOn, level: key.level },
          });
          if (kept) return kept;
          const year = yearOf(today);
          const last = await em
            .createQueryBuilder(ReportNoticeNumber, 'n')
            .select('MAX(n.seq)', 'seq')
            .where('n.committeeId = :c AND n.year = :y', { c: key.committeeId, y: year })
            .getRawOne<{ seq: number | string | null }>();
          const row = em.create(ReportNoticeNumber, {
            ...key,
            year,
            seq: Number(last?.seq ?? 0) + 1,
            issuedOn: today,
            createdAt: now,
          });
          return em.save(row);
        });
      } catch (e) {
        // A lost race (the same seq, or the same notice) or an InnoDB deadlock between the two: read again.
        if ((!uniqueViolation(e) && !deadlock(e)) || attempt >= 8) throw e;
      }
    }
  }
}
