/**
 * Retry schedule for SMS sends (pure). Exponential with a cap and deterministic "full jitter" drawn from a
 * caller-supplied number in [0, 1), so tests can pin it and a burst of 429s does not retry in lock-step.
 */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, factor: 2, maxMs: 60_000 };

/** Delay before attempt `attempt + 1`, given `attempt` attempts already failed (attempt >= 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, jitter = 0.5): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  // Half fixed, half jittered: never retries sooner than ceiling/2, never later than the ceiling.
  const clamped = Math.min(Math.max(jitter, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * clamped);
}

/**
 * A provider's Retry-After (seconds) wins when it is longer than our own schedule, but never past maxMs so
 * one bad header cannot park an alert beyond its validity period.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  jitter = 0.5,
): number {
  const own = backoffDelay(attempt, policy, jitter);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= own) return own;
  return Math.min(retryAfterMs, policy.maxMs);
}
