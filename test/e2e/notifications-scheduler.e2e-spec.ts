import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { SchedulerService, type DailyJob, type DailySlotRun } from '../../src/scheduling/scheduler.service.js';
import { SlotClaimsService } from '../../src/scheduling/slot-claims.service.js';

/** A daily job that records its runs (the reminders job runs next to it, with no tasks). */
class ProbeJob implements DailyJob {
  readonly name = 'probe';
  readonly runs: DailySlotRun[] = [];
  failNext = false;
  schedule() {
    return { time: '09:00', timeZone: 'Asia/Shanghai' };
  }
  async run(slot: DailySlotRun) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('probe failed');
    }
    this.runs.push(slot);
    return { localDate: slot.localDate };
  }
}

describeEachEngine('scheduling: daily slots claimed in the database', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2025-06-29T00:30:00Z'); // 08:30 in Shanghai
  const probe = new ProbeJob();
  beforeAll(async () => {
    t = await createTestApp(engine, {}, { clock });
    t.app.get(SchedulerService).register(probe);
  });
  afterAll(async () => t.close());

  const tick = () => t.app.get(SchedulerService).tick(clock.now());
  const probeReport = async () => (await tick()).filter((r) => r.name === 'probe');
  const slots = () => t.app.get(SlotClaimsService).list('probe');

  it('a new installation runs its first slot at the sending hour, in the committee zone, once', async () => {
    expect(await probeReport()).toEqual([{ name: 'probe', action: 'skipped', reason: 'not-yet' }]);
    clock.set('2025-06-29T09:00:00+08:00');
    expect(await probeReport()).toMatchObject([
      { action: 'ran', slotKey: '2025-06-29', previousKey: null, result: { localDate: '2025-06-29' } },
    ]);
    expect(await probeReport()).toEqual([{ name: 'probe', action: 'skipped', reason: 'done' }]);
    // Two ticks at once in one instance share the work.
    clock.set('2025-06-30T09:00:01+08:00');
    const [a, b] = await Promise.all([tick(), tick()]);
    expect(a).toBe(b);
    expect(probe.runs.map((r) => [r.localDate, r.previousLocalDate])).toEqual([
      ['2025-06-29', null],
      ['2025-06-30', '2025-06-29'],
    ]);
    const rows = await slots();
    expect(rows.map((r) => r.slotKey)).toEqual(['2025-06-30', '2025-06-29']);
    expect(
      rows.every(
        (r) => r.completedAt !== null && r.runs === 1 && r.claimedBy === t.app.get(SchedulerService).instanceId,
      ),
    ).toBe(true);
    // The reminders job ran its slots too (with no tasks to remind of).
    expect((await t.app.get(SlotClaimsService).list('reminders')).map((r) => r.slotKey)).toEqual([
      '2025-06-30',
      '2025-06-29',
    ]);
  });

  it('after downtime, the first tick catches up every missed day in one run', async () => {
    clock.set('2025-07-04T08:00:00+08:00'); // down since 06-30; today's hour not reached yet
    expect(await probeReport()).toMatchObject([{ action: 'ran', slotKey: '2025-07-03', previousKey: '2025-06-30' }]);
    expect(probe.runs.at(-1)).toMatchObject({
      localDate: '2025-07-03',
      previousLocalDate: '2025-06-30',
      catchUp: true,
    });
    expect(await probeReport()).toEqual([{ name: 'probe', action: 'skipped', reason: 'done' }]);
    clock.set('2025-07-04T09:00:00+08:00');
    expect(await probeReport()).toMatchObject([{ action: 'ran', slotKey: '2025-07-04', previousKey: '2025-07-03' }]);
    expect(probe.runs.at(-1)!.catchUp).toBe(false);
  });

  it('a slot claimed by an instance that died mid-run is run again after the lease, by one instance', async () => {
    const claims = t.app.get(SlotClaimsService);
    clock.set('2025-07-05T09:20:00+08:00');
    // Another instance claimed today's slot at 09:00 and died without finishing it.
    const dead = await claims.claimSlot(
      'probe',
      '2025-07-05',
      'dead-host:1:abc',
      new Date('2025-07-05T09:00:00+08:00'),
      '2025-07-04',
    );
    expect(dead).not.toBeNull();
    expect(await claims.claimSlot('probe', '2025-07-05', 'someone-else', clock.now())).toBeNull(); // the unique index decides
    const report = await probeReport();
    expect(report).toMatchObject([
      { action: 'took-over', slotKey: '2025-07-05', previousKey: '2025-07-04' },
      { action: 'skipped', reason: 'done' },
    ]);
    expect(probe.runs.at(-1)).toMatchObject({ localDate: '2025-07-05', run: 2 });
    const [row] = await slots();
    expect(row).toMatchObject({ slotKey: '2025-07-05', runs: 2, claimedBy: t.app.get(SchedulerService).instanceId });
    expect(row.completedAt).not.toBeNull();
    // Two instances noticing the same stale slot: only one takes it.
    const stale = await claims.claimSlot(
      'probe',
      '2025-07-06',
      'dead-host:1:abc',
      new Date('2025-07-05T10:00:00+08:00'),
    );
    const copy = { ...stale! };
    expect(await claims.takeOver(stale!, 'instance-a', clock.now())).toBe(true);
    expect(await claims.takeOver(copy, 'instance-b', clock.now())).toBe(false);
    await claims.complete(stale!, clock.now(), null);
  });

  it('a failing run is recorded and retried after the lease', async () => {
    clock.set('2025-07-07T09:00:00+08:00');
    probe.failNext = true;
    const before = probe.runs.length;
    expect((await probeReport()).at(-1)).toMatchObject({
      action: 'failed',
      slotKey: '2025-07-07',
      error: 'probe failed',
    });
    expect((await slots())[0]).toMatchObject({ slotKey: '2025-07-07', completedAt: null, lastError: 'probe failed' });
    clock.advance(t.config.scheduler.slotLeaseSeconds * 1000 + 1000);
    expect((await probeReport())[0]).toMatchObject({ action: 'took-over', slotKey: '2025-07-07' });
    expect(probe.runs.length).toBe(before + 1);
  });
});
