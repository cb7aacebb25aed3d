import { Inject, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CLOCK, type Clock } from '../time/clock.js';
import { AppError } from '../errors/app-error.js';
import { FixedWindowCounter } from './fixed-window.js';

/** One counter per application (keyed by its configuration), shared by every module's guard instance. */
const counters = new WeakMap<object, FixedWindowCounter>();

/**
 * Imports and exports parse uploads or build whole workbooks: each client address gets
 * limits.expensiveRequestsPerMinute of them per minute (all such routes together), then
 * 429 TOO_MANY_REQUESTS with Retry-After. (@nestjs/throttler is CommonJS requiring the ESM-only
 * Nest 12, which Jest cannot load; this fixed window is all these routes need.)
 */
@Injectable()
export class ExpensiveRouteGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const now = this.clock.now().getTime();
    let counter = counters.get(this.config);
    if (!counter) counters.set(this.config, (counter = new FixedWindowCounter()));
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const limit = this.config.limits.expensiveRequestsPerMinute;
    if (counter.hit(key, now) <= limit) return true;
    const retryAfter = counter.retryAfterSeconds(key, now);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new AppError(
      429,
      'TOO_MANY_REQUESTS',
      `at most ${limit} imports and exports a minute; try again in ${retryAfter} s`,
      { limit, retryAfterSeconds: retryAfter },
    );
  }
}

/** Marks an import or export route as expensive (see ExpensiveRouteGuard). */
export const Expensive = () => UseGuards(ExpensiveRouteGuard);
