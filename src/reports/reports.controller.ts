import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { committeeOf, CurrentActor, type Actor } from '../access/actor.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { download } from '../common/http/download.js';
import { Expensive } from '../common/http/expensive.decorator.js';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { AnnualReportService } from './annual-report.service.js';
import { CircularReportService } from './circular-report.service.js';
import { NoticeReportService } from './notice-report.service.js';
import { AnnualReportQueryDto, CircularReportQueryDto, NoticeReportQueryDto } from './reports.dto.js';

/** The office's Word documents (and the monitoring table as .xlsx), as attachments. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly circulars: CircularReportService,
    private readonly notices: NoticeReportService,
    private readonly annual: AnnualReportService,
  ) {}

  @RequirePermission('reports.read')
  @Get('circular.docx')
  @Expensive()
  @ApiOperation({ summary: '通报 as .docx: late units with their overdue tasks and days late, the ranking' })
  async circular(
    @Query() query: CircularReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    return download(
      res,
      await this.circulars.circular(actor, { ...query, committeeId: committeeOf(actor, query.committeeId, 'read') }),
    );
  }

  /** tasks.read, scoped: a unit liaison gets only the notices of its own unit's tasks (404 for others). */
  @RequirePermission('tasks.read')
  @Get('tasks/:id/notice.docx')
  @ApiOperation({
    summary: '催办通知书 / 督办通知书 for a late task; numbered 〔YYYY〕第N号 once, the same number every time',
  })
  async notice(
    @Param('id', IdParamPipe) id: number,
    @Query() query: NoticeReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.notices.notice(actor, { taskId: id, level: query.level, replyBy: query.replyBy });
    res.setHeader('X-Notice-Number', encodeURIComponent(file.number));
    return download(res, file);
  }

  @RequirePermission('reports.read')
  @Get('plans/:id/annual.docx')
  @Expensive()
  @ApiOperation({ summary: '年度工作报告 for a plan and year' })
  async annualReport(
    @Param('id', IdParamPipe) id: number,
    @Query() query: AnnualReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    return download(res, await this.annual.annual(actor, { planId: id, year: query.year }));
  }

  @RequirePermission('reports.read')
  @Get('plans/:id/monitoring.xlsx')
  @Expensive()
  @ApiOperation({ summary: "the year's monitoring data of a plan as .xlsx (for the statistics bureau)" })
  async monitoring(
    @Param('id', IdParamPipe) id: number,
    @Query() query: AnnualReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    return download(res, await this.annual.monitoring(actor, { planId: id, year: query.year }));
  }
}
