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
