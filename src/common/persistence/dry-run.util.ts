import type { DataSource, EntityManager } from 'typeorm';

class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

/**
 * Runs `work` in a transaction and, for a dry run, rolls it back while still returning its result:
 * a preview that performs the very writes a commit would, so what it reports is exactly true.
 */
export async function inTransactionOrDryRun<T>(
  dataSource: DataSource,
  dryRun: boolean,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await dataSource.transaction(async (em) => {
      const result = await work(em);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}
