export interface IncidentPolicy {
  /** smoothed P(dissatisfied) at or above which the dwell timer runs */
  threshold: number;
  /** time above the threshold before an incident is raised */
  dwellMs: number;
  /** re-arm only after dropping below threshold − hysteresis ... */
  hysteresis: number;
  /** ... for this long */
  rearmMs: number;
}

export interface RaisedIncident {
  onset: number;
  peak: number;
  peakAt: number;
  durationMs: number;
}

/**
 * Dwell-time incident detector for one visit, fed with the smoothed dissatisfied probability.
 * Raises once per episode: after raising it is disarmed until the signal has stayed below
 * threshold − hysteresis for rearmMs, so one long frown is one SMS and two separate ones are two.
 */
export function createIncidentDetector(initial: IncidentPolicy) {
  let policy = initial;
  let armed = true;
  let onset: number | undefined;
  let peak = 0;
  let peakAt = 0;
  let quietSince: number | undefined;

  return {
    setPolicy(next: IncidentPolicy): void {
      policy = next;
    },
    observe(ts: number, dissatisfied: number): RaisedIncident | undefined {
      if (dissatisfied >= policy.threshold) {
        quietSince = undefined;
        if (onset === undefined) {
          onset = ts;
          peak = 0;
        }
        if (dissatisfied > peak) {
          peak = dissatisfied;
          peakAt = ts;
        }
        if (armed && ts - onset >= policy.dwellMs) {
          armed = false;
          return { onset, peak, peakAt, durationMs: Math.round(ts - onset) };
        }
        return undefined;
      }
      onset = undefined;
      if (!armed) {
        if (dissatisfied < policy.threshold - policy.hysteresis) {
          quietSince ??= ts;
          if (ts - quietSince >= policy.rearmMs) {
            armed = true;
            quietSince = undefined;
          }
        } else quietSince = undefined;
      }
      return undefined;
    },
    isArmed: () => armed,
  };
}

export type IncidentDetector = ReturnType<typeof createIncidentDetector>;
