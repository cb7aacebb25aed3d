import 'reflect-metadata';
import { loadConfig } from './config/app-config.js';
import { AppLogger } from './common/logging/app-logger.js';
import { createHttpApp } from './bootstrap.js';
import { databaseKind } from './database/data-source.factory.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\nThe service did not start.\n`);
    process.exit(2);
  }
  const logger = new AppLogger(AppLogger.resolveFormat(config.log.format), config.log.level);
  try {
    const app = await createHttpApp(config, logger);
    // Empty host: every interface (Node's default); 127.0.0.1 keeps the service to this machine.
    if (config.server.host) await app.listen(config.server.port, config.server.host);
    else await app.listen(config.server.port);
    const db = databaseKind(config.database) === 'sqlite' ? `SQLite ${config.database.sqlitePath}` : 'MySQL/MariaDB';
    logger.log(
      `Luoshi listening on http://${config.server.host || 'localhost'}:${config.server.port}/api (docs at /api/docs, database ${db})`,
      'Main',
    );
  } catch (error) {
    logger.error(`The service did not start: ${error instanceof Error ? error.message : String(error)}`, 'Main');
    process.exit(1);
  }
}

void main();
