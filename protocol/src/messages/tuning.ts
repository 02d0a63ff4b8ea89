import { z } from "zod";
import { ProbabilitySchema } from "./common.js";

/** A point in relative image coordinates (0..1), so regions survive resolution changes. */
export const RelativePointSchema = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);

export const RoiPolygonSchema = z
  .array(RelativePointSchema)
  .min(3)
  .max(32)
  .describe("region of interest: polygon [x, y] in 0..1 image coordinates; excludes the officer's side of the desk");
export type RoiPolygon = z.infer<typeof RoiPolygonSchema>;

export const FULL_FRAME_ROI: RoiPolygon = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

/** Per-counter settings an installer tunes remotely; pushed by the hub with the config-push request. */
export const CounterTuningSchema = z
  .object({
    roi: RoiPolygonSchema,
    minFaceSizePx: z.number().int().min(8).max(2000).describe("smallest face box height (pixels) that is scored"),
    dissatisfiedThreshold: ProbabilitySchema.describe("smoothed P(dissatisfied) above which the dwell timer runs"),
    dwellMs: z.number().int().min(0).max(60_000).describe("time above the threshold before an incident is raised"),
  })
  .strict();
export type CounterTuning = z.infer<typeof CounterTuningSchema>;

/**
 * The tuning a counter runs until an installer changes it: the agent's config defaults and the installer
 * panel's "mặc định" column both read this, so a calibrated and an uncalibrated counter are comparable.
 * The threshold is the measured best-precision point of the default models (docs: models' defaults).
 */
export const DEFAULT_COUNTER_TUNING: CounterTuning = {
  roi: FULL_FRAME_ROI,
  minFaceSizePx: 40,
  dissatisfiedThreshold: 0.4,
  dwellMs: 2000,
};

/** The fields of a tuning other than the ROI: each change to one of them is an explicit edit. */
export const TUNING_PARAMETERS = ["dissatisfiedThreshold", "dwellMs", "minFaceSizePx"] as const;
export type TuningParameter = (typeof TUNING_PARAMETERS)[number];
