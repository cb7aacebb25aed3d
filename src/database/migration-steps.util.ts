import type { QueryRunner } from 'typeorm';

/**
 * One schema operation (create a table, add a key…): its statements, and the statements that
 * undo it, in the order to run them.
 */
export interface MigrationStep {
  up: string[];
  down: string[];
}

async function undo(queryRunner: QueryRunner, step: MigrationStep): Promise<void> {
  for (const statement of step.down) {
    try {
      await queryRunner.query(statement);
    } catch {
      // Keep undoing the rest; the original error is what the operator needs to see.
    }
  }
}

/**
 * Runs steps in order; if one fails, undoes what was applied (newest first) and rethrows.
 * MySQL/MariaDB commit every DDL statement at once, so a transaction cannot do this for them;
 * on SQLite the surrounding transaction rolls back as well.
 */
export async function applySteps(queryRunner: QueryRunner, steps: MigrationStep[]): Promise<void> {
  const done: MigrationStep[] = [];
  for (const step of steps) {
    let applied = 0;
    try {
      for (const statement of step.up) {
        await queryRunner.query(statement);
        applied++;
      }
      done.push(step);
    } catch (error) {
      // A step that failed part-way is undone too (best effort: its later undo statements may not apply).
      if (applied > 0) await undo(queryRunner, step);
      for (const previous of done.reverse()) await undo(queryRunner, previous);
      throw error;
    }
  }
}

export async function revertSteps(queryRunner: QueryRunner, steps: MigrationStep[]): Promise<void> {
  for (const step of [...steps].reverse()) for (const statement of step.down) await queryRunner.query(statement);
}
