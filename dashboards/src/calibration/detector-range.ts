/**
 * How tall a face must be, as a share of the frame's height, for each detector to find it: the measured
 * "Detection range" (docs: README's table, `scripts/eval/measure-detection-range.ts`). `reliable`: ≥ 90 % of
 * faces found at 720p and 1080p alike; `marginal`: below it most faces are missed.
 */
export interface DetectorRange {
  reliable: number;
  marginal: number;
}

export const DETECTOR_RANGES: Record<string, DetectorRange> = {
  "yunet-2023mar": { reliable: 112 / 1080, marginal: 48 / 720 },
  "blazeface-front": { reliable: 112 / 720, marginal: 96 / 720 },
  "blazeface-back": { reliable: 48 / 1080, marginal: 24 / 720 },
};

/** Unknown detector (a model added later): BlazeFace-front's range, the strictest measured. */
export function detectorRange(detectorId: string | null | undefined): DetectorRange {
  return DETECTOR_RANGES[detectorId ?? ""] ?? (DETECTOR_RANGES["blazeface-front"] as DetectorRange);
}
