import { Controller, Get, HttpStatus, Logger, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../access/require-permission.decorator.js';

/** Liveness and database status, for load balancers and operators. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const type = this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    try {
      const [row] = (await this.dataSource.query(
        type === 'mysql' ? 'SELECT VERSION() AS version' : 'SELECT sqlite_version() AS version',
      )) as { version: string }[];
      const pending = await this.dataSource.showMigrations();
      return { status: 'ok', database: { type, status: 'up', version: row.version, pendingMigrations: pending } };
    } catch (error) {
      // The reason (which names hosts and addresses) goes to the log, not to whoever asks.
      this.logger.warn(`database down: ${error instanceof Error ? error.message : String(error)}`);
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'error', database: { type, status: 'down' } };
    }
  }
}
