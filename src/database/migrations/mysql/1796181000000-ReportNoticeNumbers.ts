import type { MigrationInterface, QueryRunner } from 'typeorm';
import { applySteps, revertSteps, type MigrationStep } from '../../migration-steps.util.js';

// The numbers of 催办/督办通知书 (src/reports), written in the shape db:generate-migration gives (mysql).
const steps: MigrationStep[] = [
  {
    "up": [
      "CREATE TABLE `report_notice_number` (`id` int NOT NULL AUTO_INCREMENT, `committee_id` int NOT NULL, `year` int NOT NULL, `seq` int NOT NULL, `task_id` int NOT NULL, `unit_id` int NULL, `due_on` date NOT NULL, `level` varchar(12) NOT NULL, `issued_on` date NOT NULL, `created_at` datetime(6) NOT NULL, UNIQUE INDEX `uq_report_notice_seq` (`committee_id`, `year`, `seq`), UNIQUE INDEX `uq_report_notice_task` (`task_id`, `due_on`, `level`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
    ],
    "down": [
      "DROP INDEX `uq_report_notice_task` ON `report_notice_number`",
      "DROP INDEX `uq_report_notice_seq` ON `report_notice_number`",
      "DROP TABLE `report_notice_number`"
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
