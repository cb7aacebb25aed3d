import { Injectable } from '@nestjs/common';
import type { Actor } from '../../access/actor.js';
import type { Locale } from '../../common/i18n/locale.js';
import { TaskQueryService, type TaskFilters } from '../../duties/tasks/task-query.service.js';
import { RatesService } from '../rates/rates.service.js';
import {
  rankingChart,
  rankingChartHeight,
  STATUS_CHART_HEIGHT,
  statusChart,
  type ChartSpec,
} from './dashboard-chart-options.js';
import { renderSvgChart } from './svg-chart.renderer.js';

export interface DrawnChart {
  /** An SVG document, drawn at the width asked for. */
  svg: string;
  /** Its height in CSS pixels (the ranking's grows with the number of units). */
  height: number;
  /** tips[seriesIndex][dataIndex]: the words for the bar or slice under the pointer. */
  tips: string[][];
}

export interface DashboardCharts {
  /** Tasks by status (pie); null when not asked for. */
  status: DrawnChart | null;
  /** Units ranked (bars); null when not asked for or when there is no unit to rank. */
  ranking: DrawnChart | null;
}

/** The dashboard's charts drawn on the server, from the same figures as /supervision/dashboard and /ranking. */
@Injectable()
export class DashboardChartsService {
  constructor(
    private readonly rates: RatesService,
    private readonly tasks: TaskQueryService,
  ) {}

  async charts(
    actor: Actor,
    filter: TaskFilters,
    widths: { status?: number; ranking?: number },
    locale: Locale,
  ): Promise<DashboardCharts> {
    const ctx = await this.tasks.context(actor, filter.committeeId);
    const [lights, ranking] = await Promise.all([
      widths.status ? this.rates.lights(actor, filter, ctx) : null,
      widths.ranking ? this.rates.ranking(actor, filter, ctx) : null,
    ]);
    const draw = (spec: ChartSpec, width: number, height: number): DrawnChart => ({
      svg: renderSvgChart(spec.option, { width, height }, locale),
      height,
      tips: spec.tips,
    });
    return {
      status: lights && widths.status ? draw(statusChart(lights, locale), widths.status, STATUS_CHART_HEIGHT) : null,
      ranking:
        ranking?.length && widths.ranking
          ? draw(rankingChart(ranking, locale), widths.ranking, rankingChartHeight(ranking.length))
          : null,
    };
  }
}
