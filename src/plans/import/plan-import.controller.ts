import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { BadRequestError } from '../../common/errors/app-error.js';
import { MAX_IMPORT_BYTES } from './decode-text.util.js';
import { PlanImportService, type ImportRequest } from './plan-import.service.js';
import { ImportOptionsDto, parseAcceptNewUnits, parseMapping } from './plan-import.dto.js';
import { UploadErrorsInterceptor } from './upload-errors.interceptor.js';
import { RequirePermission } from '../../access/require-permission.decorator.js';

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
  constructor(private readonly imports: PlanImportService) {}

  @RequirePermission('plans.import')
  @Post('preview')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(schema)
  @UseInterceptors(UploadErrorsInterceptor, upload)
  preview(@UploadedFile() file: UploadedPlanFile | undefined, @Body() options: ImportOptionsDto) {
    return this.imports.run(request(file, options, true));
  }

  @RequirePermission('plans.import')
  @Post()
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(schema)
  @UseInterceptors(UploadErrorsInterceptor, upload)
  commit(@UploadedFile() file: UploadedPlanFile | undefined, @Body() options: ImportOptionsDto) {
    return this.imports.run(request(file, options, false));
  }
}

function request(file: UploadedPlanFile | undefined, options: ImportOptionsDto, dryRun: boolean): ImportRequest {
  if (!file && options.text === undefined) throw new BadRequestError('EMPTY_FILE', 'upload the plan as a file field named "file" (or send JSON with "text")');
  return {
    bytes: file?.buffer,
    text: file ? undefined : options.text,
    fileName: file?.originalname,
    committeeId: options.committeeId ? Number(options.committeeId) : undefined,
    mapping: parseMapping(options.mapping),
    acceptNewUnits: parseAcceptNewUnits(options.acceptNewUnits),
    dryRun,
  };
}
