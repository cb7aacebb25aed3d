import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '../access/actor.js';
import { TaskFilterDto, TaskScopeDto } from '../duties/tasks/task-query.dto.js';
import { download } from '../common/http/download.js';
import { RatesService } from './rates/rates.service.js';
import { SupervisionService } from './supervision.service.js';
import { LedgerService } from './ledger/ledger.service.js';
import {
  DashboardChartsQueryDto,
  GoalViewQueryDto,
  LedgerExportQueryDto,
  PlanYearQueryDto,
  RatesQueryDto,
  RollupExportQueryDto,
  RollupQueryDto,
} from './supervision.dto.js';
import { RollupService } from './rollup/rollup.service.js';
import { DashboardChartsService } from './charts/dashboard-charts.service.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { Expensive } from '../common/http/expensive.decorator.js';
import { CachedRead } from '../access/read-cache.js';
import { localeFromAcceptLanguage } from '../common/i18n/locale.js';

/** Status, rates, ranking, goal view, indicator status and the ledger (台账). Every list takes the task filters. */
@ApiTags('supervision')
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly rates: RatesService,
    private readonly supervision: SupervisionService,
    private readonly ledger: LedgerService,
    private readonly rollups: RollupService,
    private readonly dashboardCharts: DashboardChartsService,
  ) {}

  /** The committees below the caller's (children, grandchildren…) side by side; read only. */
  @RequirePermission('supervision.read')
  @Get('rollup')
  rollup(@Query() query: RollupQueryDto, @CurrentActor() actor: Actor) {
    return this.rollups.rollup(actor, query);
  }

  @RequirePermission('supervision.export')
  @Get('rollup/export')
  @Expensive()
  async rollupExport(
    @Query() query: RollupExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { format = 'xlsx', lang = 'zh-CN', ...filter } = query;
    return download(res, await this.rollups.export(actor, filter, format, lang));
  }

  /** Overall rates, traffic-light counts, and rates per unit, plan, area and duty kind. */
  @RequirePermission('supervision.read')
  @CachedRead()
  @Get('dashboard')
  dashboard(@Query() query: TaskScopeDto, @CurrentActor() actor: Actor) {
    return this.rates.dashboard(actor, query);
  }

  /**
   * The dashboard's charts (tasks by status, units ranked) drawn as SVG at the widths given, with
   * their heights and hover words: the page shows them without loading ECharts.
   */
  @RequirePermission('supervision.read')
  @CachedRead()
  @Get('dashboard/charts')
  dashboardChartsSvg(
    @Query() query: DashboardChartsQueryDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') language?: string,
  ) {
    const { statusWidth, rankingWidth, ...filter } = query;
    return this.dashboardCharts.charts(
      actor,
      filter,
      { status: statusWidth, ranking: rankingWidth },
      localeFromAcceptLanguage(language),
    );
  }

  @RequirePermission('supervision.read')
  @Get('rates')
  groupedRates(@Query() query: RatesQueryDto, @CurrentActor() actor: Actor) {
    const { groupBy = 'unit', ...filter } = query;
    return this.rates.report(actor, filter, groupBy);
  }

  @RequirePermission('supervision.read')
  @Get('ranking')
  ranking(@Query() query: TaskScopeDto, @CurrentActor() actor: Actor) {
    return this.rates.ranking(actor, query);
  }

  /** For one year: each goal with its lead and responsible units' item status and its indicators. */
  @RequirePermission('supervision.read')
  @Get('goals')
  goals(@Query() query: GoalViewQueryDto, @CurrentActor() actor: Actor, @Headers('accept-language') language?: string) {
    return this.supervision.goalView(actor, query, localeFromAcceptLanguage(language));
  }

  /** Indicator status per goal: met / at risk / not met (no data, not evaluable). */
  @RequirePermission('supervision.read')
  @Get('indicators')
  indicators(
    @Query() query: PlanYearQueryDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') language?: string,
  ) {
    // Status labels, assessments and reasons in the reader's language; the status codes stay.
    return this.supervision.indicatorStatus(actor, query, localeFromAcceptLanguage(language));
  }

  /** 台账 on screen: the task list with statuses, paged. */
  @RequirePermission('supervision.read')
  @Get('ledger')
  ledgerPage(@Query() query: TaskFilterDto, @CurrentActor() actor: Actor) {
    return this.ledger.page(actor, query);
  }

  /** 台账 as .xlsx or .csv: every row the same filters select. */
  @RequirePermission('supervision.export')
  @Get('ledger/export')
  @Expensive()
  async export(
    @Query() query: LedgerExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { format = 'xlsx', lang = 'zh-CN', ...filter } = query;
    const file = await this.ledger.export(actor, filter, format, lang);
    return download(res, file);
  }
}
