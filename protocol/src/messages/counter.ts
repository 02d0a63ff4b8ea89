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

/**
 * Incident message versions. v1: one message per raised incident (no lifecycle; every message was a new
 * incident). v2: one incident per dissatisfied visit with a lifecycle — `start` when the citizen first stayed
 * dissatisfied for the dwell time, `update` when it renews or grows, `end` when the visit ends — all under the
 * same `incidentId`. v1 messages still decode: they read as a `start` with one episode (`incidentPhase`).
 */
export const INCIDENT_MESSAGE_VERSION = 2;
export const INCIDENT_PHASES = ["start", "update", "end"] as const;

/** A citizen stayed visibly dissatisfied for the dwell time: the event behind every SMS. */
export const IncidentMessageSchema = z
  .object({
    ...CounterEventBase,
    v: z
      .union([VersionSchema, z.literal(INCIDENT_MESSAGE_VERSION)])
      .describe("1: single message per incident; 2: incident lifecycle (phase)"),
    incidentId: MessageIdSchema,
    visitId: MessageIdSchema,
    phase: z
      .enum(INCIDENT_PHASES)
      .optional()
      .describe(
        "start: raised (the only phase that may send SMS); update: renewed or grown; end: visit over. Absent (v1): start",
      ),
    onset: EpochMsSchema.describe("when the smoothed dissatisfied probability first crossed the threshold"),
    peak: ProbabilitySchema.describe("highest smoothed dissatisfied probability so far"),
    peakAt: EpochMsSchema,
    durationMs: z
      .number()
      .int()
      .nonnegative()
      .describe("total time above the threshold during the incident so far (v1: when raised)"),
    episodes: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("separate stretches of dissatisfaction (each past the dwell time) in this incident. Absent (v1): 1"),
    lastSeenAt: EpochMsSchema.optional().describe("last time the citizen was seen above the threshold"),
    endedAt: EpochMsSchema.optional().describe("end phase: when the visit ended"),
    threshold: ProbabilitySchema,
    test: z.boolean().default(false).describe("installer's test incident: routed to the installer only"),
  })
  .strict();
export type IncidentMessage = z.infer<typeof IncidentMessageSchema>;
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];

/** The phase of any incident message: a v1 message (no phase) is the start of its incident. */
export function incidentPhase(message: Pick<IncidentMessage, "phase">): IncidentPhase {
  return message.phase ?? "start";
}

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
