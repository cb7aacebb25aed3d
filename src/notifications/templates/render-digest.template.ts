/**
 * The daily reminder digest (临近提醒 / overdue reminders): one e-mail listing a recipient's
 * due-soon and overdue duties, grouped by plan, each with its due date, days left or late and a
 * link. Written in the recipient's locale.
 */

import type { Digest, DigestTask } from '../domain/digest.js';
import { escapeHtml } from './escape-html.util.js';
import {
  type DueState,
  type RenderedEmail,
  COLOR_MUTED,
  cleanSubject,
  dueStatusLabel,
  dueSubjectPhrase,
  htmlHeading,
  htmlLink,
  htmlParagraph,
  htmlShell,
  htmlTable,
  kindLabelFor,
  shortTitle,
  statusStyle,
} from './email-layout.util.js';
import { type NotificationMessages, messagesFor } from './messages.js';

function stateOf(task: DigestTask): DueState {
  return task.daysLate !== undefined
    ? { late: true, daysLate: task.daysLate }
    : { late: false, daysLeft: task.daysLeft ?? 0 };
}

function digestSubject(m: NotificationMessages, digest: Digest): string {
  const tasks = digest.groups.flatMap((g) => g.tasks);
  if (tasks.length === 1) {
    const [task] = tasks;
    return cleanSubject(
      `${m.digest.subjectTag}${m.quote(shortTitle(task.title))}${m.titleDueJoin}${dueSubjectPhrase(m, task.dueOn, stateOf(task))}`,
    );
  }
  const mix = digest.overdueCount === 0 ? 'soon' : digest.dueSoonCount === 0 ? 'overdue' : 'mixed';
  return cleanSubject(`${m.digest.subjectTag}${m.digest.subjectMany(tasks.length, mix, digest.earliestDueOn)}`);
}

function taskLabel(task: DigestTask): string {
  const kind = kindLabelFor(task.kindLabel, task.title);
  return kind ? `[${kind}] ${task.title}` : task.title;
}

export function renderDigest(digest: Digest): RenderedEmail {
  const locale = digest.recipient.locale;
  const m = messagesFor(locale);
  const subject = digestSubject(m, digest);

  const htmlParts: string[] = [
    htmlHeading(m.digest.heading),
    htmlParagraph(m.digest.greeting(digest.recipient.name)),
    htmlParagraph(m.digest.intro(digest.today, digest.taskCount, digest.overdueCount, digest.dueSoonCount)),
  ];
  const textParts: string[] = [
    m.digest.greeting(digest.recipient.name),
    '',
    m.digest.intro(digest.today, digest.taskCount, digest.overdueCount, digest.dueSoonCount),
  ];

  for (const group of digest.groups) {
    htmlParts.push(
      `<h2 style="margin:20px 0 8px;font-size:16px;">${escapeHtml(m.digest.planHeading(group.planTitle))}</h2>`,
    );
    htmlParts.push(
      htmlTable(
        [m.columns.task, m.columns.unit, m.columns.dueOn, m.columns.status, m.columns.link],
        group.tasks.map((task) => {
          const state = stateOf(task);
          const label = kindLabelFor(task.kindLabel, task.title);
          const kind = label
            ? `<span style="display:inline-block;margin-right:6px;padding:0 6px;border:1px solid #d0d5dd;border-radius:3px;font-size:12px;color:${COLOR_MUTED};">${escapeHtml(label)}</span>`
            : '';
          return [
            { html: kind + escapeHtml(task.title) },
            { html: escapeHtml(task.unitName) },
            { html: escapeHtml(task.dueOn), style: 'white-space:nowrap;' },
            { html: escapeHtml(dueStatusLabel(m, state)), style: statusStyle(state) },
            { html: htmlLink(m.open, task.link), style: 'white-space:nowrap;' },
          ];
        }),
      ),
    );
    textParts.push('', m.digest.planHeading(group.planTitle));
    for (const task of group.tasks) {
      textParts.push(
        `  - ${taskLabel(task)} | ${task.unitName} | ${m.columns.dueOn} ${task.dueOn} | ${dueStatusLabel(m, stateOf(task))}`,
        `    ${task.link}`,
      );
    }
  }

  htmlParts.push(htmlParagraph(m.digest.closing));
  textParts.push('', m.digest.closing, '', '--', m.digest.footer, m.autoFooter);

  return {
    subject,
    html: htmlShell({
      locale,
      title: subject,
      bodyHtml: htmlParts.join('\n'),
      footer: `${m.digest.footer}\n${m.autoFooter}`,
    }),
    text: `${textParts.join('\n')}\n`,
  };
}
