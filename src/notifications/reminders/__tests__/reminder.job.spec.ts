import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../config/app-config.js';
import { ReminderJob } from '../reminder.job.js';
import type { ReminderRunOptions } from '../reminder.service.js';

const config = loadConfig({ env: {}, configDir: fileURLToPath(new URL('../../../../config', import.meta.url)), overrides: {} });

/** Records what the job asked the reminder service for. */
function job() {
  const calls: Array<{ today: string; options: ReminderRunOptions }> = [];
  const reminders = {
    runTick: async (today: string, options: ReminderRunOptions = {}) => {
      calls.push({ today, options });
      return { since: options.previousLocalDate ?? '', today, tasksReminded: 0, digests: 0, urgeNotices: 0, superviseNotices: 0, queued: 0, duplicates: 0 };
    },
  };
  return { calls, job: new ReminderJob(reminders as never, { register: () => undefined } as never, {} as never, config) };
}

const slot = (localDate: string, previousLocalDate: string | null) => ({ name: 'reminders', localDate, previousLocalDate, now: new Date(), catchUp: previousLocalDate !== null, run: 1 });

describe('ReminderJob: the run covers the days since the previous slot (issue 10: catch-up)', () => {
  it('after a 5-day outage, covers (previous slot, today], so what fell due meanwhile is caught up', async () => {
    const { calls, job: j } = job();
    const result = await j.run(slot('2025-07-06', '2025-07-01'));
    expect(calls).toEqual([{ today: '2025-07-06', options: { previousLocalDate: '2025-07-01' } }]);
    expect(result).toMatchObject({ since: '2025-07-01', today: '2025-07-06' });
  });

  it('on a normal day covers yesterday only', async () => {
    const { calls, job: j } = job();
    await j.run(slot('2025-07-02', '2025-07-01'));
    expect(calls[0]!.options.previousLocalDate).toBe('2025-07-01');
  });

  it('a first run ever looks back one repeat period (7 days)', async () => {
    const { calls, job: j } = job();
    await j.run(slot('2025-07-08', null));
    expect(calls[0]!.options.previousLocalDate).toBe('2025-07-01');
  });
});
