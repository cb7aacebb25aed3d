import { isTaskRemindable } from '../../src/notifications/domain/reminder-policy.js';
import type {
  DutyReminders,
  RemindableTask,
  ReminderWindow,
  ReviewTask,
  TaskSnapshot,
} from '../../src/duties/reminders/remindable-task.js';

/**
 * An in-memory DutyReminders: stands in for the duties module where a test is about the
 * reminders themselves. Tasks are plain objects the test edits (submit, re-date) between runs.
 */
export class InMemoryReminderTasks implements DutyReminders {
  readonly tasks = new Map<number, RemindableTask>();
  readonly windows: ReminderWindow[] = [];

  add(...tasks: RemindableTask[]): this {
    for (const t of tasks) this.tasks.set(t.id, t);
    return this;
  }

  update(id: number, changes: Partial<RemindableTask>): void {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    Object.assign(task, changes);
  }

  async findRemindable(committeeId: number, _today: string, window: ReminderWindow): Promise<RemindableTask[]> {
    this.windows.push(window);
    const dates = new Set(window.dueDates);
    return [...this.tasks.values()]
      .filter((t) => t.committeeId === committeeId && isTaskRemindable(t.state) && dates.has(t.dueOn))
      .map((t) => structuredClone(t));
  }

  /** Ignores the SQL condition: it only narrows, and the reminders decide task by task anyway. */
  async findOverdue(committeeId: number, dueOnOrBefore: string): Promise<RemindableTask[]> {
    return [...this.tasks.values()]
      .filter((t) => t.committeeId === committeeId && isTaskRemindable(t.state) && t.dueOn <= dueOnOrBefore)
      .map((t) => structuredClone(t));
  }

  async findAwaitingReview(committeeId: number): Promise<ReviewTask[]> {
    return [...this.tasks.values()]
      .filter((t) => t.committeeId === committeeId && t.state === 'submitted')
      .map((t) => ({
        id: t.id,
        title: t.title,
        unitName: t.unitName,
        planTitle: t.planTitle,
        dueOn: t.dueOn,
        submittedOn: t.dueOn,
        link: t.link,
      }));
  }

  async findForUrging(
    committeeId: number,
    selection: { taskIds?: number[]; unitIds?: number[] },
  ): Promise<RemindableTask[]> {
    return [...this.tasks.values()]
      .filter(
        (t) =>
          t.committeeId === committeeId && (selection.taskIds?.includes(t.id) || selection.unitIds?.includes(t.unitId)),
      )
      .map((t) => structuredClone(t));
  }

  async snapshots(taskIds: number[]): Promise<TaskSnapshot[]> {
    return taskIds.flatMap((id) => {
      const t = this.tasks.get(id);
      return t ? [{ id: t.id, state: t.state, dueOn: t.dueOn }] : [];
    });
  }
}

let nextId = 1;

/** A task with sensible defaults: unit 1 (卫健局) with one Chinese liaison and a head. */
export function task(overrides: Partial<RemindableTask> = {}): RemindableTask {
  const id = overrides.id ?? nextId++;
  return {
    id,
    committeeId: 1,
    title: `2024年度规划实施情况报告 #${id}`,
    kindLabel: { 'zh-CN': '年度报告', en: 'Annual report' },
    planId: 1,
    planTitle: '威宁自治县妇女发展规划（2021—2025年）',
    unitId: 1,
    unitName: '自治县卫生健康局',
    dueOn: '2025-06-30',
    state: 'assigned',
    link: `http://localhost:3000/tasks/${id}`,
    assignedOn: null,
    liaisons: [{ name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' }],
    head: { name: '王局长', email: 'head.wsj@example.gov.cn' },
    ...overrides,
  };
}
