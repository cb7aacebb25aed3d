/**
 * A notice telling a unit of the office's decision on one of its tasks: 交办 (assigned), a new
 * deadline, a submission returned (with the reason) or accepted, an extension approved (new date)
 * or rejected (with the reason). In the recipient's language.
 */

import type { NotificationLocale } from '../domain/locale.js';
import {
  type RenderedEmail,
  cleanSubject,
  htmlHeading,
  htmlLink,
  htmlOfficeMessage,
  htmlParagraph,
  htmlShell,
  htmlSignature,
  shortTitle,
  textBlock,
  textIndent,
} from './email-layout.util.js';
import { type DecisionKind, messagesFor } from './messages.js';

export interface DecisionNoticeInput {
  locale?: NotificationLocale;
  kind: DecisionKind;
  today: string;
  unitName: string;
  title: string;
  /** The deadline now in force. */
  dueOn: string;
  /** The deadline before the change (due_changed, extension_approved). */
  previousDueOn?: string;
  reason?: string | null;
  link?: string;
  officeName?: string;
}

export function renderDecisionNotice(input: DecisionNoticeInput): RenderedEmail {
  const locale = input.locale ?? 'zh-CN';
  const m = messagesFor(locale);
  const subject = cleanSubject(
    `${m.decision.subjectTag}${m.decision.subject(input.kind, shortTitle(input.title), input.dueOn)}`,
  );
  const body = m.decision.body(input.kind, {
    title: input.title,
    dueOn: input.dueOn,
    previousDueOn: input.previousDueOn,
  });
  const reason = input.reason?.trim() ? textBlock(input.reason) : null;
  const officeName = input.officeName?.trim() || m.defaultOfficeName;
  const bodyHtml = [
    htmlHeading(m.decision.heading(input.kind)),
    htmlParagraph(`${input.unitName}${m.colon}`.trim(), 'font-weight:600;'),
    htmlParagraph(body),
    ...(reason ? [htmlOfficeMessage(m.decision.reason, reason)] : []),
    htmlParagraph(m.decision.closing),
    ...(input.link ? [`<p style="margin:0 0 12px;">${htmlLink(m.open, input.link)}</p>`] : []),
    htmlSignature(officeName, input.today),
  ].join('\n');
  const text = [
    `${input.unitName}${m.colon}`.trim(),
    body,
    ...(reason ? ['', `${m.decision.reason}${m.colon}`.trimEnd(), textIndent(reason)] : []),
    '',
    m.decision.closing,
    ...(input.link ? [input.link] : []),
    '',
    officeName,
    input.today,
    '',
    '--',
    m.autoFooter,
  ].join('\n');
  return { subject, html: htmlShell({ locale, title: subject, bodyHtml, footer: m.autoFooter }), text: `${text}\n` };
}
