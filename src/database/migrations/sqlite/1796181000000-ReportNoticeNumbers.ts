import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySteps, revertSteps, type MigrationStep } from '../../migration-steps.util.js';

// The numbers of 催办/督办通知书 (src/reports), written in the shape db:generate-migration gives (sqlite).
const steps: MigrationStep[] = [
  {
    "up": [
      "CREATE TABLE \"report_notice_number\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"committee_id\" integer NOT NULL, \"year\" integer NOT NULL, \"seq\" integer NOT NULL, \"task_id\" integer NOT NULL, \"unit_id\" integer, \"due_on\" date NOT NULL, \"level\" varchar(12) NOT NULL, \"issued_on\" date NOT NULL, \"created_at\" datetime(6) NOT NULL)",
      "CREATE UNIQUE INDEX \"uq_report_notice_seq\" ON \"report_notice_number\" (\"committee_id\", \"year\", \"seq\") ",
      "CREATE UNIQUE INDEX \"uq_report_notice_task\" ON \"report_notice_number\" (\"task_id\", \"due_on\", \"level\") "
    ],
    "down": [
      "DROP INDEX \"uq_report_notice_task\"",
      "DROP INDEX \"uq_report_notice_seq\"",
      "DROP TABLE \"report_notice_number\""
    ]
  }
];

export class ReportNoticeNumbers1796181000000 implements MigrationInterface {
  name = 'ReportNoticeNumbers1796181000000';
  public async up(queryRunner: QueryRunner): Promise<void> {
    await applySteps(queryRunner, steps);
  }
  public async down(queryRunner: QueryRunner): Promise<void> {
    await revertSteps(queryRunner, steps);
  }
}
