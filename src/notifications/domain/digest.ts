/**
 * The daily digest: one email per recipient per day listing all of their due-soon and overdue
 * duties, grouped by plan, instead of one email per task.
 *
 * Inputs are (recipient, task, trigger) rows as the scheduler produced them; only digest-type
 * triggers count here (urging and supervision notices are sent individually and are ignored).
 * The same task may arrive several times for one recipient (a liaison of two units, a Monday
 * carrying Sunday's and Monday's triggers): it is listed once, with its latest trigger.
 * Days left / late are counted from `today`, not from the trigger, so a reminder caught up after
 * an outage still states the real delay.
 */

import { daysBetween, isValidCalendarDate } from '../../common/time/calendar-date.util.js';
import { DEFAULT_LOCALE, type NotificationLocale } from './locale.js';
import { type ReminderTrigger, isDigestTrigger } from './reminder-policy.js';

export interface DigestRecipient {
  email: string;
  name?: string;
  locale: NotificationLocale;
}

export interface DigestTaskInput {
  id: number | string;
  title: string;
  /** e.g. 年度报告 / Annual report; shown next to the title. */
  kindLabel?: string;
  planId: number | string;
  planTitle: string;
  unitName: string;
  dueOn: string;
  /** Absolute http(s) address of the task in the web app. */
  link: string;
}

export interface DigestInput {
  recipient: DigestRecipient;
  task: DigestTaskInput;
  trigger: ReminderTrigger;
}

export interface DigestTask extends DigestTaskInput {
  /** The latest digest-type trigger for this task and recipient today. */
  trigger: ReminderTrigger;
  /** Set when today <= dueOn (0 on the due day). */
  daysLeft?: number;
  /** Set when today > dueOn. */
  daysLate?: number;
}

export interface DigestPlanGroup {
  planId: number | string;
  planTitle: string;
  /** Ordered by due date, then title, then id. */
  tasks: DigestTask[];
}

export interface Digest {
  recipient: DigestRecipient;
  /** Ordered by each plan's earliest due date, then plan title. */
  groups: DigestPlanGroup[];
  /** 'digest:<email lower-cased>:<today>': at most one digest per recipient per day. */
  idempotencyKey: string;
  today: string;
  taskCount: number;
  overdueCount: number;
  dueSoonCount: number;
  earliestDueOn: string;
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTasks(a: DigestTask, b: DigestTask): number {
  return compareText(a.dueOn, b.dueOn) || compareText(a.title, b.title) || compareText(String(a.id), String(b.id));
}

interface RecipientBucket {
  email: string;
  name?: string;
  locales: Set<NotificationLocale>;
  tasks: Map<string, DigestInput>;
}

/**
 * One digest per recipient, keyed by e-mail address (case-insensitive). A person has one
 * language: if rows disagree on the locale, the default (zh-CN) is used rather than whichever
 * row came first, so the result does not depend on input order. Recipients with no digest-type
 * rows get no digest. Digests are ordered by e-mail address.
 */
export function buildDigests(items: readonly DigestInput[], today: string): Digest[] {
  if (!isValidCalendarDate(today))
    throw new RangeError(`today: invalid date ${JSON.stringify(today)} (expected YYYY-MM-DD)`);
  const buckets = new Map<string, RecipientBucket>();
  for (const item of items) {
    if (!isDigestTrigger(item.trigger)) continue;
    if (!isValidCalendarDate(item.task.dueOn)) {
      throw new RangeError(`task ${String(item.task.id)}: invalid dueOn ${JSON.stringify(item.task.dueOn)}`);
    }
    const key = normalizeEmail(item.recipient.email);
    if (key === '') continue;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { email: item.recipient.email.trim(), locales: new Set(), tasks: new Map() };
      buckets.set(key, bucket);
    }
    if (!bucket.name && item.recipient.name?.trim()) bucket.name = item.recipient.name.trim();
    bucket.locales.add(item.recipient.locale);
    const taskKey = String(item.task.id);
    const seen = bucket.tasks.get(taskKey);
    if (!seen || item.trigger.offsetDays > seen.trigger.offsetDays) bucket.tasks.set(taskKey, item);
  }

  const digests: Digest[] = [];
  for (const [emailKey, bucket] of [...buckets.entries()].sort((a, b) => compareText(a[0], b[0]))) {
    const locale = bucket.locales.size === 1 ? [...bucket.locales][0] : DEFAULT_LOCALE;
    const groupsById = new Map<string, DigestPlanGroup>();
    let overdueCount = 0;
    for (const { task, trigger } of bucket.tasks.values()) {
      const diff = daysBetween(task.dueOn, today);
      const row: DigestTask = {
        ...task,
        trigger,
        ...(diff > 0 ? { daysLate: diff } : { daysLeft: daysBetween(today, task.dueOn) }),
      };
      if (diff > 0) overdueCount++;
      const groupKey = String(task.planId);
      let group = groupsById.get(groupKey);
      if (!group) {
        group = { planId: task.planId, planTitle: task.planTitle, tasks: [] };
        groupsById.set(groupKey, group);
      }
      group.tasks.push(row);
    }
    const groups = [...groupsById.values()];
    for (const group of groups) group.tasks.sort(compareTasks);
    groups.sort((a, b) => compareText(a.tasks[0].dueOn, b.tasks[0].dueOn) || compareText(a.planTitle, b.planTitle));
    const taskCount = bucket.tasks.size;
    const earliestDueOn = groups.map((g) => g.tasks[0].dueOn).reduce((a, b) => (b < a ? b : a));
    digests.push({
      recipient: { email: bucket.email, ...(bucket.name ? { name: bucket.name } : {}), locale },
      groups,
      idempotencyKey: `digest:${emailKey}:${today}`,
      today,
      taskCount,
      overdueCount,
      dueSoonCount: taskCount - overdueCount,
      earliestDueOn,
    });
  }
  return digests;
}
