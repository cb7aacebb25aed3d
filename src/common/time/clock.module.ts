import { Global, Logger, Module, type Provider } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CLOCK, OffsetClock, SystemClock, type Clock } from './clock.js';

/**
 * The one time source of the service, injectable everywhere as CLOCK.
 * LUOSHI_NOW set: an OffsetClock that starts there and runs on in real time (demos, acceptance
 * checks), announced by a loud warning at start; otherwise the system clock.
 * Tests replace the provider with a FixedClock (test/helpers/test-app.ts, option `clock`).
 */
export function clockFor(config: Pick<AppConfig, 'now'>, logger: Pick<Logger, 'warn'> = new Logger('Clock')): Clock {
  if (!config.now) return new SystemClock();
  const clock = new OffsetClock(config.now);
  logger.warn(
    `!!! LUOSHI_NOW is set: this instance runs on a SIMULATED clock that started at ${clock.now().toISOString()} ` +
      `(${config.now}) and advances in real time. Deadlines, task statuses, rates and reminders follow it, not the real date ` +
      `(real time now ${new Date().toISOString()}). Unset LUOSHI_NOW for production. !!!`,
  );
  return clock;
}

const clockProvider: Provider = {
  provide: CLOCK,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => clockFor(config),
};

@Global()
@Module({ providers: [clockProvider], exports: [CLOCK] })
export class ClockModule {}
