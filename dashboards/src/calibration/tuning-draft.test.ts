import { DEFAULT_COUNTER_TUNING, type StatsApiResponse, type TuningState } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { changedParameters, parseParameter, runningTuning, tuningToSave } from "./tuning-draft.js";

const roi: Array<[number, number]> = [
  [0.2, 0.1],
  [0.8, 0.1],
  [0.8, 0.9],
];
const stats = (threshold: number): StatsApiResponse => ({
  counters: [
    {
      counterId: "q1",
      windowMs: 1000,
      fps: 5,
      detectionRate: 1,
      medianFaceSizePx: 100,
      inferenceMs: 10,
      droppedFrames: 0,
      cameraState: "ok",
      configVersion: 0,
      tuning: { ...DEFAULT_COUNTER_TUNING, dissatisfiedThreshold: threshold },
    },
  ],
});
const hubState: TuningState = {
  counterId: "q1",
  agentId: "a1",
  tuning: { ...DEFAULT_COUNTER_TUNING, dwellMs: 3000 },
  configVersion: 2,
  updatedAt: 1,
  updatedBy: "installer",
};

describe("installer tuning draft", () => {
  it("saving an ROI alone keeps the running threshold, dwell and minimum face size", () => {
    const running = runningTuning("q1", stats(0.45), hubState);
    expect(running.source).toBe("agent");
    const next = tuningToSave(running.tuning, roi, {});
    expect(next).toEqual({ ...DEFAULT_COUNTER_TUNING, dissatisfiedThreshold: 0.45, roi });
    expect(changedParameters(running.tuning, next)).toEqual([]);
  });

  it("falls back to the hub's confirmed tuning, then to the shared defaults (threshold 0.4)", () => {
    expect(runningTuning("q1", null, hubState)).toEqual({ tuning: hubState.tuning, source: "hub" });
    const none = runningTuning("other", stats(0.45), null);
    expect(none.source).toBe("default");
    expect(none.tuning.dissatisfiedThreshold).toBe(0.4);
  });

  it("an explicit edit changes that parameter only and is named as a change", () => {
    const next = tuningToSave(DEFAULT_COUNTER_TUNING, roi, { dwellMs: 3000 });
    expect(next.dwellMs).toBe(3000);
    expect(next.dissatisfiedThreshold).toBe(0.4);
    expect(changedParameters(DEFAULT_COUNTER_TUNING, next)).toEqual(["dwellMs"]);
  });

  it("reads a Vietnamese decimal comma and refuses values the agent would reject", () => {
    expect(parseParameter("dissatisfiedThreshold", "0,45")).toBe(0.45);
    expect(parseParameter("dissatisfiedThreshold", "1.2")).toBeUndefined();
    expect(parseParameter("dwellMs", "2500.5")).toBeUndefined();
    expect(parseParameter("minFaceSizePx", "")).toBeUndefined();
    expect(parseParameter("minFaceSizePx", "64")).toBe(64);
  });
});
