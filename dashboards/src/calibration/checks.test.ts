import { FULL_FRAME_ROI, type SnapshotApiResponse, type StatsApiResponse } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { type CheckInput, runCalibrationChecks } from "./checks.js";

const face: SnapshotApiResponse["faces"][number] = {
  box: { x: 10, y: 10, width: 60, height: 72 },
  score: 0.9,
  inRoi: true,
  level: "neutral",
  dissatisfied: 0.1,
};
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
const SEAT: Array<[number, number]> = [
  [0, 0],
  [0.45, 0],
  [0.45, 1],
  [0, 1],
];
const run = (over: Partial<CheckInput> = {}) =>
  byId(
    runCalibrationChecks({
      snapshot: snapshot(),
      stats,
      counterId: "c1",
      tuning: { minFaceSizePx: 40, roi: SEAT },
      detectorId: "yunet-2023mar",
      ...over,
    }),
  );

describe("calibration checks", () => {
  it("measures the seat's face against the configured detector's measured range, in camera pixels", () => {
    // 72 px in a 480-px frame is 15 %: YuNet finds 90 % of faces from about a tenth of the height.
    expect(run().face_size).toMatchObject({ status: "pass", value: 72, expected: [50, null] });
    // BlazeFace-front needs a seventh (about 75 px of 480): 72 px is marginal.
    expect(run({ detectorId: "blazeface-front" }).face_size?.status).toBe("warn");
    // A 1080p camera scaled to a 480-px snapshot: the same box is 162 camera pixels.
    expect(run({ snapshot: snapshot({ sourceHeight: 1080 }) }).face_size?.value).toBe(162);
    // Below the scoring floor the citizen is never scored at all.
    expect(run({ tuning: { minFaceSizePx: 80, roi: SEAT } }).face_size?.status).toBe("fail");
  });

  it("warns on a face in the shadow of a bright background and fails a strong backlight", () => {
    const withLuma = (luma: number) => snapshot({ faces: [{ ...face, luma }], brightness: 160 });
    expect(run({ snapshot: withLuma(150) }).backlight).toMatchObject({ status: "pass", value: 94 });
    expect(run({ snapshot: withLuma(100) }).backlight?.status).toBe("warn");
    expect(run({ snapshot: withLuma(60) }).backlight?.status).toBe("fail");
    expect(run().backlight?.status).toBe("unknown");
  });

  it("grades the camera angle from the landmark pose, unknown without landmarks", () => {
    const posed = (yawDeg: number, pitchDeg: number) => snapshot({ faces: [{ ...face, yawDeg, pitchDeg }] });
    expect(run({ snapshot: posed(5, 12) }).angle).toMatchObject({ status: "pass", value: 12 });
    expect(run({ snapshot: posed(-28, 0) }).angle?.status).toBe("warn");
    expect(run({ snapshot: posed(0, 40) }).angle?.status).toBe("fail");
    expect(run().angle?.status).toBe("unknown");
  });

  it("fails an ROI left on the whole frame (the officer's side included) and warns on two faces inside", () => {
    expect(run().roi).toMatchObject({ status: "pass", value: 45 });
    expect(run({ tuning: { minFaceSizePx: 40, roi: FULL_FRAME_ROI } }).roi?.status).toBe("fail");
    const two = snapshot({ faces: [face, { ...face, box: { ...face.box, x: 200 } }] });
    expect(run({ snapshot: two }).roi?.status).toBe("warn");
  });

  it("fails a dark, flat image and a low detection rate; passes the fps", () => {
    const c = run({ snapshot: snapshot({ brightness: 30, contrast: 10 }) });
    expect(c.brightness?.status).toBe("fail");
    expect(c.contrast?.status).toBe("fail");
    expect(c.detection_rate).toMatchObject({ status: "fail", value: 30 });
    expect(c.fps).toMatchObject({ status: "pass", value: 4.3 });
  });

  it("reports unknown, not pass, for every measurement before a snapshot and stats", () => {
    const c = runCalibrationChecks({
      snapshot: null,
      stats: null,
      counterId: "c1",
      tuning: { minFaceSizePx: 40, roi: SEAT },
      detectorId: null,
    });
    expect(c.filter((x) => x.id !== "roi").every((x) => x.status === "unknown")).toBe(true);
  });
});
