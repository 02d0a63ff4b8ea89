import type { CounterTuning, SnapshotApiResponse, StatsApiResponse } from "@hailong/protocol";

/**
 * Pass/fail checks an installer reads after a snapshot and a stats round trip. Ranges are deliberately
 * generous: they flag a camera that will clearly not work, not one that is merely imperfect.
 */
export const CHECK_LIMITS = {
  brightness: { min: 60, max: 200 },
  contrast: { min: 25, max: 110 },
  minDetectionRate: 0.5,
  minFps: 2,
} as const;

export type CheckId = "face_size" | "brightness" | "contrast" | "detection_rate" | "fps";
export type CheckStatus = "pass" | "fail" | "unknown";

export interface CalibrationCheck {
  id: CheckId;
  status: CheckStatus;
  /** Measured value as shown (pixels, luma, %, fps), or null when there is nothing to measure yet. */
  value: number | null;
  /** Expected range as [min, max]; max null when open-ended. */
  expected: readonly [number, number | null];
}

const inRange = (v: number, min: number, max: number | null) => v >= min && (max === null || v <= max);

function check(id: CheckId, value: number | null, min: number, max: number | null): CalibrationCheck {
  const status: CheckStatus = value === null ? "unknown" : inRange(value, min, max) ? "pass" : "fail";
  return { id, status, value, expected: [min, max] };
}

/** Height of the largest face inside the ROI on the snapshot, else the agent's median over the stats window. */
export function seatFaceSizePx(snapshot: SnapshotApiResponse | null, statsMedianPx: number | null): number | null {
  const inRoi = snapshot?.faces.filter((f) => f.inRoi) ?? [];
  if (inRoi.length > 0) return Math.round(Math.max(...inRoi.map((f) => f.box.height)));
  return statsMedianPx === null ? null : Math.round(statsMedianPx);
}

export function runCalibrationChecks(input: {
  snapshot: SnapshotApiResponse | null;
  stats: StatsApiResponse | null;
  counterId: string;
  tuning: Pick<CounterTuning, "minFaceSizePx">;
}): CalibrationCheck[] {
  const counterStats = input.stats?.counters.find((c) => c.counterId === input.counterId) ?? null;
  const faceSize = seatFaceSizePx(input.snapshot, counterStats?.medianFaceSizePx ?? null);
  const { brightness, contrast, minDetectionRate, minFps } = CHECK_LIMITS;
  return [
    check("face_size", faceSize, input.tuning.minFaceSizePx, null),
    check("brightness", input.snapshot ? Math.round(input.snapshot.brightness) : null, brightness.min, brightness.max),
    check("contrast", input.snapshot ? Math.round(input.snapshot.contrast) : null, contrast.min, contrast.max),
    check(
      "detection_rate",
      counterStats ? Math.round(counterStats.detectionRate * 100) : null,
      minDetectionRate * 100,
      100,
    ),
    check("fps", counterStats ? Math.round(counterStats.fps * 10) / 10 : null, minFps, null),
  ];
}
