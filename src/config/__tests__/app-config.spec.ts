import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../app-config.js';

const configDir = fileURLToPath(new URL('../../../config', import.meta.url));
const load = (env: Record<string, string> = {}) => loadConfig({ env, configDir });
const problems = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('reads the shipped defaults', () => {
    const config = load();
    expect(config.server.port).toBe(3000);
    expect(config.database).toEqual({ url: '', sqlitePath: 'data/luoshi.sqlite' });
    expect(config.committee.timeZone).toBe('Asia/Shanghai');
    expect(config.duties.implementationPlan).toEqual({ enabled: true, monthsAfterIssue: 1 });
    expect(config.duties.midtermEvaluation.enabled).toBe('auto');
    expect(config.reminders.beforeDays).toEqual([7, 3, 1, 0]);
    expect(config.now).toBeNull();
  });

  it('lets named and generic environment variables override the file, typed', () => {
    const config = load({ PORT: '8080', DB_URL: 'mysql://u:p@db:3306/luoshi', LUOSHI__COMMITTEE__TIMEZONE: 'Asia/Urumqi', LUOSHI__REMINDERS__BEFOREDAYS: '5,1', LUOSHI__REMINDERS__SKIPWEEKENDS: 'true' });
    expect(config.server.port).toBe(8080);
    expect(config.database.url).toBe('mysql://u:p@db:3306/luoshi');
    expect(config.committee.timeZone).toBe('Asia/Urumqi');
    expect(config.reminders.beforeDays).toEqual([5, 1]);
    expect(config.reminders.skipWeekends).toBe(true);
  });

  it('stops with the key, the value and what is allowed, for every wrong value at once', () => {
    const list = problems({ PORT: '70000', LUOSHI_TIME_ZONE: 'Mars/Olympus', DB_URL: 'postgres://x/y', LUOSHI__DUTIES__ANNUALREPORT__DUEMONTHDAY: '02-30' });
    expect(list).toHaveLength(4);
    expect(list).toContainEqual('server.port: value "70000" is not allowed; allowed: an integer from 1 to 65535');
    expect(list.find((p) => p.startsWith('committee.timeZone'))).toContain('"Mars/Olympus"');
    expect(list.find((p) => p.startsWith('committee.timeZone'))).toContain('IANA time zone');
    expect(list.find((p) => p.startsWith('database.url'))).toContain('mysql://');
    expect(list.find((p) => p.startsWith('duties.annualReport.dueMonthDay'))).toContain('"02-30"');
  });

  it('names misspelt settings in a local file and unknown generic variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-config-'));
    const local = join(dir, 'local.yaml');
    writeFileSync(local, 'server:\n  prot: 3001\n');
    const list = problems({ LUOSHI_CONFIG: local, LUOSHI__NOPE__X: '1' });
    expect(list).toContainEqual('server.prot: unknown setting (misspelt?)');
    expect(list.some((p) => p.startsWith('LUOSHI__NOPE__X'))).toBe(true);
  });

  it('merges a local file over the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-config-'));
    const local = join(dir, 'local.yaml');
    writeFileSync(local, 'committee:\n  name: 洪洞县妇女儿童工作委员会\nduties:\n  dueSoonDays: 10\n');
    const config = load({ LUOSHI_CONFIG: local });
    expect(config.committee.name).toBe('洪洞县妇女儿童工作委员会');
    expect(config.committee.timeZone).toBe('Asia/Shanghai');
    expect(config.duties.dueSoonDays).toBe(10);
  });

  it('validates LUOSHI_NOW', () => {
    expect(load({ LUOSHI_NOW: '2024-01-10T09:00:00+08:00' }).now).toBe('2024-01-10T09:00:00+08:00');
    expect(problems({ LUOSHI_NOW: 'yesterday' })[0]).toContain('LUOSHI_NOW');
  });
});
