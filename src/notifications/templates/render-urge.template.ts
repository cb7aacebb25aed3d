/**
 * 催办 urging notice: sent individually per unit (never folded into the digest) to its liaisons
 * and its head contact, either by the escalation ladder (N days late) or by the office on demand
 * ("urge now", optionally with a message). Several tasks of one unit may go in one notice when
 * the office urges a unit as a whole.
 */

import type { NotificationLocale } from '../domain/locale.js';
import {
  type RenderedEmail,
  cleanSubject,
  htmlHeading,
  htmlOfficeMessage,
  htmlParagraph,
  htmlShell,
  htmlSignature,
  textBlock,
  textIndent,
} from './email-layout.util.js';
import { messagesFor } from './messages.js';
import {
  type NoticeTask,
  noticeRows,
  noticeSubjectBody,
  noticeTaskListText,
  noticeTaskTableHtml,
} from './notice-parts.util.js';

export interface UrgeNoticeInput {
  locale?: NotificationLocale;
  /** The sending day in the committee's zone; days late are counted to it. */
  today: string;
  unitName: string;
  /** At least one. */
  tasks: NoticeTask[];
  /** The office's own words, optional; shown as written (escaped, line breaks kept). */
  message?: string | null;
  /** Signature; defaults to a generic office name in the locale. */
  officeName?: string;
}

export function renderUrgeNotice(input: UrgeNoticeInput): RenderedEmail {
  const locale = input.locale ?? 'zh-CN';
  const m = messagesFor(locale);
  const rows = noticeRows(input.tasks, input.today);
  const anyOverdue = rows.some((r) => r.state.late);
  const officeName = input.officeName?.trim() || m.defaultOfficeName;
  const message = input.message?.trim() ? textBlock(input.message) : null;
  const subject = cleanSubject(
    `${m.urge.subjectTag}${input.unitName}${m.colon}${noticeSubjectBody(m, rows, m.urge.subjectMany)}`,
  );

  const bodyHtml = [
    htmlHeading(m.urge.heading),
    htmlParagraph(m.urge.addressee(input.unitName), 'font-weight:600;'),
    htmlParagraph(m.urge.intro(rows.length, anyOverdue)),
    noticeTaskTableHtml(m, rows),
    ...(message ? [htmlOfficeMessage(m.officeMessage, message)] : []),
    htmlParagraph(m.urge.request),
    htmlParagraph(m.urge.ignoreIfDone),
    htmlSignature(officeName, input.today),
  ].join('\n');

  const text = [
    m.urge.heading,
    '',
    m.urge.addressee(input.unitName),
    m.urge.intro(rows.length, anyOverdue),
    '',
    noticeTaskListText(m, rows),
    ...(message ? ['', `${m.officeMessage}${m.colon}`.trimEnd(), textIndent(message)] : []),
    '',
    m.urge.request,
    m.urge.ignoreIfDone,
    '',
    officeName,
    input.today,
    '',
    '--',
    m.autoFooter,
  ].join('\n');

  return { subject, html: htmlShell({ locale, title: subject, bodyHtml, footer: m.autoFooter }), text: `${text}\n` };
}
