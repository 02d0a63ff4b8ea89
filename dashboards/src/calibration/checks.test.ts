import type { SnapshotApiResponse, StatsApiResponse } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { runCalibrationChecks } from "./checks.js";

const snapshot = (over: Partial<SnapshotApiResponse> = {}): SnapshotApiResponse => ({
  counterId: "c1",
  takenAt: 1,
  width: 640,
  height: 480,
  facesBlurred: true,
  jpegBase64: "",
  faces: [
    { box: { x: 10, y: 10, width: 60, height: 72 }, score: 0.9, inRoi: true, level: "neutral", dissatisfied: 0.1 },
    { box: { x: 300, y: 10, width: 150, height: 160 }, score: 0.9, inRoi: false, level: "neutral", dissatisfied: 0.1 },
  ],
  brightness: 120,
  contrast: 50,
  ...over,
});

const stats: StatsApiResponse = {
  counters: [
    {
      counterId: "c1",
      windowMs: 30_000,
      fps: 4.26,
      detectionRate: 0.3,
      medianFaceSizePx: 70,
      inferenceMs: 80,
      droppedFrames: 3,
      cameraState: "ok",
      configVersion: 2,
    },
  ],
};

const byId = (checks: ReturnType<typeof runCalibrationChecks>) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe("calibration checks", () => {
  it("measures the face at the seat (inside the ROI) against the minimum face size", () => {
    const ok = byId(
      runCalibrationChecks({ snapshot: snapshot(), stats, counterId: "c1", tuning: { minFaceSizePx: 64 } }),
    );
    expect(ok.face_size).toMatchObject({ status: "pass", value: 72 });
    const tooSmall = byId(
      runCalibrationChecks({ snapshot: snapshot(), stats, counterId: "c1", tuning: { minFaceSizePx: 80 } }),
    );
    expect(tooSmall.face_size?.status).toBe("fail");
  });

  it("fails a dark, flat image and a low detection rate; passes the fps", () => {
    const c = byId(
      runCalibrationChecks({
        snapshot: snapshot({ brightness: 30, contrast: 10 }),
        stats,
        counterId: "c1",
        tuning: { minFaceSizePx: 40 },
      }),
    );
    expect(c.brightness?.status).toBe("fail");
    expect(c.contrast?.status).toBe("fail");
    expect(c.detection_rate).toMatchObject({ status: "fail", value: 30 });
    expect(c.fps).toMatchObject({ status: "pass", value: 4.3 });
  });

  it("reports unknown, not pass, before anything was measured", () => {
    const c = runCalibrationChecks({ snapshot: null, stats: null, counterId: "c1", tuning: { minFaceSizePx: 40 } });
    expect(c.every((x) => x.status === "unknown")).toBe(true);
  });
});
