import type { ExpressionProbabilities } from "@hailong/models";
import { MESSAGE_SCHEMAS } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { type AnalysedFrame, createCounterEngine } from "./counter-engine.js";
import { EXPRESSIONS, sequence, syntheticFace, testCounter } from "./synthetic-faces.js";
import type { OutboundEvent } from "./types.js";

function run(frames: AnalysedFrame[], counter = testCounter(), scoreWindowMs = 10_000): OutboundEvent[] {
  const engine = createCounterEngine({ agentId: "a1", counter, scoreWindowMs });
  const events: OutboundEvent[] = [];
  for (const frame of frames) events.push(...engine.processFrame(frame).events);
  const last = frames.at(-1)?.ts ?? 0;
  events.push(...engine.finish(last + 100));
  for (const e of events) expect(MESSAGE_SCHEMAS[e.kind].safeParse(e.message).success).toBe(true);
  return events;
}

const incidentMessages = (events: OutboundEvent[]) => events.flatMap((e) => (e.kind === "incident" ? [e.message] : []));
/** Raised incidents: their start messages (updates and ends belong to the same incident). */
const incidents = (events: OutboundEvent[]) =>
  events.filter((e) => e.kind === "incident" && e.message.phase === "start");
const visits = (events: OutboundEvent[]) => events.flatMap((e) => (e.kind === "visit" ? [e.message] : []));

describe("incident dwell", () => {
  it("an angry onset held 2 s raises exactly one incident", () => {
    // 2 s above the threshold after smoothing: the raw frown lasts 2 s plus the EMA's rise time.
    const events = run(
      sequence([
        [EXPRESSIONS.neutral, 2000],
        [EXPRESSIONS.angry, 3000],
        [EXPRESSIONS.neutral, 3000],
      ]),
    );
    const raised = incidents(events);
    expect(raised).toHaveLength(1);
    const incident = raised[0]?.message as {
      onset: number;
      peakAt: number;
      durationMs: number;
      peak: number;
      visitId: string;
    };
    expect(incident.durationMs).toBeGreaterThanOrEqual(2000);
    expect(incident.peak).toBeGreaterThan(0.5);
    expect(incident.peakAt).toBeGreaterThanOrEqual(incident.onset);
    expect(incident.visitId).toBe(visits(events)[0]?.visitId);
  });

  it("a 1.5 s frown raises none", () => {
    const events = run(
      sequence([
        [EXPRESSIONS.neutral, 2000],
        [EXPRESSIONS.angry, 1500],
        [EXPRESSIONS.neutral, 3000],
      ]),
    );
    expect(incidents(events)).toHaveLength(0);
  });

  it("one long frown raises one incident, not one per dwell period", () => {
    const events = run(
      sequence([
        [EXPRESSIONS.neutral, 1000],
        [EXPRESSIONS.angry, 12_000],
      ]),
    );
    expect(incidents(events)).toHaveLength(1);
  });

  it("two separate angry episodes in one visit are one incident with two episodes, ended with the visit", () => {
    const events = run(
      sequence([
        [EXPRESSIONS.neutral, 1000],
        [EXPRESSIONS.angry, 3500],
        [EXPRESSIONS.neutral, 4000],
        [EXPRESSIONS.angry, 3500],
        [EXPRESSIONS.neutral, 1000],
      ]),
    );
    expect(new Set(visits(events).map((v) => v.visitId)).size).toBe(1);
    expect(incidents(events)).toHaveLength(1);
    const messages = incidentMessages(events);
    expect(new Set(messages.map((m) => m.incidentId)).size).toBe(1);
    expect(messages.map((m) => m.phase).at(-1)).toBe("end");
    const end = messages.at(-1);
    expect(end?.episodes).toBe(2);
    // both frowns count towards the time above the threshold (each a little over the 2 s dwell)
    expect(end?.durationMs).toBeGreaterThan(4000);
    expect(end?.endedAt).toBeGreaterThanOrEqual(end?.lastSeenAt ?? Number.POSITIVE_INFINITY);
  });

  it("an angry face held 60 s on and off is one incident whose updates grow; every message is v2", () => {
    const script: Array<[ExpressionProbabilities | null, number]> = [[EXPRESSIONS.neutral, 1000]];
    for (let i = 0; i < 8; i++) script.push([EXPRESSIONS.angry, 4000], [EXPRESSIONS.neutral, 4000]);
    const events = run(sequence(script));
    expect(incidents(events)).toHaveLength(1);
    const messages = incidentMessages(events);
    expect(messages.every((m) => m.v === 2)).toBe(true);
    expect(new Set(messages.map((m) => m.incidentId)).size).toBe(1);
    const durations = messages.map((m) => m.durationMs);
    expect([...durations].sort((a, b) => a - b)).toEqual(durations);
    expect(messages.at(-1)?.episodes).toBeGreaterThanOrEqual(5);
  });

  it("after a quiet gap longer than incidentNewAfterMs the same visit raises a second incident", () => {
    const counter = testCounter();
    const short = { ...counter, scoring: { ...counter.scoring, incidentNewAfterMs: 5000 } };
    const events = run(
      sequence([
        [EXPRESSIONS.neutral, 1000],
        [EXPRESSIONS.angry, 3500],
        [EXPRESSIONS.neutral, 7000],
        [EXPRESSIONS.angry, 3500],
      ]),
      short,
    );
    expect(new Set(visits(events).map((v) => v.visitId)).size).toBe(1);
    expect(incidents(events)).toHaveLength(2);
    const ends = incidentMessages(events).filter((m) => m.phase === "end");
    expect(new Set(ends.map((m) => m.incidentId)).size).toBe(2);
  });

  it("applies a pushed threshold and dwell to open visits", () => {
    const counter = testCounter();
    const engine = createCounterEngine({ agentId: "a1", counter, scoreWindowMs: 10_000 });
    const frames = sequence([
      [EXPRESSIONS.neutral, 1000],
      [EXPRESSIONS.angry, 1500],
    ]);
    const events: OutboundEvent[] = [];
    frames.forEach((frame, i) => {
      if (i === 5) engine.applyTuning({ ...counter.tuning, dwellMs: 500 });
      events.push(...engine.processFrame(frame).events);
    });
    expect(incidents(events)).toHaveLength(1);
  });
});

describe("visit lifecycle", () => {
  it("starts after startFrames, updates periodically, ends after endAfterMs with a monotonic seq", () => {
    const events = run(
      sequence([
        [EXPRESSIONS.happy, 12_000],
        [null, 5000],
        [EXPRESSIONS.neutral, 1000],
      ]),
    );
    const v = visits(events);
    const first = v.filter((e) => e.visitId === v[0]?.visitId);
    expect(first.map((e) => e.kind)).toEqual(["start", "update", "update", "end"]);
    expect(first.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    const end = first.at(-1);
    expect(end?.durationMs).toBeGreaterThan(11_500);
    expect(end?.durationMs).toBeLessThan(12_100);
    expect(end?.level).toBe("very_satisfied");
    expect(end?.shares.very_satisfied).toBeGreaterThan(0.9);
    // the face that comes back after 5 s is a new visit, ended at input end
    expect(new Set(v.map((e) => e.visitId)).size).toBe(2);
    expect(v.at(-1)?.kind).toBe("end");
  });

  it("ignores a face seen for fewer than startFrames frames", () => {
    const events = run(
      sequence([
        [EXPRESSIONS.neutral, 200],
        [null, 3000],
      ]),
    );
    expect(visits(events)).toHaveLength(0);
  });

  it("ignores faces outside the ROI or below the minimum size", () => {
    const roi = [
      [0, 0],
      [0.5, 0],
      [0.5, 1],
      [0, 1],
    ];
    const counter = testCounter({ tuning: { roi, minFaceSizePx: 100 } });
    const frames = sequence([[EXPRESSIONS.neutral, 2000]]).map((f) => ({
      ...f,
      faces: [
        syntheticFace(EXPRESSIONS.angry, { x: 900, y: 200, width: 150, height: 150 }), // officer side
        syntheticFace(EXPRESSIONS.neutral, { x: 100, y: 100, width: 60, height: 60 }), // too small
        syntheticFace(EXPRESSIONS.happy, { x: 200, y: 200, width: 150, height: 150 }),
      ],
    }));
    const v = visits(run(frames, counter));
    expect(new Set(v.map((e) => e.visitId)).size).toBe(1);
    expect(v.at(-1)?.level).toBe("very_satisfied");
  });

  it("tracks two citizens as two visits", () => {
    const frames = sequence([[EXPRESSIONS.neutral, 2000]]).map((f) => ({
      ...f,
      faces: [
        syntheticFace(EXPRESSIONS.neutral, { x: 100, y: 200, width: 150, height: 150 }),
        syntheticFace(EXPRESSIONS.happy, { x: 700, y: 200, width: 150, height: 150 }),
      ],
    }));
    const ends = visits(run(frames)).filter((e) => e.kind === "end");
    expect(ends.map((e) => e.level).sort()).toEqual(["neutral", "very_satisfied"]);
  });
});

describe("score windows", () => {
  it("closes a window every scoreWindowMs with time-weighted shares, and null when nobody was there", () => {
    const frames = sequence(
      [
        [EXPRESSIONS.happy, 5000],
        [EXPRESSIONS.angry, 5000],
        [null, 25_000],
      ],
      10,
      1_700_000_000_000,
    );
    const windows = run(frames).flatMap((e) => (e.kind === "score" ? [e.message] : []));
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const w of windows) expect(w.windowEnd - w.windowStart).toBeLessThanOrEqual(10_000);
    const busy = windows.filter((w) => w.score !== null);
    const observed = busy.reduce((s, w) => s + w.observedMs, 0);
    expect(observed).toBeGreaterThan(9000);
    expect(observed).toBeLessThanOrEqual(10_000);
    const empty = windows.filter((w) => w.observedMs === 0 && w.visits === 0);
    expect(empty.length).toBeGreaterThanOrEqual(1);
    expect(empty.every((w) => w.score === null)).toBe(true);
  });
});
