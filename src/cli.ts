import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from './config/app-config.js';
import { AppLogger } from './common/logging/app-logger.js';
import { AppError } from './common/errors/app-error.js';
import { createCliContext } from './bootstrap.js';
import { CliUsageError, parseArgs, type CliCommand, type CliIo } from './cli/cli-command.js';
import { coreCommands } from './cli/core.commands.js';
import { localeFromEnv, type Locale } from './common/i18n/locale.js';
import { cliMessages } from './common/i18n/cli-messages.js';
import { errorMessage } from './common/i18n/error-codes.js';
import { dutiesCommands } from './duties/duties.commands.js';
import { supervisionCommands } from './supervision/supervision.commands.js';
import { notificationCommands } from './notifications/notifications.commands.js';
import { importCommand } from './plans/import/import.command.js';
import { taskDivisionCommand } from './plans/task-division/task-division.command.js';
import { demoCommands } from './demo/demo.commands.js';
import { accountsCommands } from './accounts/accounts.commands.js';
import { calendarCommands } from './calendar/calendar.commands.js';
import { reportCommands } from './reports/reports.commands.js';
import { runWithRequestContext } from './access/request-context.js';
import { OFFICE_ACTOR } from './access/actor.js';

/** Every command of `npm run cli -- <command>`; feature modules add theirs to this list. */
export const COMMANDS: CliCommand[] = [
  ...coreCommands,
  ...dutiesCommands,
  ...supervisionCommands,
  importCommand,
  taskDivisionCommand,
  ...notificationCommands,
  ...accountsCommands,
  ...calendarCommands,
  ...reportCommands,
  ...demoCommands,
];

function help(io: CliIo, locale: Locale): void {
  const t = cliMessages(locale);
  io.out(t.usage);
  for (const c of COMMANDS)
    io.out(
      `  ${c.usage.padEnd(60)} ${locale === 'en' ? c.description : (cliMessages('zh-CN').description[c.name] ?? c.description)}`,
    );
}

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 bad usage or bad input). */
export async function runCli(
  argv: string[],
  io: CliIo = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') },
): Promise<number> {
  const [name, ...rest] = argv;
  const locale = localeFromEnv();
  if (!name || name === 'help' || name === '--help') {
    help(io, locale);
    return name ? 0 : 2;
  }
  const zh = locale === 'zh-CN';
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(
      zh
        ? `错误：未知命令 ${name}（npm run cli -- help 列出全部命令）`
        : `unknown command: ${name} (npm run cli -- help lists them)`,
    );
    return 2;
  }
  let app: INestApplicationContext | null = null;
  try {
    const config = loadConfig();
    if (command.needsApp) {
      // Logs go to stderr so that --json output on stdout stays parseable.
      const logger = new AppLogger(AppLogger.resolveFormat(config.log.format), 'warn', (line) =>
        process.stderr.write(line + '\n'),
      );
      app = await createCliContext(config, logger);
    }
    // Changes made by a command are recorded in the audit trail as the operator's ('cli').
    const actor = { ...OFFICE_ACTOR, name: 'cli', login: 'cli' };
    return await runWithRequestContext({ actor, address: null }, () =>
      command.run({ app, config, args: parseArgs(rest), io, locale }),
    );
  } catch (error) {
    const prefix = zh ? '错误：' : 'error: ';
    if (error instanceof AppError && error.status < 500) {
      io.err(
        prefix + errorMessage(error.code, locale, error.message, (error.details ?? {}) as Record<string, unknown>),
      );
      return 2;
    }
    if (error instanceof CliUsageError) {
      io.err(prefix + (zh && error.zh ? error.zh : error.message));
      return 2;
    }
    io.err(prefix + (error instanceof Error ? error.message : String(error)));
    return 1;
  } finally {
    await app?.close();
  }
}

/**
 * Exits once stdout and stderr have handed everything to the OS. A pipe to a slow reader holds at
 * most 64 KB; `process.exit` right after a large write would drop the rest.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => {
          if (stream.destroyed || !stream.writable) return resolve();
          // The callback of an empty write runs after every earlier write was flushed (or failed).
          stream.write('', () => resolve());
        }),
    ),
  );
  process.exit(code);
}

/** Entry point of `node dist/cli.js` and the `luoshi` bin. */
export async function main(argv: string[]): Promise<never> {
  // A reader that goes away (`| head`) is not an error of the command.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  return exitWhenFlushed(await runCli(argv));
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) void main(process.argv.slice(2));
