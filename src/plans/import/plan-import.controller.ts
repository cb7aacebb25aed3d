import { Body, Controller, Headers, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { BadRequestError } from '../../common/errors/app-error.js';
import { MAX_IMPORT_BYTES } from './decode-text.util.js';
import { PlanImportService, previewInLanguage, type ImportRequest } from './plan-import.service.js';
import { localeFromAcceptLanguage } from '../../common/i18n/locale.js';
import { ImportOptionsDto, parseAcceptNewUnits, parseMapping } from './plan-import.dto.js';
import { UploadErrorsInterceptor } from './upload-errors.interceptor.js';
import { RequirePermission } from '../../access/require-permission.decorator.js';
import { committeeOf, CurrentActor, type Actor } from '../../access/actor.js';
import { asBulkWork } from '../../access/request-context.js';
import { AuditService } from '../../audit/audit.service.js';
import { AcceptsUpload } from '../../common/http/accepts-upload.decorator.js';
import { Expensive } from '../../common/http/expensive.decorator.js';

/** The part of multer's file object this controller reads. */
interface UploadedPlanFile {
  buffer: Buffer;
  originalname: string;
}

const upload = FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
const schema = {
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', format: 'binary', description: '.txt (UTF-8 or GBK/GB18030) or .docx' },
      mapping: { type: 'string' },
      acceptNewUnits: { type: 'string' },
      committeeId: { type: 'string' },
    },
  },
};

/** Two steps: preview (nothing written) then commit (one transaction). */
@ApiTags('imports')
@Controller('imports')
export class PlanImportController {
  constructor(
    private readonly imports: PlanImportService,
    private readonly audit: AuditService,
  ) {}

  @RequirePermission('plans.import')
  @Post('preview')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(schema)
  @AcceptsUpload()
  @Expensive()
  @UseInterceptors(UploadErrorsInterceptor, upload)
  async preview(
    @UploadedFile() file: UploadedPlanFile | undefined,
    @Body() options: ImportOptionsDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') language?: string,
  ) {
    // Warnings and errors are said in the caller's language (codes, lines and params stay as they are).
    return previewInLanguage(
      await this.imports.run(request(file, options, true, actor)),
      localeFromAcceptLanguage(language),
    );
  }

  @RequirePermission('plans.import')
  @Post()
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(schema)
  @AcceptsUpload()
  @Expensive()
  @UseInterceptors(UploadErrorsInterceptor, upload)
  async commit(
    @UploadedFile() file: UploadedPlanFile | undefined,
    @Body() options: ImportOptionsDto,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') language?: string,
  ) {
    // One entry in the audit trail for the import, not one per goal and assignment.
    const result = await asBulkWork(() => this.imports.run(request(file, options, false, actor)));
    await this.audit.record({
      action: 'import',
      entity: 'plan',
      entityId:
        result.plans
          .map((p) => p.changes.planId)
          .filter(Boolean)
          .join(',') || null,
      after: { fileName: file?.originalname ?? null, plans: result.plans.map((p) => p.title) },
    });
    return previewInLanguage(result, localeFromAcceptLanguage(language));
  }
}

function request(
  file: UploadedPlanFile | undefined,
  options: ImportOptionsDto,
  dryRun: boolean,
  actor: Actor,
): ImportRequest {
  if (!file && options.text === undefined)
    throw new BadRequestError('EMPTY_FILE', 'upload the plan as a file field named "file" (or send JSON with "text")');
  return {
    bytes: file?.buffer,
    text: file ? undefined : options.text,
    fileName: file?.originalname,
    committeeId: committeeOf(actor, options.committeeId ? Number(options.committeeId) : undefined),
    mapping: parseMapping(options.mapping),
    acceptNewUnits: parseAcceptNewUnits(options.acceptNewUnits),
    dryRun,
  };
}
