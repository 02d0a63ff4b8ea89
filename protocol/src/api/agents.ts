import { z } from "zod";
import { ModelRefSchema } from "../messages/agent.js";
import { EpochMsSchema, IdSchema } from "../messages/common.js";
import { CameraStateSchema } from "../messages/counter.js";
import { ConfigPushResultSchema, SnapshotResultSchema, StatsResultSchema } from "../messages/request.js";
import { CounterTuningSchema } from "../messages/tuning.js";

export const CounterHealthDtoSchema = z
  .object({
    counterId: IdSchema,
    cameraState: CameraStateSchema,
    fps: z.number().nonnegative(),
    droppedFrames: z.number().int().nonnegative(),
    inferenceMs: z.number().nonnegative(),
    degraded: z.boolean(),
    at: EpochMsSchema,
  })
  .strict();
export type CounterHealthDto = z.infer<typeof CounterHealthDtoSchema>;

/** GET /api/agents: the agent registry. */
export const AgentDtoSchema = z
  .object({
    agentId: IdSchema,
    online: z.boolean(),
    lastSeen: EpochMsSchema.nullable(),
    agentVersion: z.string().nullable(),
    counters: z.array(IdSchema),
    configVersion: z.number().int().nonnegative().nullable(),
    configHash: z.string().nullable(),
    models: z.array(ModelRefSchema),
    startedAt: EpochMsSchema.nullable(),
    health: z.array(CounterHealthDtoSchema),
  })
  .strict();
export type AgentDto = z.infer<typeof AgentDtoSchema>;
export const AgentListResponseSchema = z.object({ agents: z.array(AgentDtoSchema) }).strict();
export type AgentListResponse = z.infer<typeof AgentListResponseSchema>;

export const AgentParamsSchema = z.object({ agentId: IdSchema }).strict();

/** POST /api/agents/:agentId/credentials (admin): a new MQTT secret for the agent, shown once. */
export const AgentCredentialResponseSchema = z
  .object({
    agentId: IdSchema,
    username: z.string().describe("MQTT username: the agent id"),
    password: z.string().describe("MQTT password for HAILONG_MQTT_PASSWORD; only its hash is kept by the hub"),
  })
  .strict();
export type AgentCredentialResponse = z.infer<typeof AgentCredentialResponseSchema>;
export const AgentCounterParamsSchema = z.object({ agentId: IdSchema, counterId: IdSchema }).strict();
export const CounterParamsSchema = z.object({ counterId: IdSchema }).strict();

/** Calibration round trips go to the agent over MQTT request/response (txId) and time out after this. */
export const AGENT_REQUEST_TIMEOUT_MS = 10_000;

/** POST /api/agents/:agentId/counters/:counterId/snapshot (installer/admin) */
export const SnapshotApiRequestSchema = z
  .object({
    showFaces: z
      .boolean()
      .default(false)
      .describe("false: the whole frame pixelated on the agent; true only for FACE_VIEW_ROLES, audited"),
  })
  .strict();
export type SnapshotApiRequest = z.infer<typeof SnapshotApiRequestSchema>;
export const SnapshotApiResponseSchema = SnapshotResultSchema;
export type SnapshotApiResponse = z.infer<typeof SnapshotApiResponseSchema>;

/** GET /api/agents/:agentId/stats */
export const StatsApiResponseSchema = StatsResultSchema;
export type StatsApiResponse = z.infer<typeof StatsApiResponseSchema>;

/** GET /api/counters/:counterId/tuning : last tuning the agent confirmed (null if never pushed). */
export const TuningStateSchema = z
  .object({
    counterId: IdSchema,
    agentId: IdSchema.nullable(),
    tuning: CounterTuningSchema.nullable(),
    configVersion: z.number().int().nonnegative().nullable(),
    updatedAt: EpochMsSchema.nullable(),
    updatedBy: z.string().nullable().describe("display name of the person who saved it"),
  })
  .strict();
export type TuningState = z.infer<typeof TuningStateSchema>;

/** PUT /api/counters/:counterId/tuning : body is the tuning; answers once the agent confirmed it. */
export const TuningPushRequestSchema = CounterTuningSchema;
export const TuningPushResponseSchema = ConfigPushResultSchema.extend({ agentId: IdSchema }).strict();
export type TuningPushResponse = z.infer<typeof TuningPushResponseSchema>;

/** POST /api/counters/:counterId/test-incident : SMS goes to the requesting installer only. */
export const TestIncidentResponseSchema = z
  .object({
    incidentId: z.string(),
    counterId: IdSchema,
    smsTo: z.string().nullable().describe("masked phone of the installer; null when the user has no phone"),
    smsStatus: z.string(),
  })
  .strict();
export type TestIncidentResponse = z.infer<typeof TestIncidentResponseSchema>;
