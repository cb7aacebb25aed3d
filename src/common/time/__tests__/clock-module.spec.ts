import { describe, it, expect } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { clockFor } from '../clock.module.js';
import { OffsetClock, SystemClock } from '../clock.js';
import { ConfigError, loadConfig } from '../../../config/app-config.js';

const configDir = fileURLToPath(new URL('../../../../config', import.meta.url));

describe('ClockModule: the clock from LUOSHI_NOW', () => {
  it('unset: the system clock, quietly', () => {
    const warnings: string[] = [];
    expect(clockFor({ now: null }, { warn: (m: string) => warnings.push(m) })).toBeInstanceOf(SystemClock);
    expect(warnings).toEqual([]);
  });

  it('set: starts there and advances, with a loud warning', () => {
    const warnings: string[] = [];
    const clock = clockFor({ now: '2024-01-10T09:00:00+08:00' }, { warn: (m: string) => warnings.push(m) });
    expect(clock).toBeInstanceOf(OffsetClock);
    expect(Math.abs(clock.now().getTime() - Date.parse('2024-01-10T01:00:00Z'))).toBeLessThan(1000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^!!! LUOSHI_NOW is set: .*SIMULATED clock .*2024-01-10T01:00:00/);
  });

  it('the configuration refuses a LUOSHI_NOW without a zone, naming the key, the value and what is allowed', () => {
    expect(loadConfig({ env: { LUOSHI_NOW: '2024-01-10T09:00:00+08:00' }, configDir }).now).toBe(
      '2024-01-10T09:00:00+08:00',
    );
    for (const bad of ['2024-01-10T09:00:00', '2024-01-10', '2024-02-30T09:00:00Z', 'tomorrow']) {
      let error: unknown;
      try {
        loadConfig({ env: { LUOSHI_NOW: bad }, configDir });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(
        `LUOSHI_NOW: value "${bad}" is not allowed; allowed: an ISO 8601 instant with Z or an offset`,
      );
    }
  });

  it('duties settings in config/ are validated like every key', () => {
    expect(loadConfig({ env: {}, configDir }).duties.attachments).toEqual({
      dir: 'data/attachments',
      maxMegabytes: 20,
      allowedExtensions: expect.arrayContaining(['pdf', 'docx', 'xlsx']),
    });
    expect(() =>
      loadConfig({ env: { LUOSHI__DUTIES__ATTACHMENTS__ALLOWEDEXTENSIONS: 'pdf,.exe' }, configDir }),
    ).toThrow(/duties.attachments.allowedExtensions: value "pdf,.exe" is not allowed/);
    expect(loadConfig({ env: { LUOSHI__DUTIES__YELLOWLATEDAYS: '3' }, configDir }).duties.yellowLateDays).toBe(3);
  });
});
