import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './audit.dto.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'the audit trail of the caller\'s committee, newest first; filters who, action, entity, from, to' })
  list(@Query() query: AuditQueryDto, @CurrentActor() actor: Actor) {
    return this.audit.list(actor.committeeId!, query);
  }
}
