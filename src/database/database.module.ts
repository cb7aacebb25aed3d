import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { resolveDataSourceOptions } from './data-source.factory.js';
import { MigrationFailedError, runPendingMigrations } from './migrate.util.js';
import { serializeSqliteTransactions } from './sqlite-transactions.util.js';

/**
 * The one connection of the service. Migrations run before anything else touches the database;
 * a failing one stops the start with MigrationFailedError.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => ({
        ...(await resolveDataSourceOptions(config.database)),
        // A server that is still starting gets a few tries; a failed migration never does.
        retryAttempts: config.database.url ? 3 : 0,
        retryDelay: 1000,
        toRetry: (error: unknown) => !(error instanceof MigrationFailedError),
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        const applied = await runPendingMigrations(dataSource).catch(async (error: unknown) => {
          // Release the connection: the process is about to stop, and MySQL would hold its locks.
          await dataSource.destroy();
          throw error;
        });
        if (applied.length > 0) new Logger('Database').log(`applied migrations: ${applied.join(', ')}`);
        serializeSqliteTransactions(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
