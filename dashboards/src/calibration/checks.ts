import type { CounterTuning, SnapshotApiResponse, StatsApiResponse } from "@hailong/protocol";
import { detectorRange } from "./detector-range.js";
import { polygonArea } from "./roi-edit.js";

/**
 * Pass/warn/fail checks an installer reads after a snapshot and a stats round trip. Ranges flag a camera that
 * will clearly not work (fail) or that works less well than it could (warn), not one that is merely imperfect.
 */
export const CHECK_LIMITS = {
  brightness: { min: 60, max: 200 },
  contrast: { min: 25, max: 110 },
  /** face luma over frame luma, in %: below these the face is in the shadow of a bright background */
  backlight: { warn: 75, fail: 50 },
  /** estimated head turn or tilt, in degrees */
  angle: { warn: 20, fail: 35 },
  /** share of the frame the ROI covers, in %: a region this large still takes in the officer's side */
  roiArea: { fail: 95 },
  minDetectionRate: 0.5,
  minFps: 2,
} as const;

export type CheckId =
  | "face_size"
  | "backlight"
  | "angle"
  | "roi"
  | "brightness"
  | "contrast"
  | "detection_rate"
  | "fps";
export type CheckStatus = "pass" | "warn" | "fail" | "unknown";

export interface CalibrationCheck {
  id: CheckId;
  status: CheckStatus;
  /** Measured value as shown (pixels, %, degrees, luma, fps), or null when there is nothing to measure yet. */
  value: number | null;
  /** Expected range as [min, max]; either end null when open. */
  expected: readonly [number | null, number | null];
}

export interface CheckInput {
  snapshot: SnapshotApiResponse | null;
  stats: StatsApiResponse | null;
  counterId: string;
  tuning: Pick<CounterTuning, "minFaceSizePx" | "roi">;
  /** the agent's face detector model id (its registry entry), which sets the face-size range */
  detectorId: string | null;
}

type SnapshotFace = SnapshotApiResponse["faces"][number];

/** The citizen: the largest face inside the ROI on the snapshot. */
export function seatFace(snapshot: SnapshotApiResponse | null): SnapshotFace | undefined {
  const inRoi = snapshot?.faces.filter((f) => f.inRoi) ?? [];
  return inRoi.sort((a, b) => b.box.height - a.box.height)[0];
}

const grade = (value: number | null, fail: (v: number) => boolean, warn: (v: number) => boolean): CheckStatus =>
  value === null ? "unknown" : fail(value) ? "fail" : warn(value) ? "warn" : "pass";

/** Face height in camera pixels against the detector's measured range and the scoring floor (minFaceSizePx). */
function faceSizeCheck(input: CheckInput, face: SnapshotFace | undefined): CalibrationCheck {
  const { snapshot } = input;
  const range = detectorRange(input.detectorId);
  const sourceHeight = snapshot?.sourceHeight ?? snapshot?.height ?? 0;
  const scale = snapshot ? sourceHeight / snapshot.height : 1;
  const reliable = Math.ceil(range.reliable * sourceHeight);
  const marginal = Math.ceil(range.marginal * sourceHeight);
  const value = face ? Math.round(face.box.height * scale) : null;
  const floor = Math.max(marginal, input.tuning.minFaceSizePx);
  const status = grade(
    value,
    (v) => v < floor,
    (v) => v < reliable,
  );
  return { id: "face_size", status, value, expected: [snapshot ? reliable : input.tuning.minFaceSizePx, null] };
}

function backlightCheck(snapshot: SnapshotApiResponse | null, face: SnapshotFace | undefined): CalibrationCheck {
  const { warn, fail } = CHECK_LIMITS.backlight;
  const value =
    face?.luma === undefined || !snapshot || snapshot.brightness <= 0
      ? null
      : Math.round((face.luma / snapshot.brightness) * 100);
  return {
    id: "backlight",
    status: grade(
      value,
      (v) => v < fail,
      (v) => v < warn,
    ),
    value,
    expected: [warn, null],
  };
}

function angleCheck(face: SnapshotFace | undefined): CalibrationCheck {
  const { warn, fail } = CHECK_LIMITS.angle;
  const turned =
    face?.yawDeg === undefined || face.pitchDeg === undefined
      ? null
      : Math.max(Math.abs(face.yawDeg), Math.abs(face.pitchDeg));
  return {
    id: "angle",
    status: grade(
      turned,
      (v) => v > fail,
      (v) => v > warn,
    ),
    value: turned,
    expected: [null, warn],
  };
}

/** The ROI must leave out the officer's side: a whole-frame region fails, a second face inside it warns. */
function roiCheck(input: CheckInput): CalibrationCheck {
  const area = Math.round(polygonArea(input.tuning.roi) * 100);
  const facesInside = input.snapshot?.faces.filter((f) => f.inRoi).length ?? 0;
  const status: CheckStatus = area >= CHECK_LIMITS.roiArea.fail ? "fail" : facesInside > 1 ? "warn" : "pass";
  return { id: "roi", status, value: area, expected: [null, CHECK_LIMITS.roiArea.fail - 1] };
}

const inRange = (v: number, min: number, max: number | null) => v >= min && (max === null || v <= max);
function rangeCheck(id: CheckId, value: number | null, min: number, max: number | null): CalibrationCheck {
  const status: CheckStatus = value === null ? "unknown" : inRange(value, min, max) ? "pass" : "fail";
  return { id, status, value, expected: [min, max] };
}

export function runCalibrationChecks(input: CheckInput): CalibrationCheck[] {
  const { snapshot } = input;
  const counterStats = input.stats?.counters.find((c) => c.counterId === input.counterId) ?? null;
  const face = seatFace(snapshot);
  const { brightness, contrast, minDetectionRate, minFps } = CHECK_LIMITS;
  return [
    faceSizeCheck(input, face),
    backlightCheck(snapshot, face),
    angleCheck(face),
    roiCheck(input),
    rangeCheck("brightness", snapshot ? Math.round(snapshot.brightness) : null, brightness.min, brightness.max),
    rangeCheck("contrast", snapshot ? Math.round(snapshot.contrast) : null, contrast.min, contrast.max),
    rangeCheck(
      "detection_rate",
      counterStats ? Math.round(counterStats.detectionRate * 100) : null,
      minDetectionRate * 100,
      100,
    ),
    rangeCheck("fps", counterStats ? Math.round(counterStats.fps * 10) / 10 : null, minFps, null),
  ];
}
