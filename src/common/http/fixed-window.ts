/**
 * Counts events per client key in fixed one-minute windows (by the injected clock's time): the
 * limit on expensive routes and on guessed calendar feed addresses. At most `maxKeys` keys are
 * held; when full, ended windows are dropped first.
 */
export class FixedWindowCounter {
  private readonly entries = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** The count of `key`'s current window (0 when it has none). */
  count(key: string, now: number): number {
    const entry = this.current(key, now);
    return entry ? entry.count : 0;
  }

  /** Counts one for `key` and returns its window's count. */
  hit(key: string, now: number): number {
    let entry = this.current(key, now);
    if (!entry) {
      if (this.entries.size >= this.maxKeys)
        for (const [k, v] of this.entries) if (now - v.start >= this.windowMs) this.entries.delete(k);
      entry = { start: now, count: 0 };
      this.entries.set(key, entry);
    }
    return ++entry.count;
  }

  /** Whole seconds until `key`'s window ends (at least 1): the Retry-After of a refusal. */
  retryAfterSeconds(key: string, now: number): number {
    const entry = this.current(key, now);
    return entry ? Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000)) : 1;
  }

  private current(key: string, now: number) {
    const entry = this.entries.get(key);
    // A clock set back (tests, LUOSHI_NOW) starts a new window rather than extending an old one.
    return entry && now - entry.start < this.windowMs && now >= entry.start ? entry : undefined;
  }
}
