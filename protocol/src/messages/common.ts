import { z } from "zod";
import { ID_PATTERN } from "../topics.js";

export const PROTOCOL_VERSION = 1;

export const VersionSchema = z.literal(PROTOCOL_VERSION).describe("protocol version; bumped on breaking changes");
export const IdSchema = z.string().regex(ID_PATTERN).describe("agent or counter id (a single topic level)");
/** Unique per message; the hub dedupes on it, so a redelivered message is stored once. */
export const MessageIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const EpochMsSchema = z.number().int().nonnegative().describe("Unix epoch milliseconds");
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
export const ProbabilitySchema = z.number().min(0).max(1);

/** The four satisfaction levels ward centres report. */
export const SATISFACTION_LEVELS = ["very_satisfied", "satisfied", "neutral", "dissatisfied"] as const;
export const SatisfactionLevelSchema = z.enum(SATISFACTION_LEVELS);
export type SatisfactionLevel = z.infer<typeof SatisfactionLevelSchema>;

export const LevelSharesSchema = z
  .object({
    very_satisfied: ProbabilitySchema,
    satisfied: ProbabilitySchema,
    neutral: ProbabilitySchema,
    dissatisfied: ProbabilitySchema,
  })
  .strict()
  .describe("share of observed time at each level; sums to 1 (or all 0 when nothing was observed)");
export type LevelShares = z.infer<typeof LevelSharesSchema>;

export const ScoreSchema = z
  .number()
  .min(0)
  .max(100)
  .describe("satisfaction score 0 (dissatisfied) .. 100 (very satisfied)");
