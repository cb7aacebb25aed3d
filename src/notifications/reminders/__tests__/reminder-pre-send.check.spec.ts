import { describe, expect, it } from '@jest/globals';
import { PreSendChecks } from '../../outbox/pre-send-check.js';
import type { MailOutbox } from '../../outbox/mail-outbox.entity.js';
import { ReminderPreSendCheck } from '../reminder-pre-send.check.js';
import { InMemoryReminderTasks, task } from '../../../../test/helpers/fake-reminder-tasks.js';

const message = (id: number, kind: MailOutbox['kind'], refs: Array<[number, string]> | null) =>
  ({ id, kind, taskRefs: refs?.map(([taskId, dueOn]) => ({ taskId, dueOn })) ?? null }) as MailOutbox;

describe('ReminderPreSendCheck (stop on submission)', () => {
  const source = new InMemoryReminderTasks().add(
    task({ id: 1, dueOn: '2025-06-30' }),
    task({ id: 2, dueOn: '2025-06-30', state: 'submitted' }),
    task({ id: 3, dueOn: '2025-07-15' }),
    task({ id: 4, dueOn: '2025-06-30', state: 'cancelled' }),
  );
  const check = new ReminderPreSendCheck(source, new PreSendChecks());

  it('cancels a reminder whose every task was submitted, cancelled, deleted or re-dated', async () => {
    const vetoes = await check.vetoes([
      message(10, 'digest', [[1, '2025-06-30']]), // open: sent
      message(11, 'urge', [[2, '2025-06-30']]), // submitted
      message(12, 'supervise', [[3, '2025-06-30']]), // new date
      message(13, 'digest', [[99, '2025-06-30']]), // gone
      message(14, 'digest', [
        [2, '2025-06-30'],
        [4, '2025-06-30'],
      ]), // all closed
      message(15, 'digest', [
        [2, '2025-06-30'],
        [1, '2025-06-30'],
      ]), // one still open: sent
      message(16, 'circular', null), // not about tasks
      message(17, 'office_urge', [[3, '2025-06-30']]), // office urge: a new date does not matter
    ]);
    expect([...vetoes.keys()].sort()).toEqual([11, 12, 13, 14]);
    expect(vetoes.get(11)).toBe('task 2 is submitted');
    expect(vetoes.get(12)).toBe('task 3 is now due 2025-07-15 (was 2025-06-30)');
    expect(vetoes.get(13)).toBe('task 99 no longer exists');
  });

  it('the registry prefixes the reason with the check and runs each check on what is left', async () => {
    const checks = new PreSendChecks();
    new ReminderPreSendCheck(source, checks).onModuleInit();
    const vetoes = await checks.vetoes([message(11, 'urge', [[2, '2025-06-30']])]);
    expect(vetoes.get(11)).toBe('stop-on-submission: task 2 is submitted');
  });
});
