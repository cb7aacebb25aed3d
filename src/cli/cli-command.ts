import { isValidCalendarDate } from '../common/time/calendar-date.util.js';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { Locale } from '../common/i18n/locale.js';

/** Parsed command line: positional words and --flags (--name value or --flag). */
export interface CliArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * One operator command. `needsApp` commands get the full module graph (and so a migrated
 * database); the others run before it (migrations, generators).
 */
export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  needsApp: boolean;
  /** locale: the output language (LUOSHI_LANG or the system locale, zh-CN by default). */
  run(ctx: {
    app: INestApplicationContext | null;
    config: AppConfig;
    args: CliArgs;
    io: CliIo;
    locale?: Locale;
  }): Promise<number>;
}

/** Usage errors: the CLI prints the message (in Chinese when given and the CLI speaks Chinese) on one line and exits 2. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly zh?: string,
  ) {
    super(message);
  }
}

export function parseArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (inline !== undefined) flags[name] = inline;
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') && !BOOLEAN_FLAGS.has(name))
        flags[name] = argv[++i];
      else flags[name] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}

/** Flags that never take a value, so `--json file.txt` keeps file.txt positional. */
const BOOLEAN_FLAGS = new Set(['json', 'dry-run', 'help', 'yes', 'accept-new-units', 'password-stdin']);

/** A text flag: undefined when absent; `--name` without a value, or a required one missing, is a usage error. */
export function stringFlag(args: CliArgs, name: string, required: true): string;
export function stringFlag(args: CliArgs, name: string, required?: false): string | undefined;
export function stringFlag(args: CliArgs, name: string, required = false): string | undefined {
  const v = args.flags[name];
  if (v === undefined && !required) return undefined;
  if (v === undefined) throw new CliUsageError(`--${name} is required`, `需要 --${name}`);
  if (v === true || v === '') throw new CliUsageError(`--${name} needs a value`, `--${name} 需要一个值`);
  return v;
}

/** A calendar-date flag (YYYY-MM-DD), undefined when absent. */
export function dateFlag(args: CliArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === undefined) return undefined;
  if (v === true || !isValidCalendarDate(v))
    throw new CliUsageError(`--${name} needs a date YYYY-MM-DD`, `--${name} 需要日期 YYYY-MM-DD`);
  return v;
}

export function intFlag(args: CliArgs, name: string): number | undefined {
  const v = args.flags[name];
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v))
    throw new CliUsageError(`--${name} needs a positive integer`, `--${name} 需要一个正整数`);
  return Number(v);
}
