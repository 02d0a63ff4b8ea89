import { z } from "zod";
import { LevelSharesSchema } from "../messages/common.js";

/**
 * HTTP API conventions shared by the hub and the dashboards (browser-safe: zod only).
 * Times are epoch ms; calendar buckets (day/week/month, hour of day, weekday) are computed by the hub in
 * the hub's time zone (Asia/Ho_Chi_Minh by default), reported in `timeZone` where it matters.
 */
export const API_PREFIX = "/api";
export const SESSION_COOKIE = "hailong_session";
/** Every mutating request (POST/PUT/DELETE) under /api must echo the session's csrf token in this header. */
export const CSRF_HEADER = "x-csrf-token";

export const ROLES = ["centre_leader", "department_head", "supervisor", "installer", "admin", "official"] as const;
export const RoleSchema = z
  .enum(ROLES)
  .describe(
    "centre_leader/supervisor/department_head see their own centre; admin and installer see all; official (cán bộ) sees only their own figures",
  );
export type Role = z.infer<typeof RoleSchema>;

export const API_ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "csrf_mismatch",
  "not_found",
  "conflict",
  "rate_limited",
  "note_too_long",
  "agent_offline",
  "agent_timeout",
  "agent_error",
  "internal",
] as const;
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorSchema = z
  .object({
    error: z.object({ code: ApiErrorCodeSchema, message: z.string() }).strict(),
  })
  .strict()
  .describe("body of every non-2xx response under /api");
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const LevelCountsSchema = z
  .object({
    very_satisfied: z.number().int().nonnegative(),
    satisfied: z.number().int().nonnegative(),
    neutral: z.number().int().nonnegative(),
    dissatisfied: z.number().int().nonnegative(),
  })
  .strict()
  .describe("visits counted at each level");
export type LevelCounts = z.infer<typeof LevelCountsSchema>;

/** Query strings arrive as text: numbers are coerced. */
export const QueryEpochMsSchema = z.coerce.number().int().nonnegative().describe("Unix epoch milliseconds");

export const DateRangeQuerySchema = z
  .object({
    from: QueryEpochMsSchema.describe("inclusive start"),
    to: QueryEpochMsSchema.describe("exclusive end"),
  })
  .strict();
export type DateRangeQuery = z.infer<typeof DateRangeQuerySchema>;

export const PERIODS = ["hour", "day", "week", "month"] as const;
export const PeriodSchema = z.enum(PERIODS);
export type Period = z.infer<typeof PeriodSchema>;

export const SCOPES = ["counter", "department", "centre"] as const;
export const ScopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * Aggregated satisfaction over some set of ended visits (docs/scoring.md). Each visit counts once at its overall
 * level, and as dissatisfied when it had an incident; `shares` are shares of those visits.
 */
export const SatisfactionSummarySchema = z
  .object({
    visits: z.number().int().nonnegative(),
    levelCounts: LevelCountsSchema,
    shares: LevelSharesSchema.describe("share of visits at each level (sums to 1 with visits, all 0 without)"),
    satisfactionRate: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe("tỷ lệ hài lòng: % of visits very satisfied or satisfied; null without visits"),
    score: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe("satisfaction index: mean 0..100 visit score (neutral 50); null without visits"),
    incidents: z.number().int().nonnegative(),
  })
  .strict();
export type SatisfactionSummary = z.infer<typeof SatisfactionSummarySchema>;

export const OkSchema = z.object({ ok: z.literal(true) }).strict();
