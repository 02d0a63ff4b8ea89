import { z } from "zod";
import { EpochMsSchema, IdSchema, SatisfactionLevelSchema } from "../messages/common.js";
import { CameraStateSchema } from "../messages/counter.js";
import { SatisfactionSummarySchema } from "./common.js";
import { IncidentDtoSchema } from "./incidents.js";

export const AgentPresenceSchema = z
  .object({
    agentId: IdSchema.nullable(),
    online: z.boolean(),
    lastSeen: EpochMsSchema.nullable().describe("last message of any kind from the agent"),
  })
  .strict();
export type AgentPresence = z.infer<typeof AgentPresenceSchema>;

/** One live tile per counter (GET /api/live/tiles and the SSE `tile` event). */
export const CounterTileSchema = z
  .object({
    counterId: IdSchema,
    counterName: z.string(),
    centreId: IdSchema,
    departmentId: IdSchema.nullable(),
    field: z.string(),
    level: SatisfactionLevelSchema.nullable().describe(
      "current level at the counter (last visit event); null when idle",
    ),
    levelAt: EpochMsSchema.nullable(),
    visitActive: z.boolean().describe("a citizen is at the counter now"),
    today: SatisfactionSummarySchema.describe("since local midnight; score is today's satisfaction index"),
    openIncidents: z.number().int().nonnegative(),
    agent: AgentPresenceSchema,
    cameraState: CameraStateSchema.nullable(),
    degraded: z.boolean(),
  })
  .strict();
export type CounterTile = z.infer<typeof CounterTileSchema>;

export const TilesQuerySchema = z.object({ centreId: IdSchema.optional() }).strict();
export const TilesResponseSchema = z.object({ tiles: z.array(CounterTileSchema), at: EpochMsSchema }).strict();
export type TilesResponse = z.infer<typeof TilesResponseSchema>;

/**
 * GET /api/events is a Server-Sent Events stream; each `data:` line is one LiveEvent as JSON and the SSE
 * `event:` name equals `type`. The stream is filtered to the user's centre.
 */
export const LiveEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("hello"), at: EpochMsSchema }).strict(),
  z.object({ type: z.literal("tile"), tile: CounterTileSchema }).strict(),
  z.object({ type: z.literal("incident"), incident: IncidentDtoSchema }).strict(),
  z.object({ type: z.literal("incident-ack"), incident: IncidentDtoSchema }).strict(),
  z
    .object({ type: z.literal("incident-update"), incident: IncidentDtoSchema })
    .strict()
    .describe("an incident changed while its visit lasts (peak, time, episodes) or its visit ended"),
  z
    .object({
      type: z.literal("agent"),
      agentId: IdSchema,
      online: z.boolean(),
      at: EpochMsSchema,
    })
    .strict(),
]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;
export type LiveEventType = LiveEvent["type"];
