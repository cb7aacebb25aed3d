import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { addDays } from '../common/time/calendar-date.util.js';
import { decideSlot, type DailySchedule } from './daily-slots.js';
import type { SchedulerSlot, SlotResult } from './scheduler-slot.entity.js';
import { INSTANCE_ID } from './instance-id.js';
import { SlotClaimsService } from './slot-claims.service.js';

/** What a daily job is told when its slot runs. */
export interface DailySlotRun {
  name: string;
  /** The slot's local date: "today" for the job. */
  localDate: string;
  /**
   * The previous slot's date (the job covers the days after it up to localDate), or null on the
   * very first run. More than one day back means slots were missed (outage) and are caught up now.
   */
  previousLocalDate: string | null;
  now: Date;
  catchUp: boolean;
  /** 2 or more when this instance took the slot over from one that died mid-run. */
  run: number;
}

/** A job that runs once a day, at a local time, once across all instances. */
export interface DailyJob {
  /** Slot name in the database, e.g. 'reminders'. */
  readonly name: string;
  schedule(): Promise<DailySchedule> | DailySchedule;
  /** True: a new installation's first slot runs at once rather than at the day's time. */
  firstRunAnyHour?(): boolean;
  /** Must be idempotent: a slot whose claimant died mid-run is run again by another instance. */
  run(slot: DailySlotRun): Promise<SlotResult | void>;
}

/** Other work an instance does on every tick (e.g. sending queued mail); safe to run everywhere at once. */
export interface RecurringTask {
  readonly name: string;
  /** Seconds between runs. */
  readonly everySeconds: number;
  run(now: Date): Promise<unknown>;
}

export interface TickReport {
  name: string;
  action: 'ran' | 'took-over' | 'skipped' | 'lost' | 'failed';
  slotKey?: string;
  previousKey?: string | null;
  reason?: string;
  result?: SlotResult | void;
  error?: string;
}

const TICK_INTERVAL = 'luoshi:scheduler-tick';

/**
 * Daily slots with @nestjs/schedule: every `scheduler.tickSeconds` each instance asks the database
 * whether a job's slot is due; the instance whose insert wins runs it, the others skip. Slots
 * missed while every instance was down are caught up by the first tick after start. Timers run in
 * the HTTP service only (not in CLI commands) and only with `scheduler.enabled`; tests call
 * `tick(now)` themselves.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly jobs: DailyJob[] = [];
  private readonly recurring: RecurringTask[] = [];
  private ticking: Promise<TickReport[]> | null = null;
  private readonly running = new Map<string, Promise<unknown>>();
  private started = false;

  constructor(
    private readonly claims: SlotClaimsService,
    private readonly registry: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INSTANCE_ID) readonly instanceId: string,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  register(job: DailyJob): void {
    if (!this.jobs.some((j) => j.name === job.name)) this.jobs.push(job);
  }

  registerRecurring(task: RecurringTask): void {
    if (!this.recurring.some((t) => t.name === task.name)) this.recurring.push(task);
  }

  get timersRunning(): boolean {
    return this.started;
  }

  onApplicationBootstrap(): void {
    // One-shot CLI commands build an application context without an HTTP adapter: no timers there.
    const server = this.adapterHost?.httpAdapter?.getHttpServer?.() as
      { listening?: boolean; once?: (event: string, fn: () => void) => void } | undefined;
    if (!this.config.scheduler.enabled || !server) return;
    // Start once the service listens: every module has finished starting (e.g. the demo data is loaded).
    if (server.listening) this.startTimers();
    else server.once?.('listening', () => this.startTimers());
  }

  private startTimers(): void {
    if (this.started) return;
    this.started = true;
    this.registry.addInterval(
      TICK_INTERVAL,
      setInterval(() => void this.tick().catch(() => undefined), this.config.scheduler.tickSeconds * 1000),
    );
    for (const task of this.recurring) {
      this.registry.addInterval(
        `luoshi:${task.name}`,
        setInterval(() => void this.runRecurring(task), task.everySeconds * 1000),
      );
    }
    // Catch up at start: slots missed while the service was down run now, not at the next tick.
    setImmediate(() => void this.tick().catch(() => undefined));
    this.logger.log(
      `timers started on ${this.instanceId}: daily jobs ${this.jobs.map((j) => j.name).join(', ') || '(none)'}; a tick every ${this.config.scheduler.tickSeconds}s`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) {
      for (const name of this.registry.getIntervals())
        if (name.startsWith('luoshi:')) this.registry.deleteInterval(name);
      this.started = false;
    }
    // Let a run in progress finish its transaction rather than cut it mid-way.
    await Promise.allSettled([this.ticking, ...this.running.values()]);
  }

  /** Runs a recurring task unless its previous run is still going. */
  runRecurring(task: RecurringTask, now: Date = this.clock.now()): Promise<unknown> {
    const current = this.running.get(task.name);
    if (current) return current;
    const run = task
      .run(now)
      .catch((error: unknown) =>
        this.logger.error(`${task.name} failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => this.running.delete(task.name));
    this.running.set(task.name, run);
    return run;
  }

  /**
   * One tick: for every daily job, takes over its stale slots, then claims and runs its due slot.
   * Concurrent calls in one instance share the tick in progress.
   */
  tick(now: Date = this.clock.now()): Promise<TickReport[]> {
    if (this.ticking) return this.ticking;
    this.ticking = this.tickJobs(now).finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async tickJobs(now: Date): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    for (const job of this.jobs) {
      try {
        reports.push(...(await this.tickJob(job, now)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error(`${job.name}: ${message}`);
        reports.push({ name: job.name, action: 'failed', error: message });
      }
    }
    return reports;
  }

  private async tickJob(job: DailyJob, now: Date): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    // 1. Slots whose claimant died before finishing them (they may hold the only copy of a day's reminders).
    const leaseMs = this.config.scheduler.slotLeaseSeconds * 1000;
    for (const slot of await this.claims.stale(job.name, new Date(now.getTime() - leaseMs))) {
      if (!(await this.claims.takeOver(slot, this.instanceId, now))) {
        reports.push({
          name: job.name,
          action: 'lost',
          slotKey: slot.slotKey,
          reason: 'another instance took it over',
        });
        continue;
      }
      this.logger.warn(
        `${job.name} ${slot.slotKey}: taking over from an instance that did not finish it (run ${slot.runs})`,
      );
      reports.push(await this.runSlot(job, slot, now, 'took-over'));
    }
    // 2. The slot due now, if nobody claimed it yet.
    const schedule = await job.schedule();
    const decision = decideSlot(
      now,
      schedule,
      await this.claims.lastKey(job.name),
      this.config.scheduler.maxCatchUpDays,
      job.firstRunAnyHour?.() ?? false,
    );
    if (!decision.run) {
      reports.push({ name: job.name, action: 'skipped', reason: decision.reason });
      return reports;
    }
    const slot = await this.claims.claimSlot(job.name, decision.slotKey, this.instanceId, now, decision.previousKey);
    if (!slot) {
      reports.push({
        name: job.name,
        action: 'lost',
        slotKey: decision.slotKey,
        reason: 'claimed by another instance',
      });
      return reports;
    }
    if (decision.catchUp)
      this.logger.warn(`${job.name}: catching up the days after ${decision.previousKey} in slot ${decision.slotKey}`);
    reports.push(await this.runSlot(job, slot, now, 'ran'));
    return reports;
  }

  private async runSlot(
    job: DailyJob,
    slot: SchedulerSlot,
    now: Date,
    action: 'ran' | 'took-over',
  ): Promise<TickReport> {
    const run: DailySlotRun = {
      name: job.name,
      localDate: slot.slotKey,
      previousLocalDate: slot.previousKey,
      now,
      catchUp: slot.previousKey !== null && addDays(slot.previousKey, 1) < slot.slotKey,
      run: slot.runs,
    };
    try {
      const result = await job.run(run);
      await this.claims.complete(slot, this.clock.now(), result ?? null);
      return { name: job.name, action, slotKey: slot.slotKey, previousKey: slot.previousKey, result };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(
        `${job.name} ${slot.slotKey} failed (it will be retried after ${this.config.scheduler.slotLeaseSeconds}s): ${message}`,
      );
      await this.claims.recordFailure(slot, error).catch(() => undefined);
      return { name: job.name, action: 'failed', slotKey: slot.slotKey, previousKey: slot.previousKey, error: message };
    }
  }
}
