import { z } from "zod";
import { EpochMsSchema, IdSchema, ProbabilitySchema, SatisfactionLevelSchema, VersionSchema } from "./common.js";
import { CounterTuningSchema } from "./tuning.js";

export const TransactionIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

const RequestBase = {
  v: VersionSchema,
  txId: TransactionIdSchema,
  ts: EpochMsSchema,
  requestedBy: z.string().min(1).max(64),
};

export const ConfigPushRequestSchema = z
  .object({ ...RequestBase, action: z.literal("config-push"), counterId: IdSchema, tuning: CounterTuningSchema })
  .strict();
export const SnapshotRequestSchema = z
  .object({
    ...RequestBase,
    action: z.literal("snapshot"),
    counterId: IdSchema,
    showFaces: z.boolean().describe("false: faces are blurred before the JPEG leaves the agent"),
  })
  .strict();
export const StatsRequestSchema = z
  .object({ ...RequestBase, action: z.literal("stats"), counterId: IdSchema.optional() })
  .strict();

export const RequestMessageSchema = z.discriminatedUnion("action", [
  ConfigPushRequestSchema,
  SnapshotRequestSchema,
  StatsRequestSchema,
]);
export type RequestMessage = z.infer<typeof RequestMessageSchema>;

const BoxSchema = z
  .object({ x: z.number(), y: z.number(), width: z.number().nonnegative(), height: z.number().nonnegative() })
  .strict();

export const ConfigPushResultSchema = z
  .object({ counterId: IdSchema, configVersion: z.number().int().nonnegative(), configHash: z.string().length(64) })
  .strict();

export const SnapshotFaceSchema = z
  .object({
    box: BoxSchema,
    score: ProbabilitySchema,
    inRoi: z
      .boolean()
      .describe("false: outside the ROI or below minFaceSizePx, never classified (level neutral, dissatisfied 0)"),
    level: SatisfactionLevelSchema,
    dissatisfied: ProbabilitySchema,
    luma: z.number().min(0).max(255).optional().describe("mean luma inside the face box (backlight check)"),
    yawDeg: z
      .number()
      .min(-90)
      .max(90)
      .optional()
      .describe("head turn estimated from the detector's landmarks, 0 = facing the camera; absent without them"),
    pitchDeg: z
      .number()
      .min(-90)
      .max(90)
      .optional()
      .describe("head tilt estimated from the landmarks, positive = seen from above; absent without them"),
  })
  .strict();

export const SnapshotResultSchema = z
  .object({
    counterId: IdSchema,
    takenAt: EpochMsSchema,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    sourceHeight: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("the camera frame's height before the snapshot was scaled down (minFaceSizePx is in its pixels)"),
    facesBlurred: z.boolean().describe("true: the whole frame is pixelated (privacy view), only overlays are sharp"),
    jpegBase64: z.string().max(1_800_000).describe("the one annotated calibration JPEG; never stored"),
    faces: z.array(SnapshotFaceSchema).max(32),
    brightness: z.number().min(0).max(255).describe("mean luma"),
    contrast: z.number().min(0).max(255).describe("luma standard deviation"),
  })
  .strict();
export type SnapshotResult = z.infer<typeof SnapshotResultSchema>;

export const CounterStatsSchema = z
  .object({
    counterId: IdSchema,
    windowMs: z.number().int().nonnegative(),
    fps: z.number().nonnegative(),
    detectionRate: ProbabilitySchema.describe("share of analysed frames with a face in the ROI"),
    medianFaceSizePx: z.number().nonnegative().nullable(),
    inferenceMs: z.number().nonnegative(),
    droppedFrames: z.number().int().nonnegative(),
    cameraState: z.string().max(32),
    configVersion: z.number().int().nonnegative(),
    tuning: CounterTuningSchema.optional().describe(
      "the tuning the counter runs now (file config with pushes laid over); absent from agents before 0.2",
    ),
  })
  .strict();
export const StatsResultSchema = z.object({ counters: z.array(CounterStatsSchema).max(16) }).strict();

const ResponseBase = { v: VersionSchema, txId: TransactionIdSchema, ts: EpochMsSchema };
export const ResponseErrorSchema = z
  .object({ code: z.string().min(1).max(64), message: z.string().max(2000) })
  .strict();

function responseFor<A extends string, R extends z.ZodType>(action: A, result: R) {
  return z.union([
    z.object({ ...ResponseBase, action: z.literal(action), ok: z.literal(true), result }).strict(),
    z.object({ ...ResponseBase, action: z.literal(action), ok: z.literal(false), error: ResponseErrorSchema }).strict(),
  ]);
}

export const ConfigPushResponseSchema = responseFor("config-push", ConfigPushResultSchema);
export const SnapshotResponseSchema = responseFor("snapshot", SnapshotResultSchema);
export const StatsResponseSchema = responseFor("stats", StatsResultSchema);
export const ResponseMessageSchema = z.union([ConfigPushResponseSchema, SnapshotResponseSchema, StatsResponseSchema]);
export type ResponseMessage = z.infer<typeof ResponseMessageSchema>;
