import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditExportQueryDto, AuditQueryDto } from './audit.dto.js';
import { Expensive } from '../common/http/expensive.decorator.js';
import { localeFromAcceptLanguage } from '../common/i18n/locale.js';
import { download } from '../common/http/download.js';
import { CommitteesService } from '../committees/committees.service.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly committees: CommitteesService,
  ) {}

  /** A period of whole days is read in the committee's calendar. */
  private async zone(actor: Actor): Promise<string> {
    return (await this.committees.get(actor.committeeId!)).timeZone;
  }

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({
    summary:
      "the audit trail of the caller's committee, newest first; filters who, action, entity, from, to (instants, or whole days in the committee's calendar)",
  })
  async list(@Query() query: AuditQueryDto, @CurrentActor() actor: Actor) {
    return this.audit.list(actor.committeeId!, query, await this.zone(actor));
  }

  @Get('export')
  @RequirePermission('audit.read')
  @Expensive()
  @ApiOperation({ summary: 'the audit trail as .xlsx or .csv, with the filters of the list' })
  async export(
    @Query() query: AuditExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept-language') language?: string,
  ) {
    const { format = 'xlsx', ...filter } = query;
    const file = await this.audit.export(
      actor.committeeId!,
      filter,
      format,
      localeFromAcceptLanguage(language),
      await this.zone(actor),
    );
    return download(res, file);
  }
}
