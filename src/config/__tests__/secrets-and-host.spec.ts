import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, maskSecrets, officeLimits } from '../app-config.js';

const configDir = fileURLToPath(new URL('../../../config', import.meta.url));
const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ env, configDir });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('secrets in start-up messages', () => {
  it('a malformed DB_URL or SMTP_URL is named without its password', () => {
    const db = problems({ DB_URL: 'postgres://luoshi:S3cret!pw@db.example:5432/luoshi' });
    expect(db).toEqual(['database.url: value "postgres://luoshi:***@db.example:5432/luoshi" is not allowed; allowed: empty (embedded SQLite) or mysql://user:password@host:3306/database']);
    const smtp = problems({ SMTP_URL: 'smtp//mailer:hunter2@mail.example:587', DB_URL: 'mysql://root:p@ss@word@' });
    expect(smtp.join('\n')).not.toMatch(/hunter2|p@ss/);
    expect(smtp).toContain('database.url: value "mysql://root:***@" is not allowed; allowed: empty (embedded SQLite) or mysql://user:password@host:3306/database');
  });

  it('maskSecrets leaves addresses without a password alone', () => {
    expect(maskSecrets('mysql://root@127.0.0.1:3306/luoshi')).toBe('mysql://root@127.0.0.1:3306/luoshi');
    expect(maskSecrets('smtps://a:b@c:465 and mysql://x:y@z/d')).toBe('smtps://a:***@c:465 and mysql://x:***@z/d');
  });
});

describe('server.host and the Office-file limits', () => {
  it('defaults to all interfaces; HOST sets it', () => {
    expect(loadConfig({ env: {}, configDir }).server.host).toBe('');
    expect(loadConfig({ env: { HOST: '127.0.0.1' }, configDir }).server.host).toBe('127.0.0.1');
  });

  it('office limits default to 50 MB uncompressed', () => {
    expect(officeLimits(loadConfig({ env: {}, configDir }))).toEqual({
      maxTotalBytes: 50 * 1024 * 1024, maxEntryBytes: 50 * 1024 * 1024, maxRatio: 200, maxEntries: 2000, maxDepth: 10, maxXmlDepth: 256, workerHeapMegabytes: 512, timeoutSeconds: 60,
    });
  });
});
