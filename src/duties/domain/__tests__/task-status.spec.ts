import { describe, it, expect } from '@jest/globals';
import { computeTaskStatus, type TaskStatusInput } from '../task-status.js';

const SH = 'Asia/Shanghai';
const at = (s: string): Date => new Date(s);
const status = (input: Partial<TaskStatusInput> & Pick<TaskStatusInput, 'state' | 'now'>) => {
  const { deadline, ...rest } = computeTaskStatus({ dueOn: '2025-12-31', timeZone: SH, dueSoonDays: 7, ...input });
  expect(deadline).toBeInstanceOf(Date);
  return rest;
};

describe('computeTaskStatus: deadline at the end of the due date, committee time', () => {
  const now = at('2026-02-01T00:00:00Z');

  it('due 2025-12-31 in Asia/Shanghai: 23:59 local is on time, 00:01 next day is late', () => {
    expect(status({ state: 'submitted', submittedAt: at('2025-12-31T23:59:00+08:00'), now })).toEqual({
      status: 'done_on_time',
      light: 'green',
    });
    expect(status({ state: 'submitted', submittedAt: at('2026-01-01T00:01:00+08:00'), now })).toEqual({
      status: 'done_late',
      light: 'yellow',
      daysLate: 1,
    });
    // The same late instant written in UTC: still 31 December there, yet late.
    expect(status({ state: 'accepted', submittedAt: at('2025-12-31T16:01:00Z'), now })).toMatchObject({
      status: 'done_late',
      daysLate: 1,
    });
    // The last millisecond counts.
    expect(status({ state: 'submitted', submittedAt: at('2025-12-31T15:59:59.999Z'), now }).status).toBe(
      'done_on_time',
    );
    expect(status({ state: 'submitted', submittedAt: at('2025-12-31T16:00:00.000Z'), now }).status).toBe('done_late');
    expect(
      computeTaskStatus({ dueOn: '2025-12-31', state: 'assigned', now, timeZone: SH }).deadline.toISOString(),
    ).toBe('2025-12-31T15:59:59.999Z');
  });

  it('the zone decides: the same instant is on time for a UTC committee', () => {
    expect(status({ state: 'submitted', submittedAt: at('2025-12-31T16:01:00Z'), now, timeZone: 'UTC' }).status).toBe(
      'done_on_time',
    );
    expect(status({ state: 'in_progress', now: at('2025-12-31T16:01:00Z'), timeZone: 'UTC' })).toEqual({
      status: 'due_soon',
      light: 'yellow',
      daysLeft: 0,
    });
    expect(status({ state: 'in_progress', now: at('2025-12-31T16:01:00Z') })).toEqual({
      status: 'overdue',
      light: 'red',
      daysLate: 1,
    });
  });

  it('open tasks: not due, due soon (inclusive window), due today, overdue', () => {
    expect(status({ state: 'assigned', now: at('2025-12-23T10:00:00+08:00') })).toEqual({
      status: 'not_due',
      light: 'green',
      daysLeft: 8,
    });
    expect(status({ state: 'assigned', now: at('2025-12-24T00:00:00+08:00') })).toEqual({
      status: 'due_soon',
      light: 'yellow',
      daysLeft: 7,
    });
    expect(status({ state: 'in_progress', now: at('2025-12-31T23:59:00+08:00') })).toEqual({
      status: 'due_soon',
      light: 'yellow',
      daysLeft: 0,
    });
    expect(status({ state: 'in_progress', now: at('2026-01-01T00:01:00+08:00') })).toEqual({
      status: 'overdue',
      light: 'red',
      daysLate: 1,
    });
    expect(status({ state: 'acknowledged', now: at('2026-01-31T12:00:00+08:00') })).toEqual({
      status: 'overdue',
      light: 'red',
      daysLate: 31,
    });
    // dueSoonDays 0: only the due date itself is "soon".
    expect(status({ state: 'assigned', now: at('2025-12-30T12:00:00+08:00'), dueSoonDays: 0 }).status).toBe('not_due');
    expect(status({ state: 'assigned', now: at('2025-12-31T00:00:00+08:00'), dueSoonDays: 0 }).status).toBe('due_soon');
  });

  it('default window is 7 days', () => {
    const base = { dueOn: '2025-12-31', state: 'assigned' as const, timeZone: SH };
    expect(computeTaskStatus({ ...base, now: at('2025-12-24T09:00:00+08:00') }).status).toBe('due_soon');
    expect(computeTaskStatus({ ...base, now: at('2025-12-23T09:00:00+08:00') }).status).toBe('not_due');
  });

  it('yellowLateDays keeps slightly late open tasks yellow', () => {
    expect(status({ state: 'in_progress', now: at('2026-01-03T12:00:00+08:00'), yellowLateDays: 3 })).toEqual({
      status: 'overdue',
      light: 'yellow',
      daysLate: 3,
    });
    expect(status({ state: 'in_progress', now: at('2026-01-04T12:00:00+08:00'), yellowLateDays: 3 })).toEqual({
      status: 'overdue',
      light: 'red',
      daysLate: 4,
    });
  });

  it('a returned task is open again: overdue past the deadline although first submitted on time', () => {
    expect(
      status({ state: 'returned', submittedAt: at('2025-12-20T10:00:00+08:00'), now: at('2026-01-02T10:00:00+08:00') }),
    ).toEqual({
      status: 'overdue',
      light: 'red',
      daysLate: 2,
    });
    // Resubmitted later: timed by the first submission.
    expect(
      status({ state: 'submitted', submittedAt: at('2025-12-20T10:00:00+08:00'), now: at('2026-01-02T10:00:00+08:00') })
        .status,
    ).toBe('done_on_time');
  });

  it('a submitted or accepted task without a submission date is judged as submitted today (as the SQL does)', () => {
    expect(status({ state: 'accepted', now: at('2025-12-30T10:00:00+08:00') }).status).toBe('done_on_time');
    expect(status({ state: 'accepted', now: at('2026-01-03T10:00:00+08:00') })).toMatchObject({
      status: 'done_late',
      daysLate: 3,
    });
  });

  it('the stored submission date wins over the instant (they agree when written by the service)', () => {
    expect(
      status({ state: 'submitted', submittedOn: '2025-12-31', submittedAt: at('2025-12-31T15:00:00Z'), now }).status,
    ).toBe('done_on_time');
    expect(status({ state: 'submitted', submittedOn: '2026-01-02', now })).toMatchObject({
      status: 'done_late',
      daysLate: 2,
    });
  });

  it('cancelled is grey whatever the dates', () => {
    expect(status({ state: 'cancelled', now: at('2026-06-01T00:00:00Z') })).toEqual({
      status: 'cancelled',
      light: 'grey',
    });
  });

  it('America/New_York: deadlines on DST days', () => {
    const ny = { timeZone: 'America/New_York', now: at('2025-12-01T00:00:00Z') };
    // 23-hour day: due 2025-03-09 ends 23:59:59.999 EDT = 03:59:59.999Z on the 10th.
    expect(
      status({ ...ny, dueOn: '2025-03-09', state: 'submitted', submittedAt: at('2025-03-10T03:59:00Z') }).status,
    ).toBe('done_on_time');
    expect(
      status({ ...ny, dueOn: '2025-03-09', state: 'submitted', submittedAt: at('2025-03-10T04:30:00Z') }),
    ).toMatchObject({ status: 'done_late', daysLate: 1 });
    // 25-hour day: due 2025-11-02 ends 23:59:59.999 EST = 04:59:59.999Z on the 3rd; a fixed
    // offset taken at the start of the day (EDT) would wrongly make 04:30Z late.
    expect(
      status({ ...ny, dueOn: '2025-11-02', state: 'submitted', submittedAt: at('2025-11-03T04:30:00Z') }).status,
    ).toBe('done_on_time');
    expect(
      status({ ...ny, dueOn: '2025-11-02', state: 'submitted', submittedAt: at('2025-11-03T05:00:00Z') }).status,
    ).toBe('done_late');
    expect(
      status({ ...ny, dueOn: '2025-11-02', state: 'assigned', now: at('2025-11-03T04:59:59.999Z') }),
    ).toMatchObject({ status: 'due_soon', daysLeft: 0 });
    expect(status({ ...ny, dueOn: '2025-11-02', state: 'assigned', now: at('2025-11-03T05:00:00Z') })).toMatchObject({
      status: 'overdue',
      daysLate: 1,
    });
  });

  it('rejects bad settings', () => {
    expect(() => status({ state: 'assigned', now, dueSoonDays: -1 })).toThrow(RangeError);
    expect(() => status({ state: 'assigned', now, yellowLateDays: 1.5 })).toThrow(RangeError);
    expect(() => status({ state: 'assigned', now, timeZone: 'Asia/Nowhere' })).toThrow(RangeError);
  });
});
