import { z } from "zod";
import { EpochMsSchema, IdSchema, Sha256Schema, VersionSchema } from "./common.js";

export const AvailabilityMessageSchema = z
  .object({
    v: VersionSchema,
    agentId: IdSchema,
    state: z.enum(["online", "offline"]),
    ts: EpochMsSchema.describe(
      "the MQTT session's stamp: an agent's online and its last will share it, so the will supersedes that online",
    ),
  })
  .strict();
export type AvailabilityMessage = z.infer<typeof AvailabilityMessageSchema>;

export const ModelRefSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(["face-detector", "expression", "head"]),
    sha256: Sha256Schema,
  })
  .strict();

export const AgentInfoMessageSchema = z
  .object({
    v: VersionSchema,
    agentId: IdSchema,
    agentVersion: z.string().min(1).max(32),
    models: z.array(ModelRefSchema).max(8),
    counters: z.array(IdSchema).max(16),
    configHash: Sha256Schema.describe("sha256 of the canonical JSON of the running config"),
    configVersion: z.number().int().nonnegative().describe("bumped on every accepted remote config push"),
    startedAt: EpochMsSchema,
    ts: EpochMsSchema,
  })
  .strict();
export type AgentInfoMessage = z.infer<typeof AgentInfoMessageSchema>;
