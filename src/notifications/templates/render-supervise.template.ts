/**
 * 督办 supervision notice: the formal step of the ladder after urging. Sent individually to the
 * unit's head and liaisons and to the committee office (the copy line says so); worded as an
 * official notice with an optional number, reply-by date and record of the earlier urging.
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
import { escapeHtml } from './escape-html.util.js';
import { messagesFor } from './messages.js';
import {
  type NoticeTask,
  noticeRows,
  noticeSubjectBody,
  noticeTaskListText,
  noticeTaskTableHtml,
} from './notice-parts.util.js';

export interface SuperviseNoticeInput {
  locale?: NotificationLocale;
  /** The sending day in the committee's zone; days late are counted to it. */
  today: string;
  unitName: string;
  /** At least one. */
  tasks: NoticeTask[];
  /** Notice number as the office writes it, e.g. 威妇儿督〔2025〕3号. */
  noticeNumber?: string;
  /** Date the unit must complete by, 'YYYY-MM-DD'. */
  replyBy?: string;
  /** When the urging notice went out, if it did. */
  urgedOn?: string;
  /** Who really receives a copy: the copy line names only them (default: nobody). */
  copiedTo?: { head?: boolean; office?: boolean };
  message?: string | null;
  officeName?: string;
}

export function renderSuperviseNotice(input: SuperviseNoticeInput): RenderedEmail {
  const locale = input.locale ?? 'zh-CN';
  const m = messagesFor(locale);
  const rows = noticeRows(input.tasks, input.today);
  const officeName = input.officeName?.trim() || m.defaultOfficeName;
  const message = input.message?.trim() ? textBlock(input.message) : null;
  const number = input.noticeNumber?.trim() ? m.supervise.number(input.noticeNumber.trim()) : null;
  const subject = cleanSubject(
    `${m.supervise.subjectTag}${input.unitName}${m.colon}${noticeSubjectBody(m, rows, m.supervise.subjectMany)}`,
  );
  const facts = m.supervise.intro(rows.length, input.urgedOn);
  const copyTo = m.supervise.copyTo(input.copiedTo?.head ?? false, input.copiedTo?.office ? officeName : undefined);

  const bodyHtml = [
    htmlHeading(m.supervise.heading, 'center'),
    ...(number ? [`<p style="margin:0 0 16px;text-align:center;color:#475467;">${escapeHtml(number)}</p>`] : []),
    htmlParagraph(m.supervise.addressee(input.unitName), 'font-weight:600;'),
    htmlParagraph(facts, 'text-indent:2em;'),
    noticeTaskTableHtml(m, rows),
    ...(message ? [htmlOfficeMessage(m.officeMessage, message)] : []),
    htmlParagraph(m.supervise.request(input.replyBy), 'text-indent:2em;font-weight:600;'),
    htmlSignature(officeName, input.today),
    ...(copyTo ? [htmlParagraph(copyTo, 'margin-top:16px;font-size:12px;color:#475467;')] : []),
  ].join('\n');

  const text = [
    m.supervise.heading,
    ...(number ? [number] : []),
    '',
    m.supervise.addressee(input.unitName),
    facts,
    '',
    noticeTaskListText(m, rows),
    ...(message ? ['', `${m.officeMessage}${m.colon}`.trimEnd(), textIndent(message)] : []),
    '',
    m.supervise.request(input.replyBy),
    '',
    officeName,
    input.today,
    ...(copyTo ? ['', copyTo] : []),
    '',
    '--',
    m.autoFooter,
  ].join('\n');

  return { subject, html: htmlShell({ locale, title: subject, bodyHtml, footer: m.autoFooter }), text: `${text}\n` };
}
