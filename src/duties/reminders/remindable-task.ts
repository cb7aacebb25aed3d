/**
 * What the duties module answers to the reminders (notifications/reminders): open tasks with
 * who owes them, submissions waiting for review, current states. DutyRemindersService implements
 * it over the duties tables; unit tests of the reminders use an in-memory one.
 */

/** A person who receives a unit's reminders. */
export interface ReminderContact {
  name?: string | null;
  email: string;
  /** 'zh-CN' | 'en' (anything else reads as the default language). */
  locale?: string | null;
}

/** An open duty as the reminders need it: who owes it, when, and where to look at it. */
export interface RemindableTask {
  id: number;
  committeeId: number;
  /** e.g. 实施方案 / 2024年度报告. */
  title: string;
  /** Kind label per locale, e.g. { 'zh-CN': '年度报告', en: 'Annual report' }. */
  kindLabel?: Partial<Record<'zh-CN' | 'en', string>>;
  planId: number;
  planTitle: string;
  unitId: number;
  unitName: string;
  /** 'YYYY-MM-DD' in the committee's time zone. */
  dueOn: string;
  /** The task's life-cycle state (assigned, in_progress, submitted, returned, accepted, cancelled…). */
  state: string;
  /** Absolute address of the task in the web app. */
  link: string;
  /** Day the task was assigned: no reminder is caught up from before it. */
  assignedOn?: string | null;
  /** 联络员: receive the digest, urging and supervision notices. */
  liaisons: ReminderContact[];
  /** The unit's head: copied on urging (催办) and supervision (督办). */
  head?: ReminderContact | null;
}

/**
 * Which tasks the reminder run looks at. `dueDates` lists exactly the due dates that have a
 * reminder in the window (the policy's offsets from each day of the window); dueFrom/dueTo bound
 * them. An implementation may query by the list (an index lookup per date) or by the range and
 * let the caller filter.
 */
export interface ReminderWindow {
  dueFrom: string;
  dueTo: string;
  dueDates: string[];
}

/**
 * A further condition on the open tasks, written by the module that owns the table it reads
 * (e.g. the escalation steps already taken): rows LEFT JOINed to the task on a unique key (so at
 * most one per task), then SQL over them and the task's `task.id` and `task.dueOn`, with named
 * parameters. It may only narrow the selection; the caller still decides task by task.
 */
export interface TaskCondition {
  leftJoins?: { entity: new () => object; alias: string; on: string }[];
  sql: string;
  params: Record<string, unknown>;
}

/** A submission waiting for the office (the daily review digest). */
export interface ReviewTask {
  id: number;
  title: string;
  unitName: string;
  planTitle: string;
  dueOn: string;
  /** Committee-local date of the last submission. */
  submittedOn: string;
  link: string;
}

/** The current state of a task, for the last check before a queued reminder goes out. */
export interface TaskSnapshot {
  id: number;
  state: string;
  dueOn: string;
}

/** The reminders' questions to the duties module (they never read its tables themselves). */
export interface DutyReminders {
  /** Open (remindable) tasks of a committee whose due date is in the window. */
  findRemindable(committeeId: number, today: string, window: ReminderWindow): Promise<RemindableTask[]>;
  /** Open tasks of a committee due on or before `dueOnOrBefore` that also meet `also` (candidates for the escalation ladder). */
  findOverdue(committeeId: number, dueOnOrBefore: string, also?: TaskCondition): Promise<RemindableTask[]>;
  /** Submitted tasks of a committee waiting for the office's review, oldest submission first. */
  findAwaitingReview(committeeId: number): Promise<ReviewTask[]>;
  /** Open tasks chosen by the office for an immediate urging notice: by id, or every open overdue/due task of some units. */
  findForUrging(
    committeeId: number,
    selection: { taskIds?: number[]; unitIds?: number[] },
    today: string,
  ): Promise<RemindableTask[]>;
  /** Current state and due date of tasks (missing ids: deleted). */
  snapshots(taskIds: number[]): Promise<TaskSnapshot[]>;
}
