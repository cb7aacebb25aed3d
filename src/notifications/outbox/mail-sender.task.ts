import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { SchedulerService, type RecurringTask } from '../../scheduling/scheduler.service.js';
import { MAIL_DRIVER, type MailDriver } from '../mail/drivers/mail-driver.js';
import { OutboxSender } from './outbox-sender.js';
import { OutboxService } from './outbox.service.js';

/**
 * Every instance sends: every mail.pollSeconds, and at once when something was queued. The claim
 * protocol keeps two senders off the same message.
 */
@Injectable()
export class MailSenderTask implements RecurringTask, OnModuleInit, OnApplicationShutdown {
  readonly name = 'mail-sender';
  readonly everySeconds: number;
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly sender: OutboxSender,
    private readonly outbox: OutboxService,
    private readonly scheduler: SchedulerService,
    @Inject(MAIL_DRIVER) private readonly driver: MailDriver,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.everySeconds = config.mail.pollSeconds;
  }

  onModuleInit(): void {
    this.scheduler.registerRecurring(this);
    this.outbox.onQueued(() => {
      if (this.scheduler.timersRunning) setImmediate(() => void this.scheduler.runRecurring(this));
    });
    this.logger.log(`mail goes to: ${this.driver.describe()}`);
  }

  run(now: Date): Promise<unknown> {
    void now;
    // The sender reads the clock per batch itself; `now` only matters to tests that pass it explicitly.
    return this.sender.sendPending();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}
