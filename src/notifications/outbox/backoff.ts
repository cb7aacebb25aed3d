/**
 * Delay before the next delivery attempt after `attempts` failed ones: base, 2×base, 4×base …
 * capped at max. Deterministic (no jitter): a message's schedule can be predicted and tested;
 * instances do not stampede because each message carries its own next_attempt_at.
 */
export function backoffSeconds(attempts: number, baseSeconds: number, maxSeconds: number): number {
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError(`attempts must be a whole number >= 1, got ${attempts}`);
  const cap = Math.max(baseSeconds, maxSeconds);
  // 2^30 already exceeds any sensible cap; avoids Infinity for large attempt counts.
  return Math.min(cap, baseSeconds * 2 ** Math.min(attempts - 1, 30));
}
