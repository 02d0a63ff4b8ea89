import { z } from "zod";
import { IdSchema, ProbabilitySchema } from "../messages/common.js";
import { ConfigPushResultSchema } from "../messages/request.js";

/**
 * POST /api/counters/:counterId/alert-calibration (admins): applies the proposed dissatisfied threshold through
 * the config push. The caller names the threshold it saw proposed; if the evidence now proposes another one
 * (or none), nothing is pushed (409), so no threshold changes without a person confirming that exact value.
 */
export const AlertCalibrationApplyRequestSchema = z
  .object({ threshold: ProbabilitySchema.describe("the proposed threshold the person confirmed") })
  .strict();
export type AlertCalibrationApplyRequest = z.infer<typeof AlertCalibrationApplyRequestSchema>;

export const AlertCalibrationApplyResponseSchema = ConfigPushResultSchema.extend({
  agentId: IdSchema,
  previousThreshold: ProbabilitySchema,
  threshold: ProbabilitySchema,
}).strict();
export type AlertCalibrationApplyResponse = z.infer<typeof AlertCalibrationApplyResponseSchema>;

/** One row of GET /api/alert-quality: labelled incidents of a counter under one expression model. */
export const AlertQualityRowSchema = z
  .object({
    counterId: IdSchema,
    modelId: z.string().nullable().describe("expression model the agent ran when the incident was stored"),
    incidents: z.number().int().nonnegative().describe("acknowledged non-test incidents with an outcome"),
    falseAlarms: z.number().int().nonnegative(),
    falseAlarmRate: z.number().min(0).max(1).nullable(),
    medianAckMs: z.number().nonnegative().nullable().describe("median time from onset to acknowledgement"),
  })
  .strict();
export type AlertQualityRow = z.infer<typeof AlertQualityRowSchema>;

/** GET /api/alert-quality: the false-alarm rate and acknowledgement time per counter and model, in the viewer's scope. */
export const AlertQualityResponseSchema = z.object({ rows: z.array(AlertQualityRowSchema) }).strict();
export type AlertQualityResponse = z.infer<typeof AlertQualityResponseSchema>;
