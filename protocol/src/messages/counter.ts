import { z } from "zod";
import {
  EpochMsSchema,
  IdSchema,
  LevelSharesSchema,
  MessageIdSchema,
  ProbabilitySchema,
  SatisfactionLevelSchema,
  ScoreSchema,
  VersionSchema,
} from "./common.js";

const CounterEventBase = {
  v: VersionSchema,
  id: MessageIdSchema,
  agentId: IdSchema,
  counterId: IdSchema,
  ts: EpochMsSchema,
};

/** A citizen's visit at a counter: start, periodic updates, end. `seq` grows by one per visit event. */
export const VisitEventSchema = z
  .object({
    ...CounterEventBase,
    kind: z.enum(["start", "update", "end"]),
    visitId: MessageIdSchema,
    seq: z.number().int().nonnegative(),
    startedAt: EpochMsSchema,
    endedAt: EpochMsSchema.optional(),
    durationMs: z.number().int().nonnegative(),
    frames: z.number().int().nonnegative().describe("frames in which the citizen's face was scored"),
    shares: LevelSharesSchema,
    score: ScoreSchema,
    level: SatisfactionLevelSchema.describe("level of the smoothed expression at ts (start/update) or overall (end)"),
  })
  .strict();
export type VisitEvent = z.infer<typeof VisitEventSchema>;

/** A citizen stayed visibly dissatisfied for the dwell time: the event behind every SMS. */
export const IncidentMessageSchema = z
  .object({
    ...CounterEventBase,
    incidentId: MessageIdSchema,
    visitId: MessageIdSchema,
    onset: EpochMsSchema.describe("when the smoothed dissatisfied probability first crossed the threshold"),
    peak: ProbabilitySchema.describe("highest smoothed dissatisfied probability so far"),
    peakAt: EpochMsSchema,
    durationMs: z.number().int().nonnegative().describe("time above the threshold when raised"),
    threshold: ProbabilitySchema,
    test: z.boolean().default(false).describe("installer's test incident: routed to the installer only"),
  })
  .strict();
export type IncidentMessage = z.infer<typeof IncidentMessageSchema>;

/** Per-counter score over a closed time window. */
export const ScoreWindowMessageSchema = z
  .object({
    ...CounterEventBase,
    windowStart: EpochMsSchema,
    windowEnd: EpochMsSchema,
    visits: z.number().int().nonnegative().describe("visits active in the window"),
    observedMs: z.number().int().nonnegative().describe("time a scored face was present"),
    shares: LevelSharesSchema,
    score: ScoreSchema.nullable().describe("null when no face was observed"),
  })
  .strict();
export type ScoreWindowMessage = z.infer<typeof ScoreWindowMessageSchema>;

export const CameraStateSchema = z.enum(["starting", "ok", "reconnecting", "lost", "ended"]);
export type CameraState = z.infer<typeof CameraStateSchema>;

export const HealthMessageSchema = z
  .object({
    ...CounterEventBase,
    cameraState: CameraStateSchema,
    fps: z.number().nonnegative().describe("frames analysed per second"),
    capturedFrames: z.number().int().nonnegative(),
    droppedFrames: z.number().int().nonnegative().describe("frames replaced by a newer one before analysis"),
    inferenceMs: z.number().nonnegative().describe("median analysis time per frame"),
    degraded: z.boolean().describe("true when scores should not be trusted (camera lost, fps too low...)"),
    outboxPending: z.number().int().nonnegative(),
    outboxDropped: z.number().int().nonnegative(),
    modelIds: z.array(z.string().max(64)).max(8),
  })
  .strict();
export type HealthMessage = z.infer<typeof HealthMessageSchema>;
