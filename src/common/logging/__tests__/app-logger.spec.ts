import { describe, expect, it } from '@jest/globals';
import { AppLogger } from '../app-logger.js';

describe('AppLogger', () => {
  it('writes one JSON object per line in json format, errors with their stack', () => {
    const lines: [string, boolean][] = [];
    const logger = new AppLogger('json', 'info', (line, isError) => lines.push([line, isError]));
    logger.log('started', 'Main');
    logger.error('boom', 'Error: boom\n    at x', 'Errors');
    logger.debug('hidden', 'Main');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0][0]);
    expect(first).toMatchObject({ level: 'info', context: 'Main', msg: 'started' });
    expect(Number.isNaN(Date.parse(first.time))).toBe(false);
    expect(JSON.parse(lines[1][0])).toMatchObject({
      level: 'error',
      context: 'Errors',
      msg: 'boom',
      stack: 'Error: boom\n    at x',
    });
    expect(lines[1][1]).toBe(true);
  });

  it('writes readable lines in pretty format and picks json in production', () => {
    const lines: string[] = [];
    new AppLogger('pretty', 'debug', (line) => lines.push(line)).warn('slow query', 'Database');
    expect(lines[0]).toMatch(/^\S+Z WARN {2}\[Database\] slow query$/);
    expect(AppLogger.resolveFormat('auto', { NODE_ENV: 'production' })).toBe('json');
    expect(AppLogger.resolveFormat('auto', {})).toBe('pretty');
  });
});
