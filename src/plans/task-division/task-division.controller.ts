import { Body, Controller, Get, Headers, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { BadRequestError } from '../../common/errors/app-error.js';
import { IdParamPipe } from '../../common/validation/id-param.pipe.js';
import { localeFromAcceptLanguage } from '../../common/i18n/locale.js';
import { UploadErrorsInterceptor } from '../import/upload-errors.interceptor.js';
import { resultInLanguage, TaskDivisionService } from './task-division.service.js';
import { RequirePermission } from '../../access/require-permission.decorator.js';
import { download } from '../../common/http/download.js';
import { AcceptsUpload } from '../../common/http/accepts-upload.decorator.js';
import { Expensive } from '../../common/http/expensive.decorator.js';
import { assertSameCommittee, CurrentActor, type Actor } from '../../access/actor.js';
import { PlansService } from '../plans.service.js';

class ExportQueryDto {
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}

class ImportSheetDto {
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: string;
  @IsOptional()
  @IsIn(['true', 'false'])
  acceptNewUnits?: string;
}

@ApiTags('plans')
@Controller('plans/:id/task-division')
export class TaskDivisionController {
  constructor(
    private readonly sheets: TaskDivisionService,
    private readonly plans: PlansService,
  ) {}

  /** The 任务分工表 of a plan, to fill in or correct and import again. */
  @RequirePermission('plans.read')
  @Get()
  @Expensive()
  async export(
    @Param('id', IdParamPipe) id: number,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') language?: string,
  ) {
    assertSameCommittee(actor, (await this.plans.getPlan(id)).committeeId, 'Plan', id, 'read');
    const file = await this.sheets.export(id, query.format ?? 'xlsx', localeFromAcceptLanguage(language));
    return download(res, file);
  }

  @RequirePermission('plans.import')
  @Post()
  @AcceptsUpload()
  @Expensive()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: '.xlsx, .csv, .docx (Word table) or tab-separated .txt',
        },
        dryRun: { type: 'string' },
        acceptNewUnits: { type: 'string' },
      },
    },
  })
  @UseInterceptors(
    UploadErrorsInterceptor,
    FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } }),
  )
  async import(
    @Param('id', IdParamPipe) id: number,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() body: ImportSheetDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') language?: string,
  ) {
    assertSameCommittee(actor, (await this.plans.getPlan(id)).committeeId, 'Plan', id);
    if (!file)
      throw new BadRequestError(
        'EMPTY_FILE',
        'upload the sheet as a file field named "file" (.xlsx, .csv, a Word .docx table or tab-separated .txt)',
      );
    const result = await this.sheets.import(id, file.buffer, file.originalname, {
      dryRun: body.dryRun === 'true',
      acceptNewUnits: body.acceptNewUnits === 'true',
    });
    return resultInLanguage(result, localeFromAcceptLanguage(language));
  }
}
