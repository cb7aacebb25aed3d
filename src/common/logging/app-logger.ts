import type { LoggerService, LogLevel } from '@nestjs/common';

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
type Level = (typeof LEVELS)[number];

const NEST_TO_LEVEL: Record<string, Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'debug',
  fatal: 'error',
};

/**
 * Structured logs: one JSON object per line in production (for log shippers),
 * a readable line in development. Writes to stdout (errors to stderr).
 */
export class AppLogger implements LoggerService {
  constructor(
    private readonly format: 'json' | 'pretty',
    private readonly level: Level = 'info',
    private readonly out: (line: string, isError: boolean) => void = (line, isError) =>
      (isError ? process.stderr : process.stdout).write(line + '\n'),
  ) {}

  static resolveFormat(setting: 'auto' | 'json' | 'pretty', env: NodeJS.ProcessEnv = process.env): 'json' | 'pretty' {
    if (setting !== 'auto') return setting;
    return env.NODE_ENV === 'production' ? 'json' : 'pretty';
  }

  private write(nestLevel: string, message: unknown, rest: unknown[]): void {
    const level = NEST_TO_LEVEL[nestLevel] ?? 'info';
    if (LEVELS.indexOf(level) > LEVELS.indexOf(this.level)) return;
    // Nest passes the context as the last extra argument; an error stack may precede it.
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const extra = context !== undefined ? rest.slice(0, -1) : rest;
    const time = new Date().toISOString();
    const isError = level === 'error';
    if (this.format === 'json') {
      const entry: Record<string, unknown> = {
        time,
        level,
        context,
        msg: typeof message === 'string' ? message : undefined,
      };
      if (typeof message === 'object' && message !== null) Object.assign(entry, message);
      if (extra.length > 0) entry.stack = extra.map(String).join('\n');
      this.out(JSON.stringify(entry), isError);
    } else {
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      const tail = extra.length > 0 ? `\n${extra.map(String).join('\n')}` : '';
      this.out(`${time} ${level.toUpperCase().padEnd(5)} ${context ? `[${context}] ` : ''}${text}${tail}`, isError);
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {}
}
