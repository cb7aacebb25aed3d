import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../../common/validation/id-param.pipe.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { OutboxSender } from '../outbox/outbox-sender.js';
import { OUTBOX_STATUSES } from '../outbox/mail-outbox.entity.js';
import { buildEml, composer } from './drivers/local-mailbox.driver.js';
import type { Page } from '../../common/pagination/list-query.dto.js';
import { ListMailQueryDto, toSummary, toView, withheld, type MailSummaryView, type OutboxSummary } from './mail.dto.js';
import { RequirePermission } from '../../access/require-permission.decorator.js';
import { committeeOf, CurrentActor, type Actor } from '../../access/actor.js';
import { AppError } from '../../common/errors/app-error.js';

const NOT_SENT = OUTBOX_STATUSES.filter((s) => s !== 'sent');

/**
 * The mail the service writes. /api/mail is the mailbox (every message, whatever became of it;
 * with the local driver nothing leaves the machine and this is where to read it);
 * /api/mail/outbox is the delivery view for the office: what is waiting, retrying, failed or
 * rejected, and why. An office reads its own committee's mail only (another's is a 404), and
 * never the body of a password reset: its one-time link is for the recipient alone.
 */
@ApiTags('mail')
@Controller('mail')
export class MailController {
  private readonly emlComposer = composer();

  constructor(
    private readonly outbox: OutboxService,
    private readonly sender: OutboxSender,
  ) {}

  @RequirePermission('mail.read')
  @Get()
  @ApiOperation({ summary: 'messages, newest first; filters status, kind, recipient' })
  async list(@Query() query: ListMailQueryDto, @CurrentActor() actor: Actor): Promise<Page<MailSummaryView>> {
    const page = await this.outbox.list({ ...query, committeeId: committeeOf(actor) });
    return { ...page, items: page.items.map(toSummary) };
  }

  @RequirePermission('mail.read')
  @Get('outbox')
  @ApiOperation({
    summary:
      'delivery view: messages not sent (queued, sending, failed, rejected, cancelled) unless status says otherwise',
  })
  async outboxList(@Query() query: ListMailQueryDto, @CurrentActor() actor: Actor): Promise<Page<MailSummaryView>> {
    const page = await this.outbox.list({
      ...query,
      committeeId: committeeOf(actor),
      status: query.status?.length ? query.status : NOT_SENT,
      sort: query.sort ?? 'nextAttemptAt',
    });
    return { ...page, items: page.items.map(toSummary) };
  }

  @RequirePermission('mail.read')
  @Get('outbox/summary')
  @ApiOperation({ summary: 'messages per status and where mail goes' })
  async summary(@CurrentActor() actor: Actor): Promise<OutboxSummary> {
    return {
      driver: this.sender.driverName,
      deliversTo: this.sender.describeDriver(),
      counts: await this.outbox.countByStatus(committeeOf(actor)),
    };
  }

  @RequirePermission('mail.manage')
  @Post('outbox/send')
  @HttpCode(200)
  @ApiOperation({ summary: 'deliver what is due now (the service also does this every few seconds)' })
  async sendPending() {
    const { outcomes: _outcomes, ...report } = await this.sender.sendPending();
    return report;
  }

  @RequirePermission('mail.manage')
  @Post('outbox/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'send a failed, rejected or cancelled message again' })
  async retry(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return toView(await this.outbox.retry(id, committeeOf(actor)));
  }

  @RequirePermission('mail.read')
  @Get(':id')
  async get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return toView(await this.outbox.get(id, committeeOf(actor)));
  }

  @RequirePermission('mail.read')
  @Get(':id/eml')
  @ApiOperation({ summary: 'the message as an .eml file, exactly as it is (or was) sent' })
  async eml(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const message = await this.outbox.get(id, committeeOf(actor));
    if (withheld(message))
      throw new AppError(
        403,
        'MAIL_WITHHELD',
        `message ${id} holds a one-time password reset link for its recipient only`,
        {
          kind: message.kind,
        },
      );
    const bytes = await buildEml(this.emlComposer, this.sender.outgoing(message));
    // The type rides on the file, not the route: a refusal still answers JSON.
    return new StreamableFile(bytes, {
      type: 'message/rfc822',
      disposition: `attachment; filename="luoshi-mail-${id}.eml"`,
    });
  }
}
