import { z } from "zod";
import { EpochMsSchema, IdSchema, ProbabilitySchema } from "../messages/common.js";
import { QueryEpochMsSchema, type Role } from "./common.js";

export const INCIDENT_STATUSES = ["open", "acknowledged"] as const;
/** What the person who acknowledged found: handled, a false alarm (the citizen was not irritated), real but nothing to do. */
export const INCIDENT_OUTCOMES = ["handled", "false-alarm", "no-action"] as const;
export const IncidentOutcomeSchema = z.enum(INCIDENT_OUTCOMES);
export type IncidentOutcome = z.infer<typeof IncidentOutcomeSchema>;
/** Longest acknowledgement note kept; a longer one is refused (`note_too_long`), never cut. */
export const ACK_NOTE_MAX_CHARS = 2000;
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

/** Someone who was not texted about an incident, and why (shown in Vietnamese by the dashboards). */
export const SmsHeldBackDtoSchema = z
  .object({
    personName: z.string(),
    reason: z
      .string()
      .describe("cooldown, hourly-cap, quiet-hours, agent-offline, agent-degraded, stale (the hub's alert policy)"),
  })
  .strict();
export type SmsHeldBackDto = z.infer<typeof SmsHeldBackDtoSchema>;

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
    outcome: IncidentOutcomeSchema.nullable(),
    notifications: z.array(NotificationDtoSchema),
    smsHeldBack: z.array(SmsHeldBackDtoSchema).describe("people not texted about this incident, with the reason"),
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
export const AcknowledgeRequestSchema = z
  .object({
    note: z
      .string()
      .max(100_000)
      .optional()
      .describe(`kept whole up to ${ACK_NOTE_MAX_CHARS} characters; longer is refused with note_too_long`),
    outcome: IncidentOutcomeSchema.optional(),
  })
  .strict();
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequestSchema>;
export const IncidentParamsSchema = z.object({ incidentId: z.string().min(1).max(64) }).strict();

/** GET /api/counters/:counterId/alert-calibration (admins): the false-alarm evidence and a proposed threshold. */
export const AlertCalibrationSchema = z
  .object({
    counterId: IdSchema,
    currentThreshold: ProbabilitySchema.nullable().describe("threshold of the counter's latest incident"),
    incidents: z.number().int().nonnegative().describe("acknowledged incidents with an outcome (labels)"),
    falseAlarms: z.number().int().nonnegative(),
    precisionNow: z.number().min(0).max(1).nullable(),
    proposedThreshold: ProbabilitySchema.nullable().describe("null: the evidence does not support a change"),
    precisionProposed: z.number().min(0).max(1).nullable(),
    realMissed: z.number().int().nonnegative().describe("real incidents the proposed threshold would have missed"),
    medianAckMs: z.number().nonnegative().nullable().describe("median time from onset to acknowledgement"),
  })
  .strict();
export type AlertCalibration = z.infer<typeof AlertCalibrationSchema>;

/**
 * Who may acknowledge an incident (one rule for the hub's API and the dashboards' button): admins, the centre
 * leader of the counter's centre, and the head of the department responsible for the counter's field. Everyone
 * else (supervisors, other departments' heads, installers) sees the incident but cannot act on it.
 */
export function mayAcknowledge(
  viewer: { role: Role; centreId: string | null; departmentId: string | null },
  counter: { centreId: string; departmentId: string | null },
): boolean {
  if (viewer.role === "admin") return true;
  if (viewer.role === "centre_leader") return viewer.centreId === counter.centreId;
  if (viewer.role === "department_head") {
    return counter.departmentId !== null && viewer.departmentId === counter.departmentId;
  }
  return false;
}
