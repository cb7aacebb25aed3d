import { useEffect, useMemo, useState } from 'react';
import { Select, Tag, Tooltip } from 'antd';
import type { ApiClient } from '../api/client.js';
import type { Json, Locale } from '../api/types.js';
import type { IndicatorStatusReport, IndicatorView } from '../../../src/supervision/supervision.service.js';
import { reportedText, targetText } from '../lib/indicators.js';

type YearReport = Json<IndicatorStatusReport>;

/**
 * What units reported for a plan's indicators, one plan year at a time (GET /supervision/indicators):
 * opens on the latest year with anything reported.
 */
export function usePlanIndicatorReports(
  api: ApiClient,
  plan: { id: number; periodStart: number; periodEnd: number } | null,
) {
  const [reports, setReports] = useState<Map<number, Map<number, IndicatorView>>>(new Map());
  const [year, setYear] = useState<number | null>(null);
  // Keyed on primitives, not the plan object: PlanPage reloads the plan after every edit, and a reload
  // of the same plan must not ask again for every year's reports (up to 20 heavy requests).
  const planId = plan?.id;
  const periodStart = plan?.periodStart;
  const periodEnd = plan?.periodEnd;
  const years = useMemo(() => {
    if (periodStart === undefined || periodEnd === undefined) return [];
    const list: number[] = [];
    for (let y = periodStart; y <= periodEnd && list.length < 20; y += 1) list.push(y);
    return list;
  }, [periodStart, periodEnd]);
  useEffect(() => {
    if (planId === undefined || years.length === 0) return;
    let live = true;
    Promise.all(
      years.map((y) => api.get<YearReport>('/supervision/indicators', { planId, year: y }).catch(() => null)),
    ).then((all) => {
      if (!live) return;
      const map = new Map<number, Map<number, IndicatorView>>();
      for (const r of all) if (r) map.set(r.year, new Map(r.goals.flatMap((g) => g.indicators).map((i) => [i.id, i])));
      setReports(map);
      const reported = years.filter((y) =>
        [...(map.get(y)?.values() ?? [])].some((i) => i.value !== null || i.assessment !== null),
      );
      setYear((current) => current ?? reported[reported.length - 1] ?? years[0]!);
    });
    return () => {
      live = false;
    };
  }, [api, planId, years]);
  return {
    year,
    setYear,
    years,
    byIndicator: (year !== null && reports.get(year)) || new Map<number, IndicatorView>(),
  };
}

export function ReportYearSelect({
  year,
  years,
  onChange,
  locale,
}: {
  year: number | null;
  years: number[];
  onChange: (y: number) => void;
  locale: Locale;
}) {
  if (!years.length) return null;
  return (
    <Select
      aria-label={locale === 'en' ? 'Reported values of the year' : '指标填报年度'}
      size="small"
      style={{ width: 140 }}
      value={year ?? undefined}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: locale === 'en' ? `values ${y}` : `${y} 年指标值` }))}
    />
  );
}

/** An indicator of a goal with what was reported for the chosen year (value, or assessment and note). */
export function IndicatorTag({
  indicator,
  report,
  locale,
}: {
  indicator: { id: number; name: string | null; phrase: string };
  report: IndicatorView | undefined;
  locale: Locale;
}) {
  const reported = report ? reportedText({ ...report, value: report.target, reported: report.value }, locale) : '';
  const target = report ? targetText({ ...report, value: report.target }, locale) : '';
  const tag = (
    <Tag
      color={report?.status === 'not_met' ? 'red' : report?.status === 'at_risk' ? 'orange' : 'blue'}
      data-testid="plan-indicator"
    >
      {/* The parser leaves the name out when the clause has no subject. */}
      {indicator.name ?? indicator.phrase}
      {reported ? `：${reported}` : ''}
    </Tag>
  );
  return target || report?.reason ? (
    <Tooltip title={[target, report?.reason].filter(Boolean).join(' · ')}>{tag}</Tooltip>
  ) : (
    tag
  );
}
