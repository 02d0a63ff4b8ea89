import type { AnalysedFace } from "@hailong/models";
import type { SatisfactionLevel } from "@hailong/protocol";
import { createIncidentDetector, type IncidentPolicy, type RaisedIncident } from "./incident-detector.js";
import { clampScore, createLevelTally, mapExpression } from "./satisfaction.js";
import { createEma, createLevelHysteresis } from "./smoothing.js";
import { createVisitBaseline, DEFAULT_VISIT_BASELINE, type VisitBaselineOptions } from "./visit-baseline.js";

export interface TrackScorerOptions {
  emaHalfLifeMs: number;
  levelHysteresis: number;
  incident: IncidentPolicy;
  /** per-visit baseline of P(dissatisfied) feeding the incident detector (liftWeight 0: absolute only) */
  baseline?: VisitBaselineOptions;
}

export interface ScoredObservation {
  level: SatisfactionLevel;
  score: number;
  /** smoothed P(dissatisfied) */
  dissatisfied: number;
  incident?: RaisedIncident;
}

/** Smoothing, level, time-weighted tally and incident dwell for one tracked face; pure. */
export function createTrackScorer(options: TrackScorerOptions) {
  const ema = createEma(options.emaHalfLifeMs);
  const hysteresis = createLevelHysteresis(options.levelHysteresis);
  const tally = createLevelTally();
  const incidents = createIncidentDetector(options.incident);
  const baseline = createVisitBaseline(options.baseline ?? DEFAULT_VISIT_BASELINE);
  let last: ScoredObservation | undefined;
  let frames = 0;

  return {
    /** weightMs: observed time this frame stands for; watchIncidents: false before the visit has started. */
    observe(ts: number, face: AnalysedFace, weightMs: number, watchIncidents: boolean): ScoredObservation {
      const mapped = mapExpression(face.expression);
      const [score, dissatisfied] = ema.update(ts, [mapped.score, face.dissatisfied]) as [number, number];
      const level = hysteresis.update(score);
      tally.add(level, score, weightMs);
      frames += 1;
      const signal = baseline.observe(ts, dissatisfied);
      const incident = watchIncidents ? incidents.observe(ts, signal) : undefined;
      last = { level, score: clampScore(score), dissatisfied, ...(incident ? { incident } : {}) };
      return last;
    },
    setIncidentPolicy: (policy: IncidentPolicy) => incidents.setPolicy(policy),
    last: () => last,
    frames: () => frames,
    tally,
  };
}

export type TrackScorer = ReturnType<typeof createTrackScorer>;
