import type { QueryRunner } from 'typeorm';

/** One schema change and the statement that undoes it. */
export interface MigrationStep {
  up: string;
  down: string;
}

/**
 * Runs steps in order; if one fails, undoes the ones already applied (newest first) and rethrows.
 * MySQL/MariaDB commit every DDL statement at once, so a transaction cannot do this for them;
 * on SQLite the surrounding transaction also rolls back.
 */
export async function applySteps(queryRunner: QueryRunner, steps: MigrationStep[]): Promise<void> {
  const done: MigrationStep[] = [];
  for (const step of steps) {
    try {
      await queryRunner.query(step.up);
      done.push(step);
    } catch (error) {
      for (const applied of done.reverse()) {
        try {
          await queryRunner.query(applied.down);
        } catch {
          // Keep undoing the rest; the original error is what the operator needs to see.
        }
      }
      throw error;
    }
  }
}

export async function revertSteps(queryRunner: QueryRunner, steps: MigrationStep[]): Promise<void> {
  for (const step of [...steps].reverse()) await queryRunner.query(step.down);
}
