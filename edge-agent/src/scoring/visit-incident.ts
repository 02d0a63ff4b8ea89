import type { IncidentPhase } from "@hailong/protocol";
import type { RaisedIncident } from "./incident-detector.js";

/**
 * One incident per dissatisfied visit (pure). The dwell detector says when a stretch of dissatisfaction
 * counts (an episode); this keeps the visit's incident: the first episode starts it, later episodes and
 * time above the threshold update it (peak, total time above, episodes, last seen), the visit's end ends it.
 * Only a quiet gap of `newAfterMs` (no frame above the threshold) lets a second incident start in one visit.
 */
export interface VisitIncidentOptions {
  /** Minimum time between two update messages that only report growth (a new episode is reported at once). */
  updateEveryMs: number;
  newAfterMs: number;
}

export interface VisitIncidentState {
  /** Which incident of the visit this is (0 for the first); the caller maps it to an incident id. */
  ordinal: number;
  onset: number;
  peak: number;
  peakAt: number;
  /** Total time above the threshold since the onset. */
  aboveMs: number;
  episodes: number;
  lastSeenAt: number;
  endedAt?: number;
}

export interface VisitIncidentChange {
  phase: IncidentPhase;
  state: VisitIncidentState;
}

export interface IncidentObservation {
  ts: number;
  dissatisfied: number;
  threshold: number;
  /** Observed time this frame stands for. */
  weightMs: number;
  /** Set when the dwell detector raised an episode on this frame. */
  raised?: RaisedIncident;
}

export function createVisitIncident(options: VisitIncidentOptions) {
  let current: VisitIncidentState | undefined;
  let ordinal = 0;
  let lastAboveAt: number | undefined;
  let reportedAt = 0;
  let dirty = false;

  const snapshot = (phase: IncidentPhase, at: number): VisitIncidentChange => {
    reportedAt = at;
    dirty = false;
    return { phase, state: { ...(current as VisitIncidentState) } };
  };

  function endAt(ts: number): VisitIncidentChange[] {
    if (current === undefined) return [];
    current.endedAt = ts;
    const change = snapshot("end", ts);
    current = undefined;
    ordinal += 1;
    return [change];
  }

  function grow(o: IncidentObservation): void {
    const state = current as VisitIncidentState;
    state.aboveMs += o.weightMs;
    state.lastSeenAt = o.ts;
    if (o.dissatisfied > state.peak) {
      state.peak = o.dissatisfied;
      state.peakAt = o.ts;
    }
    dirty = true;
  }

  return {
    observe(o: IncidentObservation): VisitIncidentChange[] {
      const out: VisitIncidentChange[] = [];
      const above = o.dissatisfied >= o.threshold;
      if (above) {
        if (current !== undefined && lastAboveAt !== undefined && o.ts - lastAboveAt >= options.newAfterMs) {
          out.push(...endAt(lastAboveAt));
        }
        lastAboveAt = o.ts;
      }
      if (o.raised && current === undefined) {
        const r = o.raised;
        current = {
          ordinal,
          onset: r.onset,
          peak: r.peak,
          peakAt: r.peakAt,
          aboveMs: r.durationMs,
          episodes: 1,
          lastSeenAt: o.ts,
        };
        out.push(snapshot("start", o.ts));
        return out;
      }
      if (current === undefined || !above) return out;
      grow(o);
      if (o.raised) {
        current.episodes += 1;
        out.push(snapshot("update", o.ts));
      } else if (dirty && o.ts - reportedAt >= options.updateEveryMs) out.push(snapshot("update", o.ts));
      return out;
    },
    /** The visit ended: the open incident (if any) ends with it. */
    end(ts: number): VisitIncidentChange[] {
      return endAt(ts);
    },
  };
}

export type VisitIncident = ReturnType<typeof createVisitIncident>;
