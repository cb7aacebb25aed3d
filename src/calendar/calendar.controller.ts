import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RequirePermission } from '../access/require-permission.decorator.js';
import { CurrentActor, type Actor } from '../access/actor.js';
import { NotFoundError } from '../common/errors/app-error.js';
import { download } from '../common/http/download.js';
import { CalendarService } from './calendar.service.js';
import { FeedQueryDto } from './calendar.dto.js';

/** Deadline calendars: one's own secret feed address, and the feed itself (the address is the credential). */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('feed')
  @RequirePermission('tokens.own')
  @ApiOperation({ summary: 'whether you have a feed address (the address itself is shown only when made)' })
  status(@CurrentActor() actor: Actor) {
    return this.calendar.status(actor.userId!);
  }

  @Post('feed')
  @RequirePermission('tokens.own')
  @ApiOperation({
    summary: 'make (or reset) your feed address: the answer holds it, once; any earlier address stops working',
  })
  reset(@CurrentActor() actor: Actor) {
    return this.calendar.reset(actor.userId!, actor.committeeId);
  }

  @Delete('feed')
  @RequirePermission('tokens.own')
  @HttpCode(200)
  @ApiOperation({ summary: 'revoke your feed address' })
  revoke(@CurrentActor() actor: Actor) {
    return this.calendar.revoke(actor.userId!, actor.committeeId);
  }

  /** Calendar clients cannot log in: the secret in the address is the credential. */
  @Get('feed/:file')
  @Public()
  @ApiOperation({
    summary:
      "the iCalendar feed (text/calendar) of the open tasks the address's user sees; ?plan=&unit=&kind= narrow it",
  })
  async feed(
    @Param('file') file: string,
    @Query() query: FeedQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const token = /^(.{1,100})\.ics$/.exec(file)?.[1];
    if (!token) throw new NotFoundError('CalendarFeed', file.slice(0, 8));
    const text = await this.calendar.feed(token, req.ip ?? 'unknown', {
      planId: query.plan,
      unitId: query.unit,
      kind: query.kind,
    });
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Referrer-Policy', 'no-referrer');
    return download(res, {
      fileName: 'luoshi-deadlines.ics',
      contentType: 'text/calendar; charset=utf-8',
      body: Buffer.from(text, 'utf8'),
    });
  }
}
