import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Locale } from '../../common/i18n/locale.js';

// Only what the dashboard draws: bars and pies with their grid and legend, as SVG.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Draws an ECharts option to an SVG document on the server (ECharts' own server-side rendering),
 * so a browser shows the chart without loading and running ECharts: on a cold first load that is
 * a third of the dashboard's main-thread time. Text is escaped by ECharts; the bars and slices
 * carry `ecmeta_series_index` / `ecmeta_data_index` for the page's hover tips.
 */
export function renderSvgChart(option: Record<string, unknown>, size: ChartSize, locale: Locale): string {
  const chart = echarts.init(null, undefined, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
    locale: locale === 'en' ? 'EN' : 'ZH',
  });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
