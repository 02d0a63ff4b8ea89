import { z } from "zod";
import { IdSchema } from "../messages/common.js";
import { RoleSchema } from "./common.js";

export const LoginRequestSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const SessionUserSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    centreId: IdSchema.nullable().describe("the only centre this user may see; null = all centres"),
    departmentId: IdSchema.nullable(),
  })
  .strict();
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** Answer of POST /api/auth/login and GET /api/auth/me. The session itself is an http-only cookie. */
export const SessionInfoSchema = z
  .object({
    user: SessionUserSchema,
    csrfToken: z.string().min(16).describe("send back in the x-csrf-token header on every mutating request"),
    expiresAt: z.number().int(),
  })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
