/**
 * Time source. Domain code asks a Clock for "now" instead of calling `new Date()`, so tests can
 * pin time and a demo or staging instance can run "as of" another date (LUOSHI_NOW).
 */

import { isValidCalendarDate } from './calendar-date.util.js';

export interface Clock {
  now(): Date;
}

/** Injection token for the Clock (a symbol: an interface has no runtime presence). */
export const CLOCK = Symbol('CLOCK');

export type InstantInput = Date | string | number;

// Full ISO-8601 instant with an explicit zone: without one, Date.parse would silently use the
// host's zone and the same LUOSHI_NOW would mean different instants on different servers.
const ISO_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an instant; strings must be ISO-8601 with 'Z' or an offset. */
export function parseInstant(value: InstantInput): Date {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  // Date.parse rolls 2025-02-30 over to March; reject impossible dates instead.
  else if (ISO_INSTANT_RE.test(value.trim()) && isValidCalendarDate(value.trim().slice(0, 10)))
    ms = Date.parse(value.trim());
  else ms = NaN;
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `Invalid instant: ${JSON.stringify(value instanceof Date ? String(value) : value)} ` +
        `(expected ISO-8601 with Z or an offset, e.g. 2025-12-31T09:00:00+08:00)`,
    );
  }
  return new Date(ms);
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told to (tests). */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: InstantInput) {
    this.current = parseInstant(start).getTime();
  }

  now(): Date {
    // A fresh Date each call: callers mutating it must not move the clock.
    return new Date(this.current);
  }

  set(instant: InstantInput): void {
    this.current = parseInstant(instant).getTime();
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms)) throw new RangeError(`advance: ms must be finite, got ${ms}`);
    this.current += ms;
    return this.now();
  }
}

/**
 * Starts at a given instant and then runs in real time, so scheduled jobs still see time pass
 * while the instance pretends to live on another date.
 */
export class OffsetClock implements Clock {
  private readonly startMs: number;
  private readonly realStartMs: number;

  constructor(
    start: InstantInput,
    private readonly realNow: () => number = Date.now,
  ) {
    this.startMs = parseInstant(start).getTime();
    this.realStartMs = realNow();
  }

  now(): Date {
    return new Date(this.startMs + (this.realNow() - this.realStartMs));
  }
}

/** The clock for a LUOSHI_NOW value: unset or blank → system time; otherwise an OffsetClock. */
export function clockFromEnv(luoshiNow: string | undefined, realNow: () => number = Date.now): Clock {
  if (luoshiNow === undefined || luoshiNow.trim() === '') return new SystemClock();
  return new OffsetClock(luoshiNow, realNow);
}
