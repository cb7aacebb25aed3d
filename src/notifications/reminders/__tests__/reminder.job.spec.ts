import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../config/app-config.js';
import { ReminderJob } from '../reminder.job.js';
import type { ReminderRunOptions } from '../reminder.service.js';

const config = loadConfig({
  env: {},
  configDir: fileURLToPath(new URL('../../../../config', import.meta.url)),
  overrides: {},
});

/** Records what the job asked the reminder service for. */
function job() {
  const calls: Array<{ today: string; options: ReminderRunOptions }> = [];
  const reminders = {
    runTick: async (today: string, options: ReminderRunOptions = {}) => {
      calls.push({ today, options });
      return {
        since: options.previousLocalDate ?? '',
        today,
        tasksReminded: 0,
        digests: 0,
        urgeNotices: 0,
        superviseNotices: 0,
        queued: 0,
        duplicates: 0,
      };
    },
  };
  const committees = { defaultCommittee: async () => ({ timeZone: 'Asia/Shanghai' }) };
  return {
    calls,
    job: new ReminderJob(reminders as never, { register: () => undefined } as never, committees as never, config),
  };
}

const slot = (localDate: string, previousLocalDate: string | null) => ({
  name: 'reminders',
  localDate,
  previousLocalDate,
  now: new Date(),
  catchUp: previousLocalDate !== null,
  run: 1,
});

describe('ReminderJob: the run covers the days since the previous slot (issue 10: catch-up)', () => {
  it('after a 5-day outage, covers (previous slot, today], so what fell due meanwhile is caught up', async () => {
    const { calls, job: j } = job();
    const result = await j.run(slot('2025-07-06', '2025-07-01'));
    expect(calls).toEqual([
      {
        today: '2025-07-06',
        options: {
          previousLocalDate: '2025-07-01',
          at: { now: new Date('2025-07-06T01:00:00Z'), previous: new Date('2025-07-01T01:00:00Z'), lookBackDays: 7 },
        },
      },
    ]);
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
    expect(calls[0]!.options.at).toEqual({ now: new Date('2025-07-08T01:00:00Z'), previous: null, lookBackDays: 7 });
  });

  it("hands the slot's nominal instants on, so each committee takes its own local dates at them", async () => {
    const { calls, job: j } = job();
    await j.run({ ...slot('2025-07-02', '2025-07-01'), now: new Date('2025-07-02T15:00:00Z') });
    // sendHour 09:00 in Asia/Shanghai, whatever the tick's instant.
    expect(calls[0]!.options.at).toMatchObject({
      now: new Date('2025-07-02T01:00:00Z'),
      previous: new Date('2025-07-01T01:00:00Z'),
    });
  });
});
