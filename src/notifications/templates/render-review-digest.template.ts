/**
 * The office's daily digest of submissions waiting for its review: one e-mail a day instead of
 * one per submission (issue 10).
 */

import type { NotificationLocale } from '../domain/locale.js';
import type { ReviewTask } from '../../duties/reminders/remindable-task.js';
import {
  type RenderedEmail,
  cleanSubject,
  htmlHeading,
  htmlLink,
  htmlParagraph,
  htmlShell,
  htmlSignature,
  htmlTable,
} from './email-layout.util.js';
import { escapeHtml } from './escape-html.util.js';
import { messagesFor } from './messages.js';

export interface ReviewDigestInput {
  locale?: NotificationLocale;
  today: string;
  /** At least one, oldest submission first. */
  tasks: ReviewTask[];
  officeName?: string;
}

export function renderReviewDigest(input: ReviewDigestInput): RenderedEmail {
  const locale = input.locale ?? 'zh-CN';
  const m = messagesFor(locale);
  const subject = cleanSubject(m.review.subject(input.tasks.length, input.today));
  const officeName = input.officeName?.trim() || m.defaultOfficeName;
  const bodyHtml = [
    htmlHeading(m.review.heading),
    htmlParagraph(m.review.intro(input.today, input.tasks.length)),
    htmlTable(
      [m.columns.task, m.review.columns.unit, m.columns.plan, m.review.columns.submittedOn, m.columns.link],
      input.tasks.map((t) => [
        { html: escapeHtml(t.title) },
        { html: escapeHtml(t.unitName) },
        { html: escapeHtml(t.planTitle) },
        { html: escapeHtml(t.submittedOn), style: 'white-space:nowrap;' },
        { html: htmlLink(m.open, t.link), style: 'white-space:nowrap;' },
      ]),
    ),
    htmlParagraph(m.review.closing),
    htmlSignature(officeName, input.today),
  ].join('\n');
  const text = [
    m.review.intro(input.today, input.tasks.length),
    '',
    ...input.tasks.map(
      (t, i) => `${i + 1}. ${t.title} | ${t.unitName} | ${m.review.columns.submittedOn} ${t.submittedOn}\n   ${t.link}`,
    ),
    '',
    m.review.closing,
    '',
    '--',
    m.autoFooter,
  ].join('\n');
  return { subject, html: htmlShell({ locale, title: subject, bodyHtml, footer: m.autoFooter }), text: `${text}\n` };
}
