import type { Locale } from '../../common/i18n/locale.js';
import { TASK_STATUSES } from '../../duties/domain/task-status.js';
import type { RankedUnit } from '../domain/rates.js';
import { TASK_STATUS_LABELS } from '../domain/status-labels.js';
import type { LightCounts } from '../rates/rates.service.js';

/**
 * The dashboard's two charts as ECharts options, and the words each bar or slice shows on hover.
 * Pure: the renderer draws the option, the web app shows `tips[series][dataIndex]` over the picture.
 */
export interface ChartSpec {
  option: Record<string, unknown>;
  /** tips[seriesIndex][dataIndex]: what hovering that bar or slice says, in the caller's language. */
  tips: string[][];
}

/** The ranking shows at most this many units (the list below the charts has them all). */
export const RANKING_CHART_UNITS = 40;
/** Heights in CSS pixels: the page gives the widths (its layout), the charts their heights (their content). */
export const STATUS_CHART_HEIGHT = 260;
export function rankingChartHeight(units: number): number {
  return Math.max(300, Math.min(RANKING_CHART_UNITS, units) * 22 + 60);
}

const WORDS = {
  completion: { 'zh-CN': '完成率', en: 'Completion' },
  onTime: { 'zh-CN': '按时率', en: 'On time' },
  tasks: { 'zh-CN': '项', en: 'tasks' },
} as const satisfies Record<string, Record<Locale, string>>;

/** Rates are fractions (0..1, or null when nothing is due); the chart shows percent with one decimal. */
const asPercent = (rate: number | null) => Math.round((rate ?? 0) * 1000) / 10;

/** Tasks by status: one slice per status that has tasks. */
export function statusChart(lights: LightCounts, locale: Locale): ChartSpec {
  const data = TASK_STATUSES.filter((s) => lights[s] > 0).map((s) => ({
    name: TASK_STATUS_LABELS[s][locale],
    value: lights[s],
  }));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  return {
    option: {
      legend: { bottom: 0 },
      // The legend names the statuses; beside each slice its count (a name there would be cut short).
      series: [{ type: 'pie', radius: ['40%', '68%'], label: { formatter: '{c}' }, data }],
    },
    tips: [
      data.map((d) =>
        locale === 'en'
          ? `${d.name}: ${d.value} (${asPercent(d.value / total)}%)`
          : `${d.name}：${d.value} ${WORDS.tasks[locale]}（${asPercent(d.value / total)}%）`,
      ),
    ],
  };
}

/** Units ranked by completion and on-time rate, the best at the top; units with nothing due (rank null) unnumbered. */
export function rankingChart(ranking: readonly RankedUnit[], locale: Locale): ChartSpec {
  // ECharts draws a category axis from the bottom up: reversed, the first-ranked unit is on top.
  const rows = ranking.slice(0, RANKING_CHART_UNITS).reverse();
  const names = rows.map((r) => (r.rank === null ? r.name : `${r.rank}. ${r.name}`));
  const series = [
    { name: WORDS.completion[locale], values: rows.map((r) => asPercent(r.completionRate)) },
    { name: WORDS.onTime[locale], values: rows.map((r) => asPercent(r.onTimeRate)) },
  ];
  const colon = locale === 'en' ? ': ' : '：';
  return {
    option: {
      legend: { data: series.map((s) => s.name) },
      // ECharts 6 keeps the axis labels inside the chart by itself (outerBounds), no containLabel.
      grid: { left: 8, right: 24, top: 32, bottom: 8 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, axisLabel: { width: 150, overflow: 'truncate' } },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values })),
    },
    tips: series.map((s) => s.values.map((v, i) => `${names[i]}${colon}${s.name} ${v}%`)),
  };
}
