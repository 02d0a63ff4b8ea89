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
import { createFaceTracker, DEFAULT_TRACKER_OPTIONS, type Track } from "../tracking/face-tracker.js";
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

/**
 * The pure heart of a counter: analysed frames in (on the frame clock), protocol events out.
 * (ROI/size check) -> tracker -> per-track smoothing and scoring -> visits, incidents, score windows.
 */
export function createCounterEngine(options: CounterEngineOptions) {
  const { agentId, counter } = options;
  const makeId = options.newId ?? defaultNewId;
  let tuning: CounterTuning = counter.tuning;
  const tracker = createFaceTracker<AnalysedFace>({
    ...DEFAULT_TRACKER_OPTIONS,
    maxAgeMs: counter.visit.endAfterMs,
    confirmHits: counter.visit.startFrames,
  });
  const states = new Map<number, TrackState>();
  const windows = createScoreWindows(options.scoreWindowMs);
  let prevFrameTs: number | undefined;

  const incidentPolicy = (): IncidentPolicy => ({
    threshold: tuning.dissatisfiedThreshold,
    dwellMs: tuning.dwellMs,
    hysteresis: counter.scoring.incidentHysteresis,
    rearmMs: counter.scoring.incidentRearmMs,
  });
  const base = (ts: number) => ({
    v: PROTOCOL_VERSION as typeof PROTOCOL_VERSION,
    id: makeId(ts),
    agentId,
    counterId: counter.id,
    ts,
  });

  function visitEvent(kind: VisitEvent["kind"], ts: number, state: TrackState, track: Track): OutboundEvent {
    const visit = state.visit as Visit;
    const tally = state.scorer.tally;
    const last = state.scorer.last();
    const endedAt = kind === "end" ? track.lastSeen : undefined;
    const message: VisitEvent = {
      ...base(ts),
      kind,
      visitId: visit.visitId,
      seq: visit.seq++,
      startedAt: visit.startedAt,
      ...(endedAt === undefined ? {} : { endedAt }),
      durationMs: Math.max(0, Math.round((endedAt ?? ts) - visit.startedAt)),
      frames: state.scorer.frames(),
      shares: tally.shares(),
      score: (kind === "end" ? tally.score() : last?.score) ?? last?.score ?? 50,
      level: kind === "end" && tally.observedMs() > 0 ? tally.dominantLevel() : (last?.level ?? "neutral"),
    };
    visit.lastEventTs = ts;
    return { kind: "visit", message };
  }

  function incidentEvent(ts: number, visit: Visit, change: VisitIncidentChange): OutboundEvent {
    const { state } = change;
    visit.incidentIds[state.ordinal] ??= makeId(ts);
    const message: IncidentMessage = {
      ...base(ts),
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
      threshold: tuning.dissatisfiedThreshold,
      test: false,
    };
    return { kind: "incident", message };
  }

  function windowEvents(bodies: ScoreWindowBody[], ts: number): OutboundEvent[] {
    return bodies.map((body): OutboundEvent => ({ kind: "score", message: { ...base(ts), ...body } }));
  }

  function endTracks(tracks: Track[], ts: number): OutboundEvent[] {
    const out: OutboundEvent[] = [];
    for (const track of tracks) {
      const state = states.get(track.id);
      states.delete(track.id);
      const visit = state?.visit;
      if (!state || !visit) continue;
      for (const change of visit.incident.end(track.lastSeen)) out.push(incidentEvent(ts, visit, change));
      out.push(visitEvent("end", ts, state, track));
    }
    return out;
  }

  function observe(ts: number, track: Track, face: AnalysedFace, weight: number): OutboundEvent[] {
    let state = states.get(track.id);
    if (!state) {
      state = {
        scorer: createTrackScorer({
          emaHalfLifeMs: counter.scoring.emaHalfLifeMs,
          levelHysteresis: counter.scoring.hysteresis,
          incident: incidentPolicy(),
        }),
      };
      states.set(track.id, state);
    }
    const out: OutboundEvent[] = [];
    const scored = state.scorer.observe(ts, face, weight, state.visit !== undefined);
    if (!state.visit && track.hits >= counter.visit.startFrames) {
      state.visit = {
        visitId: makeId(track.firstSeen),
        startedAt: track.firstSeen,
        seq: 0,
        lastEventTs: ts,
        incident: createVisitIncident({
          updateEveryMs: counter.visit.updateEveryMs,
          newAfterMs: counter.scoring.incidentNewAfterMs,
        }),
        incidentIds: [],
      };
      out.push(visitEvent("start", ts, state, track));
    } else if (state.visit && ts - state.visit.lastEventTs >= counter.visit.updateEveryMs) {
      out.push(visitEvent("update", ts, state, track));
    }
    if (state.visit) {
      windows.observe(state.visit.visitId, scored.level, scored.score, weight);
      const visit = state.visit;
      const changes = visit.incident.observe({
        ts,
        dissatisfied: scored.dissatisfied,
        threshold: tuning.dissatisfiedThreshold,
        weightMs: weight,
        ...(scored.incident ? { raised: scored.incident } : {}),
      });
      for (const change of changes) out.push(incidentEvent(ts, visit, change));
    }
    return out;
  }

  return {
    processFrame(frame: AnalysedFrame): { events: OutboundEvent[]; faces: ScoredFace[] } {
      const { ts } = frame;
      const events = windowEvents(windows.advance(ts), ts);
      const weight = prevFrameTs === undefined ? 0 : Math.min(Math.max(0, ts - prevFrameTs), MAX_OBSERVATION_GAP_MS);
      prevFrameTs = ts;
      // Normally a no-op (the pipeline filtered before classifying); catches tuning pushed during that frame.
      const { counted, outside } = partitionCountedFaces(frame.faces, frame.width, frame.height, tuning);
      const update = tracker.update(ts, counted);
      events.push(...endTracks(update.expired, ts));
      const scored: ScoredFace[] = [];
      for (const { track, face } of update.assigned) {
        events.push(...observe(ts, track, face, weight));
        const state = states.get(track.id) as TrackState;
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
      if (counted.length > 0 && [...states.values()].some((s) => s.visit)) windows.addObservedMs(weight);
      for (const s of states.values()) if (s.visit) windows.markVisit(s.visit.visitId);
      const notScored = [...outside, ...(frame.outside ?? [])];
      const faces = [...scored, ...notScored.map((face): ScoredFace => ({ face, inRoi: false }))];
      return { events, faces };
    },
    /** Advances the clock without a frame (camera idle or lost): closes windows and stale visits. */
    tick(ts: number): OutboundEvent[] {
      const events = windowEvents(windows.advance(ts), ts);
      events.push(...endTracks(tracker.update(ts, []).expired, ts));
      return events;
    },
    /** Input ended: ends every open visit and flushes the partial score window. */
    finish(ts: number): OutboundEvent[] {
      const events = endTracks(tracker.flush(), ts);
      events.push(...windowEvents(windows.flush(ts), ts));
      return events;
    },
    applyTuning(next: CounterTuning): void {
      tuning = next;
      for (const state of states.values()) state.scorer.setIncidentPolicy(incidentPolicy());
    },
    tuning: (): CounterTuning => tuning,
    openVisits: (): number => [...states.values()].filter((s) => s.visit).length,
  };
}

export type CounterEngine = ReturnType<typeof createCounterEngine>;
