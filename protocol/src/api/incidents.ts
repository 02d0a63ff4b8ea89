import { z } from "zod";
import { EpochMsSchema, IdSchema, ProbabilitySchema } from "../messages/common.js";
import { QueryEpochMsSchema } from "./common.js";

export const INCIDENT_STATUSES = ["open", "acknowledged"] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);

export const NotificationDtoSchema = z
  .object({
    personName: z.string(),
    phoneMasked: z.string(),
    status: z.string().describe("SMS outbox state: pending, sending, sent, delivered, failed, suppressed..."),
    updatedAt: EpochMsSchema,
  })
  .strict();
export type NotificationDto = z.infer<typeof NotificationDtoSchema>;

export const IncidentDtoSchema = z
  .object({
    id: z.string(),
    counterId: IdSchema,
    counterName: z.string(),
    centreId: IdSchema,
    field: z.string(),
    visitId: z.string(),
    onset: EpochMsSchema,
    raisedAt: EpochMsSchema,
    peak: ProbabilitySchema,
    durationMs: z.number().int().nonnegative().describe("total time the citizen looked dissatisfied"),
    episodes: z.number().int().min(1).describe("separate stretches of dissatisfaction during the visit"),
    lastSeenAt: EpochMsSchema.nullable().describe("last time the citizen was seen dissatisfied"),
    endedAt: EpochMsSchema.nullable().describe("when the visit ended; null while the citizen is still there"),
    test: z.boolean(),
    status: IncidentStatusSchema,
    acknowledgedBy: z.string().nullable().describe("display name of who acknowledged"),
    acknowledgedAt: EpochMsSchema.nullable(),
    ackNote: z.string().nullable(),
    ackVia: z.enum(["dashboard", "sms_link"]).nullable(),
    notifications: z.array(NotificationDtoSchema),
  })
  .strict();
export type IncidentDto = z.infer<typeof IncidentDtoSchema>;

/** GET /api/incidents */
export const IncidentListQuerySchema = z
  .object({
    centreId: IdSchema.optional(),
    field: z.string().max(64).optional(),
    counterId: IdSchema.optional(),
    status: IncidentStatusSchema.optional(),
    from: QueryEpochMsSchema.optional(),
    to: QueryEpochMsSchema.optional(),
    includeTest: z.enum(["true", "false"]).optional().describe("test incidents are hidden unless true"),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z.string().optional().describe("cursor: nextCursor of the previous page"),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuerySchema>;

export const IncidentListResponseSchema = z
  .object({ items: z.array(IncidentDtoSchema), nextCursor: z.string().nullable() })
  .strict();
export type IncidentListResponse = z.infer<typeof IncidentListResponseSchema>;

/** POST /api/incidents/:incidentId/ack (and the form at POST /a/:token) */
export const AcknowledgeRequestSchema = z.object({ note: z.string().max(500).optional() }).strict();
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequestSchema>;
export const IncidentParamsSchema = z.object({ incidentId: z.string().min(1).max(64) }).strict();
