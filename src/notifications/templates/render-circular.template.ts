/**
 * 通报 circulated notice: names the member units with overdue duties, with their overdue counts
 * and rates, and goes to every member unit. The figures are computed elsewhere (supervision
 * statistics) and passed in; this only orders, formats and words them. The office previews the
 * rendered result before sending, so rendering has no side effects.
 */

import type { NotificationLocale } from '../domain/locale.js';
import { escapeHtml } from './escape-html.util.js';
import {
  type RenderedEmail,
  COLOR_LATE,
  cleanSubject,
  htmlHeading,
  htmlOfficeMessage,
  htmlParagraph,
  htmlShell,
  htmlSignature,
  htmlTable,
  textBlock,
  textIndent,
} from './email-layout.util.js';
import { messagesFor } from './messages.js';
import { compareUnitNames } from '../../supervision/domain/unit-order.js';

export interface CircularUnitFigures {
  unitName: string;
  /** Open overdue duties of the unit. */
  overdueCount: number;
  /** Fractions 0–1; null when nothing was due yet (shown as "—"). */
  onTimeRate?: number | null;
  completionRate?: number | null;
  /** Days late of the unit's longest-overdue open duty. */
  maxDaysLate?: number | null;
}

export interface CircularInput {
  locale?: NotificationLocale;
  /** Figures are as of this day. */
  asOf: string;
  /** All units' figures; only those with overdue duties are named. */
  units: CircularUnitFigures[];
  /** What the figures cover, e.g. a plan title or "2024年度任务"; optional. */
  scope?: string;
  noticeNumber?: string;
  message?: string | null;
  officeName?: string;
  /** Date printed under the signature; defaults to asOf. */
  issuedOn?: string;
}

function checkFigures(u: CircularUnitFigures): void {
  if (!Number.isInteger(u.overdueCount) || u.overdueCount < 0) {
    throw new RangeError(`${u.unitName}: overdueCount must be a whole number >= 0, got ${u.overdueCount}`);
  }
  for (const [name, rate] of [
    ['onTimeRate', u.onTimeRate],
    ['completionRate', u.completionRate],
  ] as const) {
    if (rate !== undefined && rate !== null && !(Number.isFinite(rate) && rate >= 0 && rate <= 1)) {
      throw new RangeError(`${u.unitName}: ${name} must be a fraction from 0 to 1, got ${rate}`);
    }
  }
}

/**
 * The units a circular names, in the order it names them: most overdue duties first, then the
 * lower on-time rate (unknown last), then by name in Chinese collation, so the same figures always
 * give the same notice. Units equal on both figures share a rank.
 */
export function lateUnitsForCircular(units: readonly CircularUnitFigures[]): CircularUnitFigures[] {
  units.forEach(checkFigures);
  const rate = (r: number | null | undefined): number => (r === null || r === undefined ? Number.POSITIVE_INFINITY : r);
  return units
    .filter((u) => u.overdueCount > 0)
    .sort(
      (a, b) =>
        b.overdueCount - a.overdueCount ||
        rate(a.onTimeRate) - rate(b.onTimeRate) ||
        compareUnitNames(a.unitName, b.unitName),
    );
}

/** 0.6667 → "66.7%", 1 → "100%", null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

export function renderCircular(input: CircularInput): RenderedEmail {
  const locale = input.locale ?? 'zh-CN';
  const m = messagesFor(locale);
  const c = m.circular;
  const late = lateUnitsForCircular(input.units);
  const total = late.reduce((sum, u) => sum + u.overdueCount, 0);
  const officeName = input.officeName?.trim() || m.defaultOfficeName;
  const message = input.message?.trim() ? textBlock(input.message) : null;
  const number = input.noticeNumber?.trim() ? c.number(input.noticeNumber.trim()) : null;
  const signedOn = input.issuedOn ?? input.asOf;
  const subject = cleanSubject(`${c.subjectTag}${c.subject(input.asOf, late.length, total, input.scope)}`);
  const lead =
    late.length > 0 ? c.intro(input.asOf, late.length, total, input.scope) : c.noneLate(input.asOf, input.scope);

  const withCompletion = late.some((u) => u.completionRate !== undefined && u.completionRate !== null);
  const withMaxDays = late.some((u) => u.maxDaysLate !== undefined && u.maxDaysLate !== null);
  const headers = [
    c.columns.rank,
    c.columns.unit,
    c.columns.overdue,
    c.columns.onTimeRate,
    ...(withCompletion ? [c.columns.completionRate] : []),
    ...(withMaxDays ? [c.columns.maxDaysLate] : []),
  ];
  // Competition ranking: units equal on both figures share a rank (1, 2, 2, 4).
  const ranks: number[] = [];
  late.forEach((u, i) => {
    const prev = late[i - 1];
    ranks.push(
      prev && prev.overdueCount === u.overdueCount && (prev.onTimeRate ?? null) === (u.onTimeRate ?? null)
        ? ranks[i - 1]!
        : i + 1,
    );
  });
  const cells = (u: CircularUnitFigures, i: number): string[] => [
    String(ranks[i]),
    u.unitName,
    String(u.overdueCount),
    formatRate(u.onTimeRate),
    ...(withCompletion ? [formatRate(u.completionRate)] : []),
    ...(withMaxDays ? [u.maxDaysLate === null || u.maxDaysLate === undefined ? '—' : String(u.maxDaysLate)] : []),
  ];

  const bodyHtml = [
    htmlHeading(c.heading, 'center'),
    ...(number ? [`<p style="margin:0 0 16px;text-align:center;color:#475467;">${escapeHtml(number)}</p>`] : []),
    htmlParagraph(c.addressee, 'font-weight:600;'),
    htmlParagraph(lead, 'text-indent:2em;'),
    ...(late.length > 0
      ? [
          htmlTable(
            headers,
            late.map((u, i) =>
              cells(u, i).map((value, col) => ({
                html: escapeHtml(value),
                style: col === 2 ? `font-weight:600;color:${COLOR_LATE};` : col === 1 ? '' : 'white-space:nowrap;',
              })),
            ),
          ),
        ]
      : []),
    ...(message ? [htmlOfficeMessage(m.officeMessage, message)] : []),
    ...(late.length > 0 ? [htmlParagraph(c.request, 'text-indent:2em;')] : []),
    htmlSignature(officeName, signedOn),
  ].join('\n');

  const text = [
    c.heading,
    ...(number ? [number] : []),
    '',
    c.addressee,
    lead,
    ...(late.length > 0 ? ['', headers.join(' | '), ...late.map((u, i) => cells(u, i).join(' | '))] : []),
    ...(message ? ['', `${m.officeMessage}${m.colon}`.trimEnd(), textIndent(message)] : []),
    ...(late.length > 0 ? ['', c.request] : []),
    '',
    officeName,
    signedOn,
    '',
    '--',
    m.autoFooter,
  ].join('\n');

  return { subject, html: htmlShell({ locale, title: subject, bodyHtml, footer: m.autoFooter }), text: `${text}\n` };
}
