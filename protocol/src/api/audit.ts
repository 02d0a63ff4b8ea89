import { z } from "zod";
import { EpochMsSchema } from "../messages/common.js";
import { QueryEpochMsSchema } from "./common.js";

export const AUDIT_ACTIONS = [
  "incident.ack",
  "tuning.push",
  "test-incident",
  "login",
  "logout",
  "snapshot.faces",
  "agent.credentials",
  "roster.import",
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: EpochMsSchema,
    actor: z.string().describe("username, or sms:<person id> for an SMS acknowledge link"),
    action: AuditActionSchema,
    target: z.string(),
    detail: z.record(z.string(), z.unknown()),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** GET /api/audit (admin) */
export const AuditQuerySchema = z
  .object({
    from: QueryEpochMsSchema.optional(),
    to: QueryEpochMsSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export const AuditListResponseSchema = z.object({ items: z.array(AuditEntrySchema) }).strict();
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;
