import { describe, it, expect } from '@jest/globals';
import type { RankedUnit } from '../../domain/rates.js';
import type { LightCounts } from '../../rates/rates.service.js';
import { RANKING_CHART_UNITS, rankingChart, rankingChartHeight, statusChart } from '../dashboard-chart-options.js';
import { renderSvgChart } from '../svg-chart.renderer.js';

const lights: LightCounts = {
  not_due: 2,
  due_soon: 0,
  overdue: 1,
  done_on_time: 5,
  done_late: 0,
  cancelled: 0,
  green: 7,
  yellow: 0,
  red: 1,
  grey: 0,
};

const unit = (name: string, rank: number | null, completionRate: number | null, onTimeRate: number | null) =>
  ({ unitId: name, name, rank, completionRate, onTimeRate }) as RankedUnit;

describe('dashboard charts: options', () => {
  it('tasks by status: a slice per status that has tasks, named as the ledger names them, with count and share', () => {
    const { option, tips } = statusChart(lights, 'zh-CN');
    const series = (option.series as { data: { name: string; value: number }[] }[])[0]!;
    expect(series.data).toEqual([
      { name: '未到期', value: 2 },
      { name: '已逾期', value: 1 },
      { name: '按时完成', value: 5 },
    ]);
    expect(tips).toEqual([['未到期：2 项（25%）', '已逾期：1 项（12.5%）', '按时完成：5 项（62.5%）']]);
    expect(statusChart(lights, 'en').tips).toEqual([
      ['Not yet due: 2 (25%)', 'Overdue: 1 (12.5%)', 'Done on time: 5 (62.5%)'],
    ]);
  });

  it('the ranking: best unit on top, unranked units without a number, rates in percent with one decimal', () => {
    const ranking = [unit('甲', 1, 1, 2 / 3), unit('乙', 2, 0.5, 0.5), unit('丙', null, null, null)];
    const { option, tips } = rankingChart(ranking, 'zh-CN');
    // ECharts draws categories bottom-up: the first-ranked unit is the last category.
    expect((option.yAxis as { data: string[] }).data).toEqual(['丙', '2. 乙', '1. 甲']);
    expect((option.series as { data: number[] }[]).map((s) => s.data)).toEqual([
      [0, 50, 100],
      [0, 50, 66.7],
    ]);
    expect(tips).toEqual([
      ['丙：完成率 0%', '2. 乙：完成率 50%', '1. 甲：完成率 100%'],
      ['丙：按时率 0%', '2. 乙：按时率 50%', '1. 甲：按时率 66.7%'],
    ]);
    expect(rankingChart(ranking, 'en').tips[1]![2]).toBe('1. 甲: On time 66.7%');
  });

  it(`the ranking draws the first ${RANKING_CHART_UNITS} units, and its height grows with them`, () => {
    const many = Array.from({ length: 50 }, (_, i) => unit(`单位${i + 1}`, i + 1, 0.5, 0.5));
    const names = (rankingChart(many, 'zh-CN').option.yAxis as { data: string[] }).data;
    expect(names).toHaveLength(RANKING_CHART_UNITS);
    expect(names.at(-1)).toBe('1. 单位1');
    expect(names[0]).toBe(`${RANKING_CHART_UNITS}. 单位${RANKING_CHART_UNITS}`);
    expect([1, 10, 40, 50].map(rankingChartHeight)).toEqual([300, 300, 940, 940]);
  });
});

describe('dashboard charts: drawn by ECharts on the server', () => {
  it('an SVG document of the size asked for, each bar marked with its series and item for the hover words', () => {
    const svg = renderSvgChart(
      rankingChart([unit('甲', 1, 1, 1), unit('乙', 2, 0.5, 0)], 'zh-CN').option,
      { width: 640, height: 300 },
      'zh-CN',
    );
    expect(svg).toMatch(/^<svg width="640" height="300" [^>]*viewBox="0 0 640 300"/);
    expect(svg).toContain('>1. 甲</text>');
    const marks = [...svg.matchAll(/ecmeta_series_index="(\d)" ecmeta_data_index="(\d)" ecmeta_ssr_type="chart"/g)];
    expect(new Set(marks.map((m) => `${m[1]}:${m[2]}`))).toEqual(new Set(['0:0', '0:1', '1:0', '1:1']));
  });

  it('a unit name is text, never markup: the page inserts the picture as it is', () => {
    const hostile = '<i onclick=1>"\'&';
    const svg = renderSvgChart(
      rankingChart([unit(hostile, 1, 1, 1)], 'zh-CN').option,
      { width: 640, height: 300 },
      'zh-CN',
    );
    const tags = svg.match(/<[a-z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(10);
    expect(tags.filter((tag) => /^<i\b|\son\w+=/.test(tag))).toEqual([]);
    expect(svg).toContain('>1. &lt;i onclick=1&gt;&quot;&#39;&amp;</text>');
  });
});
