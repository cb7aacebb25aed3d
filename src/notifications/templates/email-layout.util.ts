/**
 * Shared pieces of the notification templates: the HTML shell (self-contained, inline styles
 * only, no images or other network assets, since mail clients block or track them), tables,
 * due-status phrases and subject clean-up.
 */

import { daysBetween, isValidCalendarDate } from '../../common/time/calendar-date.util.js';
import type { NotificationLocale } from '../domain/locale.js';
import { escapeHtml, escapeHtmlMultiline, safeHref } from './escape-html.util.js';
import type { NotificationMessages } from './messages.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** How a task stands on `today`: days left (0 = due today) or days late. */
export type DueState = { late: false; daysLeft: number } | { late: true; daysLate: number };

export function dueStateOf(dueOn: string, today: string): DueState {
  if (!isValidCalendarDate(dueOn))
    throw new RangeError(`dueOn: invalid date ${JSON.stringify(dueOn)} (expected YYYY-MM-DD)`);
  if (!isValidCalendarDate(today))
    throw new RangeError(`today: invalid date ${JSON.stringify(today)} (expected YYYY-MM-DD)`);
  const diff = daysBetween(dueOn, today);
  return diff > 0 ? { late: true, daysLate: diff } : { late: false, daysLeft: daysBetween(today, dueOn) };
}

/** Short status for a table cell: 还有3天 / 今天截止 / 逾期3天. */
export function dueStatusLabel(m: NotificationMessages, state: DueState): string {
  if (state.late) return m.daysLate(state.daysLate);
  return state.daysLeft === 0 ? m.dueToday : m.daysLeft(state.daysLeft);
}

/** Subject phrase saying when: 已逾期3天（截止2025-01-31） / due 2025-06-05 (in 3 days). */
export function dueSubjectPhrase(m: NotificationMessages, dueOn: string, state: DueState): string {
  if (state.late) return m.subjectOverdue(dueOn, state.daysLate);
  return state.daysLeft === 0 ? m.subjectDueToday(dueOn) : m.subjectDueSoon(dueOn, state.daysLeft);
}

const SUBJECT_TITLE_MAX = 60;

/** Shortens a task title for a subject line; full titles stay in the body. */
export function shortTitle(title: string, max = SUBJECT_TITLE_MAX): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line, no control characters: a subject is a mail header. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

const FONT = "font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif";
export const COLOR_LATE = '#b42318';
export const COLOR_SOON = '#8a5a00';
export const COLOR_MUTED = '#667085';

export interface HtmlShellInput {
  locale: NotificationLocale;
  /** Plain text; escaped here. */
  title: string;
  /** Trusted HTML built by a template (all user text already escaped). */
  bodyHtml: string;
  /** Plain text; escaped here. */
  footer: string;
}

export function htmlShell({ locale, title, bodyHtml, footer }: HtmlShellInput): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:#f4f5f7;${FONT};color:#1d2939;">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;">',
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:680px;background:#ffffff;border:1px solid #e4e7ec;border-radius:6px;">',
    `<tr><td style="padding:24px 28px;font-size:14px;line-height:1.7;">`,
    bodyHtml,
    '</td></tr>',
    `<tr><td style="padding:12px 28px 20px;font-size:12px;line-height:1.6;color:${COLOR_MUTED};border-top:1px solid #e4e7ec;">${escapeHtmlMultiline(footer)}</td></tr>`,
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
  ].join('\n');
}

export function htmlHeading(text: string, align: 'left' | 'center' = 'left'): string {
  return `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.4;text-align:${align};">${escapeHtml(text)}</h1>`;
}

export function htmlParagraph(text: string, style = ''): string {
  return `<p style="margin:0 0 12px;${style}">${escapeHtmlMultiline(text)}</p>`;
}

/** The office's own words, set apart so they read as a quotation. */
export function htmlOfficeMessage(label: string, message: string): string {
  return (
    `<div style="margin:0 0 16px;padding:10px 14px;background:#f9fafb;border-left:4px solid #98a2b3;">` +
    `<div style="font-size:12px;color:${COLOR_MUTED};margin-bottom:4px;">${escapeHtml(label)}</div>` +
    `<div>${escapeHtmlMultiline(message)}</div></div>`
  );
}

/** A link cell, or the bare address when it is not a safe http(s) URL. */
export function htmlLink(label: string, link: string | undefined): string {
  const href = safeHref(link);
  if (href) return `<a href="${href}" style="color:#175cd3;text-decoration:underline;">${escapeHtml(label)}</a>`;
  return link ? escapeHtml(link) : '';
}

export interface HtmlCell {
  /** Trusted HTML (escape user text before passing it). */
  html: string;
  style?: string;
}

export function htmlTable(headers: string[], rows: HtmlCell[][]): string {
  const th = (h: string): string =>
    `<th align="left" style="padding:6px 8px;border-bottom:2px solid #d0d5dd;font-size:13px;white-space:nowrap;">${escapeHtml(h)}</th>`;
  const td = (c: HtmlCell): string =>
    `<td style="padding:6px 8px;border-bottom:1px solid #eaecf0;font-size:13px;vertical-align:top;${c.style ?? ''}">${c.html}</td>`;
  return [
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px;">',
    `<tr>${headers.map(th).join('')}</tr>`,
    ...rows.map((r) => `<tr>${r.map(td).join('')}</tr>`),
    '</table>',
  ].join('\n');
}

export function statusStyle(state: DueState): string {
  return `white-space:nowrap;font-weight:600;color:${state.late ? COLOR_LATE : COLOR_SOON};`;
}

/** Signature block: office name and date, right-aligned as in a printed notice. */
export function htmlSignature(officeName: string, date: string): string {
  return `<p style="margin:20px 0 0;text-align:right;">${escapeHtml(officeName)}<br>${escapeHtml(date)}</p>`;
}

// ---------------------------------------------------------------------------------------------
// Plain text
// ---------------------------------------------------------------------------------------------

/** Normalises line breaks of free text (office messages) for the text part. */
export function textBlock(value: string): string {
  return value.replace(/\r\n?/g, '\n').trim();
}

export function textIndent(value: string, prefix = '  '): string {
  return textBlock(value)
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** The kind label worth showing next to a title: none when the title already says it (实施方案 / 实施方案). */
export function kindLabelFor(kindLabel: string | undefined, title: string): string | undefined {
  if (!kindLabel) return undefined;
  const bare = kindLabel.replace(/（.*）$|\(.*\)$/, '');
  return title.includes(bare) ? undefined : kindLabel;
}
