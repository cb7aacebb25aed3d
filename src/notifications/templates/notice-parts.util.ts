/**
 * Pieces shared by the individual notices (催办 urging, 督办 supervision): the task input shape,
 * the task table in HTML and text, and the subject's "what and when" part.
 */

import { escapeHtml } from './escape-html.util.js';
import {
  type DueState,
  dueStateOf,
  dueStatusLabel,
  dueSubjectPhrase,
  htmlLink,
  htmlTable,
  kindLabelFor,
  shortTitle,
  statusStyle,
} from './email-layout.util.js';
import type { NotificationMessages } from './messages.js';

export interface NoticeTask {
  id?: number | string;
  title: string;
  /** e.g. 年度报告 / Annual report. */
  kindLabel?: string;
  planTitle?: string;
  dueOn: string;
  /** Absolute http(s) address of the task; shown as a link when safe. */
  link?: string;
}

export interface NoticeRow {
  task: NoticeTask;
  state: DueState;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tasks with their state on `today`, earliest due first (the most urgent leads). */
export function noticeRows(tasks: readonly NoticeTask[], today: string): NoticeRow[] {
  if (tasks.length === 0) throw new RangeError('A notice needs at least one task');
  return tasks
    .map((task) => ({ task, state: dueStateOf(task.dueOn, today) }))
    .sort((a, b) => compareText(a.task.dueOn, b.task.dueOn) || compareText(a.task.title, b.task.title));
}

/**
 * Subject after the tag and unit: one task names it and says when
 * ("“年度报告（2024年）”已逾期3天（截止2025-01-31）"); several give the count and the earliest.
 */
export function noticeSubjectBody(
  m: NotificationMessages,
  rows: readonly NoticeRow[],
  many: (count: number, earliestPhrase: string) => string,
): string {
  const first = rows[0];
  const phrase = dueSubjectPhrase(m, first.task.dueOn, first.state);
  return rows.length === 1
    ? `${m.quote(shortTitle(first.task.title))}${m.titleDueJoin}${phrase}`
    : many(rows.length, phrase);
}

export function noticeTaskTableHtml(m: NotificationMessages, rows: readonly NoticeRow[]): string {
  const withPlan = rows.some((r) => r.task.planTitle);
  const withLink = rows.some((r) => r.task.link);
  const headers = [
    m.columns.task,
    ...(withPlan ? [m.columns.plan] : []),
    m.columns.dueOn,
    m.columns.status,
    ...(withLink ? [m.columns.link] : []),
  ];
  return htmlTable(
    headers,
    rows.map(({ task, state }) => [
      {
        html:
          (kindLabelFor(task.kindLabel, task.title) ? escapeHtml(`${task.kindLabel}${m.colon}`) : '') +
          escapeHtml(task.title),
      },
      ...(withPlan ? [{ html: escapeHtml(task.planTitle ?? '') }] : []),
      { html: escapeHtml(task.dueOn), style: 'white-space:nowrap;' },
      { html: escapeHtml(dueStatusLabel(m, state)), style: statusStyle(state) },
      ...(withLink ? [{ html: htmlLink(m.open, task.link), style: 'white-space:nowrap;' }] : []),
    ]),
  );
}

export function noticeTaskListText(m: NotificationMessages, rows: readonly NoticeRow[]): string {
  return rows
    .map(({ task, state }, i) => {
      const lines = [
        `${i + 1}. ${kindLabelFor(task.kindLabel, task.title) ? `[${task.kindLabel}] ` : ''}${task.title}`,
        ...(task.planTitle ? [`   ${m.columns.plan}${m.colon}${task.planTitle}`] : []),
        `   ${m.columns.dueOn}${m.colon}${task.dueOn}${m.paren(dueStatusLabel(m, state))}`,
        ...(task.link ? [`   ${task.link}`] : []),
      ];
      return lines.join('\n');
    })
    .join('\n');
}
