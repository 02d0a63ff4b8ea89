import type { AnalysedFace, DetectedFace } from "@hailong/models";
import {
  type CounterTuning,
  newId as defaultNewId,
  INCIDENT_MESSAGE_VERSION,
  type IncidentMessage,
  PROTOCOL_VERSION,
  type SatisfactionLevel,
  type VisitEvent,
} from "@hailong/protocol";
import type { CounterConfig } from "../config/schema.js";
import type { IncidentPolicy } from "../scoring/incident-detector.js";
import { createScoreWindows, type ScoreWindowBody } from "../scoring/score-window.js";
import { createTrackScorer, type TrackScorer } from "../scoring/track-scorer.js";
import { createVisitIncident, type VisitIncident, type VisitIncidentChange } from "../scoring/visit-incident.js";
import { createFaceTracker, DEFAULT_TRACKER_OPTIONS, type FaceTracker, type Track } from "../tracking/face-tracker.js";
import { partitionCountedFaces } from "../tracking/roi.js";
import type { OutboundEvent } from "./types.js";

/** A frame interval longer than this (a stall) counts as this much observed time, no more. */
const MAX_OBSERVATION_GAP_MS = 1000;

export interface CounterEngineOptions {
  agentId: string;
  counter: Pick<CounterConfig, "id" | "tuning" | "visit" | "scoring">;
  scoreWindowMs: number;
  newId?: (now: number) => string;
}

export interface AnalysedFrame {
  ts: number;
  width: number;
  height: number;
  /** classified faces; the engine keeps those that pass partitionCountedFaces under its current tuning */
  faces: readonly AnalysedFace[];
  /** faces the pipeline left out before classification (outside the ROI or too small); drawn, never scored */
  outside?: readonly DetectedFace[];
}

/** A face of the last frame as the snapshot draws it; only counted faces carry a level and score. */
export type ScoredFace =
  | {
      face: AnalysedFace;
      inRoi: true;
      level: SatisfactionLevel;
      score: number;
      dissatisfied: number;
      visitId?: string;
    }
  | { face: DetectedFace; inRoi: false };

interface Visit {
  visitId: string;
  startedAt: number;
  seq: number;
  lastEventTs: number;
  /** The visit's incident lifecycle; incident ids by ordinal (a second incident only after a long quiet gap). */
  incident: VisitIncident;
  incidentIds: string[];
}

interface TrackState {
  scorer: TrackScorer;
  visit?: Visit;
}

/** What the engine's parts share: the counter, its clocks and ids, and one scorer per live track. */
interface EngineState {
  agentId: string;
  counter: CounterEngineOptions["counter"];
  makeId: (now: number) => string;
  tuning: CounterTuning;
  tracker: FaceTracker<AnalysedFace>;
  states: Map<number, TrackState>;
  windows: ReturnType<typeof createScoreWindows>;
  prevFrameTs: number | undefined;
}

function incidentPolicy(s: EngineState): IncidentPolicy {
  return {
    threshold: s.tuning.dissatisfiedThreshold,
    dwellMs: s.tuning.dwellMs,
    hysteresis: s.counter.scoring.incidentHysteresis,
    rearmMs: s.counter.scoring.incidentRearmMs,
  };
}

function base(s: EngineState, ts: number) {
  return {
    v: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
    id: s.makeId(ts),
    agentId: s.agentId,
    counterId: s.counter.id,
    ts,
  };
}

function visitEvent(
  s: EngineState,
  kind: VisitEvent["kind"],
  ts: number,
  state: TrackState,
  track: Track,
): OutboundEvent {
  const visit = state.visit as Visit;
  const tally = state.scorer.tally;
  const last = state.scorer.last();
  const endedAt = kind === "end" ? track.lastSeen : undefined;
  const message: VisitEvent = {
    ...base(s, ts),
    kind,
    visitId: visit.visitId,
    seq: visit.seq++,
    startedAt: visit.startedAt,
    ...(endedAt === undefined ? {} : { endedAt }),
    durationMs: Math.max(0, Math.round((endedAt ?? ts) - visit.startedAt)),
    frames: state.scorer.frames(),
    shares: tally.shares(),
    score: (kind === "end" ? tally.score() : last?.score) ?? last?.score ?? 50,
    level: kind === "end" && tally.observedMs() > 0 ? tally.overallLevel() : (last?.level ?? "neutral"),
  };
  visit.lastEventTs = ts;
  return { kind: "visit", message };
}

function incidentEvent(s: EngineState, ts: number, visit: Visit, change: VisitIncidentChange): OutboundEvent {
  const { state } = change;
  visit.incidentIds[state.ordinal] ??= s.makeId(ts);
  const message: IncidentMessage = {
    ...base(s, ts),
    v: INCIDENT_MESSAGE_VERSION,
    incidentId: visit.incidentIds[state.ordinal] as string,
    visitId: visit.visitId,
    phase: change.phase,
    onset: Math.round(state.onset),
    peak: Math.min(1, Math.max(0, state.peak)),
    peakAt: Math.round(state.peakAt),
    durationMs: Math.round(state.aboveMs),
    episodes: state.episodes,
    lastSeenAt: Math.round(state.lastSeenAt),
    ...(state.endedAt === undefined ? {} : { endedAt: Math.round(Math.max(state.endedAt, state.lastSeenAt)) }),
    threshold: s.tuning.dissatisfiedThreshold,
    test: false,
  };
  return { kind: "incident", message };
}

function windowEvents(s: EngineState, bodies: ScoreWindowBody[], ts: number): OutboundEvent[] {
  return bodies.map((body): OutboundEvent => ({ kind: "score", message: { ...base(s, ts), ...body } }));
}

function endTracks(s: EngineState, tracks: Track[], ts: number): OutboundEvent[] {
  const out: OutboundEvent[] = [];
  for (const track of tracks) {
    const state = s.states.get(track.id);
    s.states.delete(track.id);
    const visit = state?.visit;
    if (!state || !visit) continue;
    for (const change of visit.incident.end(track.lastSeen)) out.push(incidentEvent(s, ts, visit, change));
    out.push(visitEvent(s, "end", ts, state, track));
  }
  return out;
}

function trackState(s: EngineState, track: Track): TrackState {
  let state = s.states.get(track.id);
  if (!state) {
    state = {
      scorer: createTrackScorer({
        emaHalfLifeMs: s.counter.scoring.emaHalfLifeMs,
        levelHysteresis: s.counter.scoring.hysteresis,
        incident: incidentPolicy(s),
        baseline: s.counter.scoring.visitBaseline,
      }),
    };
    s.states.set(track.id, state);
  }
  return state;
}

function openVisit(s: EngineState, track: Track, ts: number): Visit {
  return {
    visitId: s.makeId(track.firstSeen),
    startedAt: track.firstSeen,
    seq: 0,
    lastEventTs: ts,
    incident: createVisitIncident({
      updateEveryMs: s.counter.visit.updateEveryMs,
      newAfterMs: s.counter.scoring.incidentNewAfterMs,
    }),
    incidentIds: [],
  };
}

function observe(s: EngineState, ts: number, track: Track, face: AnalysedFace, weight: number): OutboundEvent[] {
  const state = trackState(s, track);
  const out: OutboundEvent[] = [];
  const scored = state.scorer.observe(ts, face, weight, state.visit !== undefined);
  if (!state.visit && track.hits >= s.counter.visit.startFrames) {
    state.visit = openVisit(s, track, ts);
    out.push(visitEvent(s, "start", ts, state, track));
  } else if (state.visit && ts - state.visit.lastEventTs >= s.counter.visit.updateEveryMs) {
    out.push(visitEvent(s, "update", ts, state, track));
  }
  if (state.visit) {
    s.windows.observe(state.visit.visitId, scored.level, scored.score, weight);
    const visit = state.visit;
    const changes = visit.incident.observe({
      ts,
      dissatisfied: scored.dissatisfied,
      threshold: s.tuning.dissatisfiedThreshold,
      weightMs: weight,
      ...(scored.incident ? { raised: scored.incident } : {}),
    });
    for (const change of changes) out.push(incidentEvent(s, ts, visit, change));
  }
  return out;
}

function processFrame(s: EngineState, frame: AnalysedFrame): { events: OutboundEvent[]; faces: ScoredFace[] } {
  const { ts } = frame;
  const events = windowEvents(s, s.windows.advance(ts), ts);
  const weight = s.prevFrameTs === undefined ? 0 : Math.min(Math.max(0, ts - s.prevFrameTs), MAX_OBSERVATION_GAP_MS);
  s.prevFrameTs = ts;
  // Normally a no-op (the pipeline filtered before classifying); catches tuning pushed during that frame.
  const { counted, outside } = partitionCountedFaces(frame.faces, frame.width, frame.height, s.tuning);
  const update = s.tracker.update(ts, counted);
  events.push(...endTracks(s, update.expired, ts));
  const scored: ScoredFace[] = [];
  for (const { track, face } of update.assigned) {
    events.push(...observe(s, ts, track, face, weight));
    const state = s.states.get(track.id) as TrackState;
    const last = state.scorer.last();
    if (last) {
      scored.push({
        face,
        inRoi: true,
        level: last.level,
        score: last.score,
        dissatisfied: last.dissatisfied,
        ...(state.visit ? { visitId: state.visit.visitId } : {}),
      });
    }
  }
  if (counted.length > 0 && [...s.states.values()].some((t) => t.visit)) s.windows.addObservedMs(weight);
  for (const t of s.states.values()) if (t.visit) s.windows.markVisit(t.visit.visitId);
  const notScored = [...outside, ...(frame.outside ?? [])];
  const faces = [...scored, ...notScored.map((face): ScoredFace => ({ face, inRoi: false }))];
  return { events, faces };
}

/**
 * The pure heart of a counter: analysed frames in (on the frame clock), protocol events out.
 * (ROI/size check) -> tracker -> per-track smoothing and scoring -> visits, incidents, score windows.
 */
export function createCounterEngine(options: CounterEngineOptions) {
  const { counter } = options;
  const s: EngineState = {
    agentId: options.agentId,
    counter,
    makeId: options.newId ?? defaultNewId,
    tuning: counter.tuning,
    tracker: createFaceTracker<AnalysedFace>({
      ...DEFAULT_TRACKER_OPTIONS,
      maxAgeMs: counter.visit.endAfterMs,
      confirmHits: counter.visit.startFrames,
    }),
    states: new Map<number, TrackState>(),
    windows: createScoreWindows(options.scoreWindowMs),
    prevFrameTs: undefined,
  };

  return {
    processFrame: (frame: AnalysedFrame): { events: OutboundEvent[]; faces: ScoredFace[] } => processFrame(s, frame),
    /** Advances the clock without a frame (camera idle or lost): closes windows and stale visits. */
    tick(ts: number): OutboundEvent[] {
      const events = windowEvents(s, s.windows.advance(ts), ts);
      events.push(...endTracks(s, s.tracker.update(ts, []).expired, ts));
      return events;
    },
    /** Input ended: ends every open visit and flushes the partial score window. */
    finish(ts: number): OutboundEvent[] {
      const events = endTracks(s, s.tracker.flush(), ts);
      events.push(...windowEvents(s, s.windows.flush(ts), ts));
      return events;
    },
    applyTuning(next: CounterTuning): void {
      s.tuning = next;
      for (const state of s.states.values()) state.scorer.setIncidentPolicy(incidentPolicy(s));
    },
    tuning: (): CounterTuning => s.tuning,
    openVisits: (): number => [...s.states.values()].filter((t) => t.visit).length,
  };
}

export type CounterEngine = ReturnType<typeof createCounterEngine>;
