import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { BadRequestError } from '../common/errors/app-error.js';
import { CurrentActor, type Actor } from '../access/actor.js';
import { DUTY_KINDS, DUTY_KIND_LABELS, DUTY_KIND_AUDIENCE, DUTY_KIND_RECIPIENT } from './domain/duty-kind.js';
import { SYSTEM_REASONS, TASK_EVENT_LABELS } from './domain/task-event-actions.js';
import {
  ITEM_PROGRESS_LABELS,
  TASK_ACTIONS,
  TASK_ACTION_RULES,
  TASK_STATE_LABELS,
  TRANSITIONS,
  isTaskAction,
} from './domain/task-lifecycle.js';
import { DutyRulesService } from './rules/duty-rules.service.js';
import { GenerateDutiesService } from './generate/generate-duties.service.js';
import { TaskQueryService } from './tasks/task-query.service.js';
import { TaskDetailService } from './tasks/task-detail.service.js';
import { TaskLifecycleService } from './lifecycle/task-lifecycle.service.js';
import { TaskItemsService } from './progress/task-items.service.js';
import { AttachmentsService, type UploadedFile as UploadedFileShape } from './progress/attachments.service.js';
import { AcceptsUpload } from '../common/http/accepts-upload.decorator.js';
import { TaskFilterDto } from './tasks/task-query.dto.js';
import { CreateAdHocTaskDto, TaskActionDto, UpdateTaskDto } from './lifecycle/task-action.dto.js';
import { CreateExtensionRequestDto, DecideExtensionDto, ExtensionFilterDto } from './lifecycle/extension.dto.js';
import { AttachmentUploadDto, UpdateItemProgressDto } from './progress/task-progress.dto.js';
import { GenerateDutiesDto } from './generate/generate-duties.dto.js';
import { ReplaceDutyRulesDto } from './rules/duty-rules.dto.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { download } from '../common/http/download.js';
import { CachedRead } from '../access/read-cache.js';
import { asBulkWork } from '../access/request-context.js';
import { AuditService } from '../audit/audit.service.js';

/** Duty rules per plan, generation, tasks and their life cycle, progress, extensions, attachments. */
@ApiTags('duties')
@Controller()
export class DutiesController {
  constructor(
    private readonly rules: DutyRulesService,
    private readonly generation: GenerateDutiesService,
    private readonly tasks: TaskQueryService,
    private readonly details: TaskDetailService,
    private readonly lifecycle: TaskLifecycleService,
    private readonly items: TaskItemsService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
  ) {}

  /** The vocabulary the API speaks: duty kinds, states, the transition table, history actions, progress values. */
  @RequirePermission('tasks.read')
  @Get('duties/meta')
  meta() {
    return {
      kinds: DUTY_KINDS.map((k) => ({
        kind: k,
        labels: DUTY_KIND_LABELS[k],
        audience: k === 'ad_hoc' ? 'unit' : DUTY_KIND_AUDIENCE[k],
        recipient: k === 'ad_hoc' ? 'committee_office' : DUTY_KIND_RECIPIENT[k],
      })),
      states: TASK_STATE_LABELS,
      transitions: TRANSITIONS,
      actions: TASK_ACTIONS.map((a) => ({ action: a, ...TASK_ACTION_RULES[a] })),
      /** What a task's history names each recorded action (events[].action). */
      events: TASK_EVENT_LABELS,
      /** The reasons the service gives itself (events[].reasonCode). */
      reasons: SYSTEM_REASONS,
      itemProgress: ITEM_PROGRESS_LABELS,
    };
  }

  @RequirePermission('plans.read')
  @Get('plans/:id/duty-rules')
  getRules(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return this.rules.view(id, actor);
  }
  @RequirePermission('duties.rules')
  @Put('plans/:id/duty-rules')
  putRules(@Param('id', IdParamPipe) id: number, @Body() dto: ReplaceDutyRulesDto, @CurrentActor() actor: Actor) {
    return this.rules.replace(id, dto.overrides, dto.version, actor);
  }

  /** Adds missing tasks, moves due dates, cancels what no longer applies; reports each change. */
  @RequirePermission('duties.generate')
  @Post('duties/generate')
  @HttpCode(200)
  async generate(@Body() dto: GenerateDutiesDto, @CurrentActor() actor: Actor) {
    // One audit entry per plan generated, not one per task and item.
    const reports = await asBulkWork(() => this.generation.generate(dto, actor));
    if (!dto.dryRun) {
      for (const r of reports)
        await this.audit.record({
          action: 'generate',
          entity: 'plan',
          entityId: r.planId,
          after: {
            added: r.added.length,
            moved: r.moved.length,
            cancelled: r.cancelled.length,
            revived: r.revived.length,
          },
        });
    }
    return reports;
  }

  @RequirePermission('tasks.read')
  @CachedRead()
  @Get('tasks')
  list(@Query() query: TaskFilterDto, @CurrentActor() actor: Actor) {
    return this.tasks.list(actor, query);
  }
  /** 交办: an ad hoc task for one unit. */
  @RequirePermission('tasks.assign')
  @Post('tasks')
  createAdHoc(@Body() dto: CreateAdHocTaskDto, @CurrentActor() actor: Actor) {
    return this.lifecycle.createAdHoc(dto, actor);
  }
  @RequirePermission('tasks.read')
  @Get('tasks/:id')
  get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return this.details.detail(id, actor);
  }
  @RequirePermission('tasks.assign')
  @Patch('tasks/:id')
  update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateTaskDto, @CurrentActor() actor: Actor) {
    return this.lifecycle.update(id, dto, actor);
  }

  /** acknowledge | start | submit | accept | return | cancel | reopen; 409 lists the allowed ones. */
  @RequirePermission('tasks.act')
  @Post('tasks/:id/actions/:action')
  @HttpCode(200)
  async act(
    @Param('id', IdParamPipe) id: number,
    @Param('action') action: string,
    @Body() dto: TaskActionDto,
    @CurrentActor() actor: Actor,
  ) {
    if (!isTaskAction(action)) {
      throw new BadRequestError('UNKNOWN_ACTION', `unknown action ${action}; actions: ${TASK_ACTIONS.join(', ')}`, {
        fields: [{ field: 'action', problems: [`one of ${TASK_ACTIONS.join(', ')}`] }],
      });
    }
    await this.lifecycle.act(id, action, dto, actor);
    return this.details.detail(id, actor);
  }

  @RequirePermission('tasks.work')
  @Patch('tasks/:id/items/:itemId')
  updateItem(
    @Param('id', IdParamPipe) id: number,
    @Param('itemId', IdParamPipe) itemId: number,
    @Body() dto: UpdateItemProgressDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.items.update(id, itemId, dto, actor);
  }

  @RequirePermission('tasks.work')
  @Post('tasks/:id/extension-requests')
  requestExtension(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: CreateExtensionRequestDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.lifecycle.requestExtension(id, dto, actor);
  }
  @RequirePermission('tasks.read')
  @Get('extension-requests')
  listExtensions(@Query() query: ExtensionFilterDto, @CurrentActor() actor: Actor) {
    return this.lifecycle.listExtensions(query, actor);
  }
  @RequirePermission('tasks.assign')
  @Post('extension-requests/:id/decision')
  @HttpCode(200)
  decide(@Param('id', IdParamPipe) id: number, @Body() dto: DecideExtensionDto, @CurrentActor() actor: Actor) {
    return this.lifecycle.decideExtension(id, dto, actor);
  }

  @RequirePermission('tasks.work')
  @Post('tasks/:id/attachments')
  @AcceptsUpload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, itemId: { type: 'integer' } },
      required: ['file'],
    },
  })
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @Param('id', IdParamPipe) id: number,
    @UploadedFile() file: UploadedFileShape | undefined,
    @Body() dto: AttachmentUploadDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.attachments.upload(id, file, dto.itemId, actor);
  }
  @RequirePermission('tasks.read')
  @Get('tasks/:id/attachments')
  listAttachments(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return this.attachments.list(id, actor);
  }
  @RequirePermission('tasks.read')
  @Get('tasks/:id/attachments/:attachmentId')
  async download(
    @Param('id', IdParamPipe) id: number,
    @Param('attachmentId', IdParamPipe) attachmentId: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { attachment, stream } = await this.attachments.open(id, attachmentId, actor);
    return download(res, {
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      body: stream,
      length: attachment.size,
    });
  }
  @RequirePermission('tasks.work')
  @Delete('tasks/:id/attachments/:attachmentId')
  @HttpCode(204)
  async removeAttachment(
    @Param('id', IdParamPipe) id: number,
    @Param('attachmentId', IdParamPipe) attachmentId: number,
    @CurrentActor() actor: Actor,
  ) {
    await this.attachments.remove(id, attachmentId, actor);
  }
}
